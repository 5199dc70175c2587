import { describe, expect, it } from 'vitest'
import { messageFiles, messages } from '@/lib/i18n/messages'

const { fr, en } = messages

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix]
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('message files (ARCHITECTURE convention 9: every string in FR and EN)', () => {
  it('feature files never define the same top-level namespace twice', () => {
    for (const files of [messageFiles.fr, messageFiles.en]) {
      const seen = new Map<string, string>()
      for (const [file, content] of Object.entries(files)) {
        for (const ns of Object.keys(content)) {
          expect(seen.get(ns), `namespace ${ns} in ${file}`).toBeUndefined()
          seen.set(ns, file)
        }
      }
    }
    expect(Object.keys(messageFiles.fr)).toEqual(Object.keys(messageFiles.en))
  })

  it('French and English define exactly the same keys', () => {
    const f = new Set(keys(fr))
    const e = new Set(keys(en))
    expect([...f].filter((k) => !e.has(k))).toEqual([])
    expect([...e].filter((k) => !f.has(k))).toEqual([])
  })

  it('no message is empty, and English messages are not left in French', () => {
    const flat = (obj: unknown, prefix = ''): [string, string][] =>
      typeof obj === 'string' ? [[prefix, obj]] : Object.entries(obj as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k))
    for (const [key, value] of [...flat(fr), ...flat(en)]) expect(value.trim(), key).not.toBe('')
    const frMap = new Map(flat(fr))
    const identical = flat(en).filter(([k, v]) => frMap.get(k) === v && v.length > 12)
    expect(identical.map(([k]) => k)).toEqual([])
  })

  it('every error code a service can raise has a message in both languages', () => {
    const codes = ['nir.required', 'nir.length', 'nir.format', 'nir.key', 'auth.passwordRequired', 'auth.emailRequired', 'auth.emailInvalid', 'auth.invalidCredentials', 'auth.locked', 'auth.rateLimited', 'auth.temporaryNumber', 'unexpected', 'forbidden', 'notFound']
    for (const messages of [fr, en]) {
      for (const code of codes) {
        const value = code.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], (messages as { errors: unknown }).errors)
        expect(typeof value, code).toBe('string')
      }
    }
  })
})
