/**
 * Rows for PostgreSQL's `COPY … FROM STDIN` in its text format (ADR 0005: the batch liquidation's writer on
 * PostgreSQL), sent through pg-copy-streams. Text format: one row per line, columns separated by a tab, NULL
 * written `\N`; a backslash, a tab, a newline or a carriage return inside a value is escaped with a
 * backslash (`\\`, `\t`, `\n`, `\r`), so no value can end its column or its row early, and no value can read
 * as `\N` or as the end-of-data marker `\.`. Booleans are `t` / `f`; numbers are written as JavaScript
 * writes them (the columns are integers, checked by the caller's types).
 */
import type { Value } from './sqlite-bulk'

/** Characters that must be escaped in a text-format COPY value. */
const SPECIAL = /[\\\t\n\r]/
const SPECIAL_ALL = /[\\\t\n\r]/g
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** One value in COPY text format (without its delimiter). */
export function copyTextValue(value: Value): string {
  if (value === null) return '\\N'
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : value
  if (typeof value === 'boolean') return value ? 't' : 'f'
  return String(value)
}

/** One row: its values separated by tabs, ended by a newline. */
export function copyTextRow(row: readonly Value[]): string {
  let line = ''
  for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : '\t') + copyTextValue(row[i]!)
  return line + '\n'
}

/** Rows → the COPY text of them all. */
export function copyTextRows(rows: readonly (readonly Value[])[]): string {
  let text = ''
  for (const row of rows) text += copyTextRow(row)
  return text
}
