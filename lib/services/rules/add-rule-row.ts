import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { insertRuleRow, listRuleRows } from '@/lib/db/repositories/rules'
import { can, type Role } from '@/lib/auth/permissions'
import { dayKey, overlayRuleRows, RuleDataError, RuleSet, type RuleRow } from '@/lib/domain/rules/rule-set'
import { parseEurosToCents } from '@/lib/domain/money'
import { AppError } from '@/lib/errors'
import { ZAddRuleRow } from '@/lib/schemas/rules'
import { invalidateRuleEngine } from '@/lib/services/simulation/rule-engine'
import { bundledRuleRows } from '@/prisma/rules'

export type TFieldErrors = Partial<Record<'key' | 'value' | 'from' | 'source' | 'note', string>>

/**
 * A supervisor adds a future-dated value to an existing rule (ARCHITECTURE §3: rules are data). From that day on,
 * the engine, the simulator, the API and the batch command apply it; nothing changes before. Refused: an
 * unknown key, a date that is not after `today`, a second row of the key starting the same day, a value that
 * does not fit the unit. Written with its audit event in one transaction.
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
}): Promise<{ ok: true; id: string } | { ok: false; fieldErrors: TFieldErrors }> {
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
  const { key, value, from, source, note } = parsed.data
  const db = getDb()
  const existing = overlayRuleRows(bundledRuleRows, await listRuleRows(db))
  const sameKey = existing.filter((r) => r.key === key)
  if (sameKey.length === 0) return { ok: false, fieldErrors: { key: 'errors.unknownKey' } }
  if (dayKey(from) <= dayKey(today)) return { ok: false, fieldErrors: { from: 'errors.notFuture' } }
  if (sameKey.some((r) => r.from === from)) return { ok: false, fieldErrors: { from: 'errors.duplicate' } }
  const unit = sameKey[0]!.unit
  const amount = unit === 'cents' ? parseEurosToCents(value) : /^\d{1,9}$/.test(value) ? Number(value) : null
  if (amount === null || amount < 0 || (unit === 'percent' && amount > 1000)) return { ok: false, fieldErrors: { value: unit === 'cents' ? 'errors.valueCents' : 'errors.valueInteger' } }
  const row: RuleRow = { key, value: amount, unit, from, source, note: note ?? null }
  try {
    new RuleSet([...existing, row])
  } catch (error) {
    if (error instanceof RuleDataError) return { ok: false, fieldErrors: { value: 'errors.invalid' } }
    throw error
  }
  const id = await db.$transaction(async (tx) => {
    const created = await insertRuleRow(tx, row, actor.id)
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      action: 'rule.add',
      targetType: 'rule-parameter',
      targetId: created,
      details: { key, value: amount, unit, from, source },
      ip,
      userAgent,
    })
    return created
  })
  invalidateRuleEngine()
  return { ok: true, id }
}
