import { describe, expect, it } from 'vitest'
import { installLogger, maskPersonalData } from '@/scripts/server/logger.mjs'
import { log } from '@/lib/observability/log'

/** Issue 14 item 5: JSON lines with the request id, and no NIR, IBAN, e-mail or phone number in them. */
describe('structured logs (pino)', () => {
  it('masks NIRs (with or without key, spaces, Corsica), IBANs, e-mail addresses and phone numbers', () => {
    expect(maskPersonalData('NIR 1840275123456 78 refused')).toBe('NIR [nir] refused')
    expect(maskPersonalData('nir=2 85 05 2A 123 456')).toBe('nir=[nir]')
    expect(maskPersonalData('iban FR76 3000 6000 0112 3456 7890 189 rejected')).toBe('iban [iban] rejected')
    expect(maskPersonalData('IBAN FR7630006000011234567890189')).toBe('IBAN [iban]')
    expect(maskPersonalData('mail to jonathan.martin@example.org failed')).toBe('mail to [email] failed')
    expect(maskPersonalData('sms to 06 12 34 56 78 and +33 6 12 34 56 78')).toBe('sms to [phone] and [phone]')
    expect(maskPersonalData('DEM-2026-FEDC03619A took 12 ms')).toBe('DEM-2026-FEDC03619A took 12 ms')
  })

  it('writes one JSON line per call with the request id of the request being handled, errors masked', () => {
    const lines: string[] = []
    const installed = installLogger({ stream: { write: (line: string) => lines.push(line) } })
    try {
      installed.requests.run({ requestId: 'req-12345678' }, () => {
        log.error('procedure action failed', { err: new Error('unknown NIR 1840275123456 for jonathan@example.org') })
      })
      log.info('outside a request')
      const [inside, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(inside).toMatchObject({ level: 'error', msg: 'procedure action failed', reqId: 'req-12345678', err: { type: 'Error', message: 'unknown NIR [nir] for [email]' } })
      expect(JSON.stringify(inside)).not.toContain('1840275123456')
      expect(outside).toMatchObject({ level: 'info', msg: 'outside a request' })
      expect(outside).not.toHaveProperty('reqId')
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('ameli.log')]
    }
  })
})
