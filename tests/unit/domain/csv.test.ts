import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '@/lib/domain/csv'

describe('CSV export (issue 6 §8: proper escaping, CSV-injection protection, UTF-8 BOM for Excel)', () => {
  it('quotes separators, quotes and line breaks (RFC 4180), leaves plain cells alone', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a;b')).toBe('"a;b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(42)).toBe('42')
  })

  it('neutralises cells a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      const cell = csvCell(evil)
      expect(cell.replace(/^"/, '').startsWith("'")).toBe(true)
    }
    expect(csvCell(-5)).toBe('-5')
  })

  it('starts with the UTF-8 BOM and ends lines with CRLF', () => {
    const csv = toCsv(['a', 'b'], [['é', 'x;y']])
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toBe('\uFEFFa;b\r\né;"x;y"\r\n')
  })
})
