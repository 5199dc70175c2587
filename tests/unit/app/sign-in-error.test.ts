import { describe, expect, it } from 'vitest'
import { decodeSignInError, encodeSignInError, signInErrorMessage } from '@/lib/auth/sign-in-error'
import { createTranslator } from 'next-intl'
import { messages } from '@/lib/i18n/messages'

describe('the sign-in page says how long to wait (issue 13 item 3, ADR 0004)', () => {
  it('carries the wait of the throttling codes only, and reads it back rounded up to the minute', () => {
    expect(encodeSignInError('auth.temporarilyLocked', { retryAfterSeconds: 900 })).toBe('auth.temporarilyLocked:900')
    expect(encodeSignInError('auth.slowDown', { retryAfterSeconds: 4.2 })).toBe('auth.slowDown:5')
    expect(encodeSignInError('auth.invalidCredentials', { retryAfterSeconds: 900 })).toBe('auth.invalidCredentials')
    expect(decodeSignInError('auth.rateLimited:61')).toEqual({ code: 'auth.rateLimited', values: { seconds: 61, minutes: 2 } })
    expect(decodeSignInError('<script>')).toBeNull()
    expect(decodeSignInError('auth.rateLimited:1234567')).toBeNull()
  })

  it('renders the message with its wait in French and in English; an unknown code gives the generic message', () => {
    const fr = createTranslator({ locale: 'fr', messages: messages.fr, namespace: 'errors' })
    const en = createTranslator({ locale: 'en', messages: messages.en, namespace: 'errors' })
    expect(signInErrorMessage(fr as never, 'auth.temporarilyLocked:900')).toContain('Réessayez dans 15 minutes.')
    expect(signInErrorMessage(en as never, 'auth.temporarilyLocked:60')).toContain('Try again in 1 minute.')
    expect(signInErrorMessage(fr as never, 'auth.slowDown:5')).toContain('patientez 5 secondes')
    expect(signInErrorMessage(fr as never, 'auth.nope')).toBe('Identifiant ou mot de passe incorrect.')
    // Without a wait (an old link), the message still renders.
    expect(signInErrorMessage(en as never, 'auth.rateLimited')).toContain('Try again in 15 minutes.')
  })
})
