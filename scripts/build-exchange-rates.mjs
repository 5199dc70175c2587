#!/usr/bin/env node
// Builds prisma/rules/exchange-rates/ecb-eurofxref.json, the table of ECB euro foreign exchange reference rates
// the care-abroad form converts with (issue 19 §4), from one or more files in the ECB's eurofxref-hist.csv layout
// ("Date,USD,JPY,…", one row per publication day, "N/A" where none). Later files add the days the earlier ones
// lack; a day present in two files must carry the same figures (else the script stops), so two copies of the
// ECB file check each other. Only the currencies the form offers, from FROM on, are kept.
//
// Usage: node scripts/build-exchange-rates.mjs eurofxref-hist.csv [more.csv …]
// Plain Node ESM, no dependencies.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const CURRENCIES = ['USD', 'GBP', 'CHF', 'CAD', 'JPY', 'CNY', 'INR', 'BRL', 'TRY', 'PLN', 'RON', 'SEK'];
const FROM = '2023-12-01';
const out = resolve('prisma/rules/exchange-rates/ecb-eurofxref.json');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/build-exchange-rates.mjs eurofxref-hist.csv [more.csv …]');
  process.exit(2);
}
/** date → figures in CURRENCIES order */
const days = new Map();
for (const file of files) {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',').map((c) => c.trim());
  const at = CURRENCIES.map((c) => cols.indexOf(c));
  if (at.includes(-1)) throw new Error(`${file}: missing ${CURRENCIES.filter((_, i) => at[i] === -1).join(', ')}`);
  for (const line of lines) {
    const cells = line.split(',');
    const date = cells[0].trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < FROM) continue;
    const figures = at.map((i) => (cells[i] === undefined || cells[i].trim() === 'N/A' || cells[i].trim() === '' ? null : Number(cells[i])));
    if (figures.some((f) => f !== null && !(f > 0))) throw new Error(`${file}: bad figure on ${date}`);
    const known = days.get(date);
    if (known) {
      if (known.some((f, i) => f !== figures[i])) throw new Error(`${file}: ${date} differs from an earlier file`);
      continue;
    }
    days.set(date, figures);
  }
}
const dates = [...days.keys()].sort();
const previous = JSON.parse(readFileSync(out, 'utf8'));
const table = {
  ...previous,
  currencies: CURRENCIES,
  firstDate: dates[0],
  lastDate: dates[dates.length - 1],
  rows: dates.map((d) => [d, ...days.get(d)]),
};
writeFileSync(out, JSON.stringify(table, null, 0).replace(/\],\[/g, '],\n[') + '\n');
console.log(`${dates.length} days, ${table.firstDate} → ${table.lastDate}, written to ${out}`);
