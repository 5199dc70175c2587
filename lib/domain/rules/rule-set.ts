/**
 * Dated rule parameters (ARCHITECTURE Conventions §3): every figure the portal computes with is a row
 * `{ key, value, unit, from, to?, source }`, shipped as data under `prisma/rules/` and stored in the
 * `RuleParameter` table. Looked up by `valueAt(key, date)`.
 *
 * Semantics of dates: a row applies from `from` (inclusive) to `to` (inclusive; null = open-ended).
 * When several rows of one key apply on a date, the row with the latest `from` wins. So a supervisor
 * adds a future-dated row without closing the current one, and results change from that date on.
 * `to` is only needed to end a rule without replacement (an act that leaves the nomenclature).
 *
 * Pure module. Lookups compare integer day keys (YYYYMMDD), never strings or timestamps.
 */

export type RuleUnit = 'cents' | 'percent' | 'count' | 'days' | 'years' | 'months' | 'basis-points';

export interface RuleRow {
  key: string;
  value: number;
  unit: RuleUnit;
  /** "YYYY-MM-DD", inclusive. */
  from: string;
  /** "YYYY-MM-DD", inclusive; null or absent = open-ended. */
  to?: string | null;
  /** RULEBOOK reference and documentary source. */
  source: string;
  /** The official page a person can read (Légifrance article, ameli or service-public page). */
  url?: string | null;
  note?: string | null;
}

/** A row as the engine sees it: its day-key bounds precomputed. */
export interface CompiledRow extends RuleRow {
  readonly fromKey: number;
  readonly toKey: number;
}

/** "YYYY-MM-DD" → YYYYMMDD as an integer (ordering-preserving; no validation, callers pass valid dates). */
export function dayKey(date: string): number {
  return (
    (date.charCodeAt(0) - 48) * 10_000_000 +
    (date.charCodeAt(1) - 48) * 1_000_000 +
    (date.charCodeAt(2) - 48) * 100_000 +
    (date.charCodeAt(3) - 48) * 10_000 +
    (date.charCodeAt(5) - 48) * 1_000 +
    (date.charCodeAt(6) - 48) * 100 +
    (date.charCodeAt(8) - 48) * 10 +
    (date.charCodeAt(9) - 48)
  );
}

const ROW_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const UNITS: ReadonlySet<string> = new Set(['cents', 'percent', 'count', 'days', 'years', 'months', 'basis-points']);

export class RuleDataError extends Error {}

/** One key's rows, sorted by `from` descending (latest first), for "latest from wins" lookups. */
export class RuleSeries {
  constructor(
    readonly key: string,
    readonly rows: readonly CompiledRow[],
  ) {}

  /** The row in force on the day `key` (YYYYMMDD), or undefined. */
  at(day: number): CompiledRow | undefined {
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.fromKey <= day) return row.toKey >= day ? row : undefined;
    }
    return undefined;
  }
}

const EMPTY = new RuleSeries('', []);

export class RuleSet {
  private readonly byKey: Map<string, RuleSeries>;

  constructor(readonly rows: readonly RuleRow[]) {
    const groups = new Map<string, CompiledRow[]>();
    for (const row of rows) {
      validateRow(row);
      const compiled: CompiledRow = { ...row, fromKey: dayKey(row.from), toKey: row.to ? dayKey(row.to) : 99_991_231 };
      const list = groups.get(row.key);
      if (list) list.push(compiled);
      else groups.set(row.key, [compiled]);
    }
    this.byKey = new Map();
    for (const [key, list] of groups) {
      list.sort((a, b) => b.fromKey - a.fromKey);
      for (let i = 1; i < list.length; i++) {
        if (list[i]!.fromKey === list[i - 1]!.fromKey) {
          throw new RuleDataError(`Two rows of "${key}" start on ${list[i]!.from}`);
        }
      }
      this.byKey.set(key, new RuleSeries(key, list));
    }
  }

  /** The series of `key` (empty when the key is unknown): precompile once, look up per line. */
  series(key: string): RuleSeries {
    return this.byKey.get(key) ?? EMPTY;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  keys(): string[] {
    return [...this.byKey.keys()].sort();
  }

  /** The row of `key` in force on `date` ("YYYY-MM-DD"), or undefined. */
  rowAt(key: string, date: string): CompiledRow | undefined {
    return this.series(key).at(dayKey(date));
  }

  /** The value of `key` on `date`; throws when no row applies (a missing figure is a data error). */
  valueAt(key: string, date: string): number {
    const row = this.rowAt(key, date);
    if (!row) throw new RuleDataError(`No rule "${key}" in force on ${date}`);
    return row.value;
  }
}

/**
 * The rows shipped with the code (prisma/rules) overlaid with the rows stored in the database: a stored row
 * with the same key and start date replaces the shipped one, and stored rows add future-dated values. A
 * database seeded before a new rule file shipped still gets the new rules.
 */
export function overlayRuleRows(shipped: readonly RuleRow[], stored: readonly RuleRow[]): RuleRow[] {
  const byId = new Map<string, RuleRow>();
  // The official page of a key (rows stored in the database have none of their own: they keep the shipped one).
  const urlOfKey = new Map<string, string>();
  for (const r of shipped) {
    byId.set(`${r.key}@${r.from}`, r);
    if (r.url) urlOfKey.set(r.key, r.url);
  }
  for (const r of stored) {
    const id = `${r.key}@${r.from}`;
    const url = r.url ?? byId.get(id)?.url ?? urlOfKey.get(r.key);
    byId.set(id, url ? { ...r, url } : r);
  }
  return [...byId.values()];
}

function validateRow(row: RuleRow): void {
  const where = `rule "${row.key}" from ${row.from}`;
  if (!row.key || typeof row.key !== 'string') throw new RuleDataError(`A rule row has no key`);
  if (!Number.isSafeInteger(row.value)) throw new RuleDataError(`${where}: value must be an integer`);
  if (!UNITS.has(row.unit)) throw new RuleDataError(`${where}: unknown unit ${row.unit}`);
  if (!ROW_DATE.test(row.from)) throw new RuleDataError(`${where}: bad from date`);
  if (row.to != null && (!ROW_DATE.test(row.to) || dayKey(row.to) < dayKey(row.from))) {
    throw new RuleDataError(`${where}: bad to date ${row.to}`);
  }
  if (!row.source || !row.source.trim()) throw new RuleDataError(`${where}: every rule names its source`);
}
