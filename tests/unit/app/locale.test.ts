import { describe, expect, it } from 'vitest'
import { localeFromAcceptLanguage } from '@/lib/i18n/config'

describe('locale from Accept-Language (French by default, English one header away)', () => {
  it('picks the highest-weighted supported language', () => {
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,fr;q=0.8')).toBe('en')
    expect(localeFromAcceptLanguage('de-DE,fr;q=0.5,en;q=0.4')).toBe('fr')
    expect(localeFromAcceptLanguage(null)).toBe('fr')
  })

  it('treats q=0 as "not acceptable"', () => {
    expect(localeFromAcceptLanguage('en;q=0, fr;q=0.1')).toBe('fr')
    expect(localeFromAcceptLanguage('fr;q=0, en;q=0.2')).toBe('en')
  })
})
