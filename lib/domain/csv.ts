/**
 * CSV for spreadsheets (RFC 4180 quoting, `;` separator as French Excel expects, CRLF, UTF-8 BOM so that Excel reads
 * accents). Cells that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) get a leading
 * apostrophe (OWASP "CSV injection").
 */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n,']/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + '\r\n';
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return CSV_BOM + csvLine(header) + rows.map(csvLine).join('');
}
