import { describe, expect, it } from 'vitest'
import { copyTextRow, copyTextRows, copyTextValue } from '@/lib/db/pg-copy'

/**
 * A reader of PostgreSQL's COPY text format as its documentation describes it (sql-copy "Text Format"): rows end
 * at an unescaped newline, columns at an unescaped tab, `\N` alone is NULL, a backslash escapes the next
 * character (`\t`, `\n`, `\r`, `\\`, and the others as themselves). Used to check that what we write reads back.
 */
function readCopyText(text: string): (string | null)[][] {
  const rows: (string | null)[][] = []
  let row: (string | null)[] = []
  let value = ''
  let raw = ''
  const endValue = () => {
    row.push(raw === '\\N' ? null : value)
    value = ''
    raw = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\') {
      const n = text[++i]!
      raw += c + n
      value += n === 't' ? '\t' : n === 'n' ? '\n' : n === 'r' ? '\r' : n
    } else if (c === '\t') endValue()
    else if (c === '\n') {
      endValue()
      rows.push(row)
      row = []
    } else {
      value += c
      raw += c
    }
  }
  expect(value).toBe('') // the text ends with a newline
  return rows
}

const NASTY = [
  '',
  'plain',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'crlf\r\n',
  'back\\slash',
  '\\N',
  'N',
  '\\.',
  '\\',
  '\\\\t',
  'trailing\\',
  '\t\n\r\\',
  'quote " and \' and , ;',
  '{"code":"base","values":{"a":"x\\ty"}}',
  'émoji 💶 — àéïõù',
  '\u0001\u001f\u007f',
]

describe('COPY text format (lib/db/pg-copy.ts)', () => {
  it('escapes backslash, tab, newline and carriage return, and writes NULL as \\N', () => {
    expect(copyTextValue('a\tb')).toBe('a\\tb')
    expect(copyTextValue('a\nb')).toBe('a\\nb')
    expect(copyTextValue('a\rb')).toBe('a\\rb')
    expect(copyTextValue('a\\b')).toBe('a\\\\b')
    expect(copyTextValue('\\N')).toBe('\\\\N')
    expect(copyTextValue('\\.')).toBe('\\\\.')
    expect(copyTextValue(null)).toBe('\\N')
    expect(copyTextValue('')).toBe('')
    expect(copyTextValue(true)).toBe('t')
    expect(copyTextValue(false)).toBe('f')
    expect(copyTextValue(-1250)).toBe('-1250')
    expect(copyTextValue(0)).toBe('0')
  })

  it('no escaped value holds a raw tab, newline or carriage return', () => {
    for (const s of NASTY) expect(copyTextValue(s)).not.toMatch(/[\t\n\r]/)
  })

  it('nasty strings read back unchanged, each row with all its columns, NULL distinct from the text "\\N" and from ""', () => {
    const rows = NASTY.map((s, i) => [s, i, null, i % 2 === 0, `${s}|${s}`])
    const text = rows.map(copyTextRow).join('')
    const back = readCopyText(text)
    expect(back).toHaveLength(rows.length)
    back.forEach((row, i) => {
      const s = NASTY[i]!
      expect(row).toEqual([s, String(i), null, i % 2 === 0 ? 't' : 'f', `${s}|${s}`])
    })
  })

  it('rows give the same text together as row by row', () => {
    const rows = NASTY.map((s, i) => [i, s, null])
    expect(copyTextRows(rows)).toBe(rows.map(copyTextRow).join(''))
    expect(copyTextRows([])).toBe('')
  })
})
