import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { isUniqueViolation } from '@/lib/db/repositories/db-errors'
import { findInsuredFacts, type TInsuredFacts } from '@/lib/db/repositories/people'
import { attachUploads, createProcedure, findOpenProcedureByKey, findProcedureByIdempotencyKey, type TProcedureRow } from '@/lib/db/repositories/procedures'
import { estimatedCompletion, type TProcedureType } from '@/lib/domain/procedures/procedure-machine'
import type { Tx } from '@/lib/db/client'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { AppError } from '@/lib/errors'
import { auditRole, newReference, notifyProcedureChange, todayOf, type TActor } from './common'

export type TProcedureResult = { id: string; reference: string; type: string; status: string; estimatedCompletion: string | null; created: boolean }

function result(p: TProcedureRow, created: boolean): TProcedureResult {
  return { id: p.id, reference: p.reference, type: p.type, status: p.status, estimatedCompletion: p.estimatedCompletion, created }
}

/**
 * Writes a new procedure the way every "declare…/apply…/request…" service does: the same idempotency key returns
 * the first procedure (two clicks); an open procedure of the same kind (openKey, two tabs) is refused with
 * 'procedureErrors.procedure.pending' and nothing changes; the procedure, its first event, its uploads, the audit
 * event and the notification are written in ONE transaction. `extra` runs inside the same transaction (a card
 * blocked, an order placed…).
 */
export async function submitProcedure(args: {
  actor: TActor
  insured: TInsuredFacts
  type: TProcedureType
  beneficiaryId?: string | null
  payload: Record<string, unknown>
  idempotencyKey: string
  openKey?: string | null
  uploadIds?: string[]
  rules: RuleSet
  now: Date
  ip?: string | null
  userAgent?: string | null
  /** Audit details (never a full IBAN). */
  auditDetails?: Record<string, unknown>
  /** Status at creation (card loss is completed at once). */
  status?: 'submitted' | 'completed'
  extra?: (tx: Tx, procedure: TProcedureRow) => Promise<void>
}): Promise<TProcedureResult> {
  const db = getDb()
  const { insured, actor, now } = args
  const existing = await findProcedureByIdempotencyKey(db, args.idempotencyKey)
  if (existing) {
    if (existing.insuredId !== insured.id || existing.type !== args.type) throw new AppError('procedureErrors.procedure.idempotencyConflict', 409)
    return result(existing, false)
  }
  if (args.openKey && (await findOpenProcedureByKey(db, args.openKey))) {
    // Two clicks racing: the other request may have written its procedure between our idempotency lookup and this
    // check; the answer is that first procedure, not "pending" (seen in CI on PostgreSQL).
    const first = await findProcedureByIdempotencyKey(db, args.idempotencyKey)
    if (first && first.insuredId === insured.id && first.type === args.type) return result(first, false)
    throw new AppError('procedureErrors.procedure.pending', 409)
  }
  const status = args.status ?? 'submitted'
  const today = todayOf(now)
  try {
    const created = await db.$transaction(async (tx) => {
      const procedure = await createProcedure(
        tx,
        {
          reference: newReference('DEM', now),
          type: args.type,
          insuredId: insured.id,
          beneficiaryId: args.beneficiaryId ?? null,
          organisationId: insured.organisationId,
          status,
          payload: JSON.stringify(args.payload),
          estimatedCompletion: status === 'submitted' ? estimatedCompletion(args.type, today, args.rules) : null,
          idempotencyKey: args.idempotencyKey,
          openKey: status === 'submitted' ? (args.openKey ?? null) : null,
          submittedAt: now,
          closedAt: status === 'completed' ? now : null,
        },
        { actorUserId: actor.id, note: null },
      )
      const uploadIds = [...new Set(args.uploadIds ?? [])]
      if ((await attachUploads(tx, insured.id, procedure.id, uploadIds)) !== uploadIds.length) throw new AppError('procedureErrors.upload.notFound', 404)
      if (args.extra) await args.extra(tx, procedure)
      await writeAudit(tx, {
        actorUserId: actor.id,
        actorRole: auditRole(actor),
        action: `procedure.${args.type}.submit`,
        targetType: 'procedure',
        targetId: procedure.id,
        insuredId: insured.id,
        ip: args.ip ?? null,
        userAgent: args.userAgent ?? null,
        details: { reference: procedure.reference, ...(args.auditDetails ?? {}) },
      })
      await notifyProcedureChange(tx, insured, { reference: procedure.reference, type: args.type, status })
      return procedure
    })
    return result(created, true)
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Two clicks racing: the first one won; return its procedure (the violated index may be either key).
      const first = await findProcedureByIdempotencyKey(db, args.idempotencyKey)
      if (first && first.insuredId === insured.id) return result(first, false)
    }
    if (isUniqueViolation(error, 'openKey')) throw new AppError('procedureErrors.procedure.pending', 409)
    throw error
  }
}

/** The insured person's facts, or 404. */
export async function insuredFactsOrThrow(insuredId: string): Promise<TInsuredFacts> {
  const facts = await findInsuredFacts(getDb(), insuredId)
  if (!facts) throw new AppError('notFound', 404)
  return facts
}
