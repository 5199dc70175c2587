/**
 * The public catalogue of dated rule parameters (issue 16 item 7, the way OpenFisca publishes its parameters): for a
 * chosen date, every parameter in force, grouped for a reader, with its whole dated history. Pure: the caller passes
 * the rows (the approved rows of the database overlaid on the shipped ones) and the date.
 *
 * Semantics follow RuleSet (rule-set.ts): a row applies from `from` to `to` (inclusive); among rows of one key the
 * latest `from` wins. A row's effective end is therefore its own `to` or the day before the next row starts.
 */
import { addDays, type CalendarDate } from '../dates';
import { dayKey, RuleSet, type RuleRow, type RuleUnit } from './rule-set';

export const RULE_GROUPS = ['tariffs', 'rates', 'deductions', 'dailyAllowances', 'css', 'procedures', 'affiliation'] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];

/** The group a key is shown under, from its prefix. */
export function groupOf(key: string): RuleGroup {
  const head = key.split('.')[0]!;
  if (head === 'act' || head === 'sector-3' || head === 'base') return 'tariffs';
  if (head === 'rate' || head === 'pathway' || head === 'complementary' || key === 'hospital.full-rate-from-day') return 'rates';
  if (head === 'participation' || head === 'franchise' || head === 'exemption' || head === 'hospital') return 'deductions';
  if (head === 'ij' || head === 'smic' || head === 'pass') return 'dailyAllowances';
  if (head === 'css') return 'css';
  if (head === 'affiliation') return 'affiliation';
  return 'procedures';
}

/** How a value is said to a person; mostly the unit, with a few keys whose integer stands for something else. */
export type RuleDisplay = 'money' | 'percent' | 'basisPoints' | 'count' | 'days' | 'years' | 'months' | 'hundredths' | 'minutes' | 'pixels' | 'yesNo';

const UNIT_DISPLAY: Record<RuleUnit, RuleDisplay> = {
  cents: 'money',
  percent: 'percent',
  'basis-points': 'basisPoints',
  count: 'count',
  days: 'days',
  years: 'years',
  months: 'months',
};

export function displayOf(key: string, unit: RuleUnit): RuleDisplay {
  if (key.endsWith('-hundredths')) return 'hundredths'; // 9125 = 91.25 (integer rule values)
  if (key.endsWith('-minutes')) return 'minutes';
  if (key.startsWith('upload.photo.')) return 'pixels';
  if (key === 'ij.smic-reference.previous-month-end') return 'yesNo';
  return UNIT_DISPLAY[unit];
}

/** The message id of a key's plain-language label (message keys cannot contain dots). */
export function labelId(key: string): string {
  return key.replace(/\./g, '_');
}

/**
 * The reference a person can read: the source without the project's own pointers (RULEBOOK sections, contract
 * names), which stay for developers. Empty when the source was only such a pointer.
 */
export function publicReference(source: string): string {
  return source
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !/^(RULEBOOK|SIMULATION-API|SOURCES)\b/i.test(part))
    .join(' ; ');
}

export type RowState = 'past' | 'inForce' | 'future';

export interface PublicRuleRow {
  value: number;
  from: string;
  /** The last day the row applied or applies (its own end, or the day before the next row), null = open-ended. */
  until: string | null;
  reference: string;
  url: string | null;
  /** The figure is not confirmed by an official text yet ([U] in the data's note). */
  unconfirmed: boolean;
  state: RowState;
}

export interface PublicParameter {
  key: string;
  group: RuleGroup;
  unit: RuleUnit;
  display: RuleDisplay;
  /** The row in force on the chosen date. */
  current: PublicRuleRow;
  /** Every dated row of the key, oldest first (the one in force included, future rows too). */
  history: PublicRuleRow[];
}

export interface PublicRuleGroup {
  group: RuleGroup;
  parameters: PublicParameter[];
}

/**
 * The parameters in force on `date` ("YYYY-MM-DD", valid), grouped in RULE_GROUPS order and sorted by key inside a
 * group. A key with no row in force that day (not yet created, or ended) is left out. Empty groups are left out.
 */
export function parametersInForce(rows: readonly RuleRow[], date: string): PublicRuleGroup[] {
  const rules = new RuleSet(rows); // validates the rows and sorts each key's series
  const day = dayKey(date);
  const byGroup = new Map<RuleGroup, PublicParameter[]>();
  for (const key of rules.keys()) {
    const series = rules.series(key);
    const inForce = series.at(day);
    if (!inForce) continue;
    const ascending = [...series.rows].reverse();
    const history = ascending.map((row, i): PublicRuleRow => {
      const next = ascending[i + 1];
      const dayBeforeNext = next ? addDays(next.from as CalendarDate, -1) : null;
      const until = row.to && (!dayBeforeNext || dayKey(row.to) < dayKey(dayBeforeNext)) ? row.to : dayBeforeNext;
      const state: RowState = row === inForce ? 'inForce' : row.fromKey > day ? 'future' : 'past';
      return {
        value: row.value,
        from: row.from,
        until,
        reference: publicReference(row.source),
        url: row.url ?? null,
        unconfirmed: /\[U\]/.test(row.note ?? ''),
        state,
      };
    });
    const current = history.find((h) => h.state === 'inForce')!;
    const group = groupOf(key);
    const list = byGroup.get(group) ?? [];
    list.push({ key, group, unit: inForce.unit, display: displayOf(key, inForce.unit), current, history });
    byGroup.set(group, list);
  }
  return RULE_GROUPS.filter((g) => byGroup.has(g)).map((group) => ({ group, parameters: byGroup.get(group)! }));
}
