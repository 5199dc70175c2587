import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { insertPendingRuleRow, listRuleRowsForAdmin } from '@/lib/db/repositories/rules'
import { can, type Role } from '@/lib/auth/permissions'
import { addMonths, type CalendarDate } from '@/lib/domain/dates'
import { dayKey, overlayRuleRows, RuleDataError, RuleSet, type RuleRow } from '@/lib/domain/rules/rule-set'
import { checkRuleValue, isBigChange, RULE_ROW_HORIZON_MONTHS } from '@/lib/domain/rules/rule-row-guard'
import { parseEurosToCents } from '@/lib/domain/money'
import { AppError } from '@/lib/errors'
import { ZAddRuleRow } from '@/lib/schemas/rules'
import { bundledRuleRows } from '@/prisma/rules'

export type TFieldErrors = Partial<Record<'key' | 'value' | 'from' | 'source' | 'note', string>>

/** The value in force on the new row's start date, for the "are you sure?" step of a large change. */
export type TBigChange = { current: number; proposed: number; unit: string }

/**
 * A supervisor proposes a future-dated value for an existing rule (ARCHITECTURE §3: rules are data). The row waits
 * for a second supervisor's approval (four eyes, issue 17 §5); only then do the engine, the simulator, the API and
 * the batch command apply it, from its date on. Refused: an unknown key, a date that is not after `today` or more
 * than 5 years ahead, a second row of the key starting the same day, a value that does not fit the unit (an amount
 * in euros, a rate between 0 and 100 %, no zero base for an act). A value that moves more than ±50 % from the one in
 * force on that date needs an explicit confirmation (`confirm`): typing 3200 for 32,00 € is caught there.
 * Written with its audit event in one transaction.
 */
export async function addRuleRow({
  actor,
  input,
  today,
  ip,
  userAgent,
}: {
  actor: { id: string; role: Role }
  input: unknown
  /** "YYYY-MM-DD" in Europe/Paris (the caller's clock). */
  today: string
  ip: string | null
  userAgent: string | null
}): Promise<{ ok: true; id: string } | { ok: false; fieldErrors: TFieldErrors; bigChange?: TBigChange }> {
  if (!can(actor.role, 'update:tariffs:any')) throw new AppError('forbidden', 403)
  const parsed = ZAddRuleRow.safeParse(input)
  if (!parsed.success) {
    const fieldErrors: TFieldErrors = {}
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as keyof TFieldErrors
      fieldErrors[field] ??= `errors.${field}`
    }
    return { ok: false, fieldErrors }
  }
  const { key, value, from, source, note, confirm } = parsed.data
  const db = getDb()
  const stored = await listRuleRowsForAdmin(db)
  const approved = overlayRuleRows(bundledRuleRows, stored.filter((r) => r.status === 'approved'))
  const sameKey = approved.filter((r) => r.key === key)
  if (sameKey.length === 0) return { ok: false, fieldErrors: { key: 'errors.unknownKey' } }
  if (dayKey(from) <= dayKey(today)) return { ok: false, fieldErrors: { from: 'errors.notFuture' } }
  if (dayKey(from) > dayKey(addMonths(today as CalendarDate, RULE_ROW_HORIZON_MONTHS))) return { ok: false, fieldErrors: { from: 'errors.tooFar' } }
  const taken = sameKey.some((r) => r.from === from) || stored.some((r) => r.key === key && r.from === from && r.status === 'pending')
  if (taken) return { ok: false, fieldErrors: { from: 'errors.duplicate' } }
  const unit = sameKey[0]!.unit
  const amount = unit === 'cents' ? parseEurosToCents(value) : /^\d{1,9}$/.test(value) ? Number(value) : null
  if (amount === null) return { ok: false, fieldErrors: { value: unit === 'cents' ? 'errors.valueCents' : 'errors.valueInteger' } }
  const refused = checkRuleValue(key, unit, amount)
  if (refused) return { ok: false, fieldErrors: { value: `errors.${refused}` } }
  const rules = new RuleSet(approved)
  const current = rules.rowAt(key, from)?.value
  if (current !== undefined && !confirm && isBigChange(current, amount)) {
    return { ok: false, fieldErrors: { value: 'errors.bigChange' }, bigChange: { current, proposed: amount, unit } }
  }
  const row: RuleRow = { key, value: amount, unit, from, source, note: note ?? null }
  try {
    new RuleSet([...approved, row])
  } catch (error) {
    if (error instanceof RuleDataError) return { ok: false, fieldErrors: { value: 'errors.invalid' } }
    throw error
  }
  const id = await db.$transaction(async (tx) => {
    const created = await insertPendingRuleRow(tx, row, actor.id)
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      action: 'rule.add',
      targetType: 'rule-parameter',
      targetId: created,
      details: { key, value: amount, unit, from, source, status: 'pending', valueInForce: current ?? null, confirmedLargeChange: confirm === true },
      ip,
      userAgent,
    })
    return created
  })
  return { ok: true, id }
}
