import { describe, expect, it } from 'vitest'
import { elidesBefore, FRENCH_MONTHS, frenchOf, monthYearLabel } from '@/lib/domain/french'
import { formatFileSize } from '@/lib/domain/file-size'

describe('French elision and lower-case months (issue 17 §4)', () => {
  it('elides "de" before a vowel or a mute h, with the typographic apostrophe', () => {
    expect(frenchOf('octobre 2026')).toBe('d’octobre 2026')
    expect(frenchOf('août')).toBe('d’août')
    expect(frenchOf('avril 2025')).toBe('d’avril 2025')
    expect(frenchOf('mai 2026')).toBe('de mai 2026')
    expect(frenchOf('juin')).toBe('de juin')
    expect(frenchOf(' Épiphanie')).toBe('d’Épiphanie')
    expect(elidesBefore('hiver')).toBe(true)
    expect(elidesBefore('décembre')).toBe(false)
  })
  it('exactly the months of April, August and October elide', () => {
    expect(FRENCH_MONTHS.filter((m) => elidesBefore(m))).toEqual(['avril', 'août', 'octobre'])
  })
  it('says a month with its year, lower-case in French, capitalised in English', () => {
    expect(monthYearLabel('2026-10', 'fr')).toBe('octobre 2026')
    expect(monthYearLabel('2026-08-15', 'fr')).toBe('août 2026')
    expect(monthYearLabel('2026-10', 'en')).toBe('October 2026')
    expect(`Relevé ${frenchOf(monthYearLabel('2026-10', 'fr'))}`).toBe('Relevé d’octobre 2026')
    expect(`Relevé ${frenchOf(monthYearLabel('2026-05', 'fr'))}`).toBe('Relevé de mai 2026')
    expect(() => monthYearLabel('2026-13', 'fr')).toThrow(RangeError)
  })
})

describe('file sizes in the page language (issue 17 §4: "kB" on English pages)', () => {
  it('kilobytes under a megabyte, at least 1', () => {
    expect(formatFileSize(10, 'fr')).toBe('1 Ko')
    expect(formatFileSize(10, 'en')).toBe('1 kB')
    expect(formatFileSize(200 * 1024, 'en')).toBe('200 kB')
  })
  it('megabytes with one decimal above, with the locale separator', () => {
    expect(formatFileSize(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB')
    expect(formatFileSize(1.5 * 1024 * 1024, 'fr')).toBe('1,5 Mo')
  })
})
