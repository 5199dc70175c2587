import { describe, expect, it } from 'vitest'
import { clientAddress, headerGetter, userAgentOf } from '@/lib/auth/client-address'

const from = (headers: Record<string, string>) => headerGetter(headers)

describe('clientAddress (audit IP and per-IP sign-in limit, ADR 0004)', () => {
  it('uses the address next start put in X-Forwarded-For when the client sent none', () => {
    expect(clientAddress(from({ 'x-forwarded-for': '203.0.113.7' }), 0)).toBe('203.0.113.7')
  })

  it('ignores what a client prepends: the rightmost entry is the one the nearest hop saw', () => {
    // A client sends "X-Forwarded-For: 1.2.3.4"; a reverse proxy appends the real peer.
    expect(clientAddress(from({ 'x-forwarded-for': '1.2.3.4, 198.51.100.9' }), 0)).toBe('198.51.100.9')
  })

  it('behind N trusted proxies, takes the N-th entry from the right', () => {
    expect(clientAddress(from({ 'x-forwarded-for': '1.2.3.4, 198.51.100.9, 10.0.0.2' }), 1)).toBe('198.51.100.9')
    expect(clientAddress(from({ 'x-forwarded-for': '198.51.100.9' }), 3)).toBe('198.51.100.9')
  })

  it('accepts IPv6, refuses text that is not an address, falls back to X-Real-IP', () => {
    expect(clientAddress(from({ 'x-forwarded-for': '2001:db8::1' }), 0)).toBe('2001:db8::1')
    expect(clientAddress(from({ 'x-forwarded-for': "'; DROP TABLE users; --" }), 0)).toBeNull()
    expect(clientAddress(from({ 'x-real-ip': '192.0.2.4' }), 0)).toBe('192.0.2.4')
    expect(clientAddress(from({}), 0)).toBeNull()
  })

  it('keeps at most 400 characters of the user agent', () => {
    expect(userAgentOf(from({ 'user-agent': 'x'.repeat(1000) }))).toHaveLength(400)
    expect(userAgentOf(from({}))).toBeNull()
  })
})
