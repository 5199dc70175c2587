import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'

/**
 * Every string of lib/i18n/messages is an ICU message that next-intl can parse. A French apostrophe typed before a
 * brace ("d'}") opens an ICU quote and made /compte/documents fail with INVALID_MESSAGE: typographic ’ is used in
 * messages, and a plain ' only where a literal brace is meant.
 */
describe('message catalogues (FR, EN)', () => {
  const root = path.join(process.cwd(), 'lib/i18n/messages')
  for (const lang of ['fr', 'en']) {
    it(`every ${lang} message parses as ICU MessageFormat`, () => {
      const bad: string[] = []
      const walk = (node: unknown, at: string) => {
        if (typeof node === 'string') {
          try {
            parse(node)
          } catch (error) {
            bad.push(`${at}: ${(error as Error).message}`)
          }
        } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, at ? `${at}.${k}` : k)
      }
      for (const file of readdirSync(path.join(root, lang)).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(path.join(root, lang, file), 'utf8')), file)
      expect(bad).toEqual([])
    })
  }
})
