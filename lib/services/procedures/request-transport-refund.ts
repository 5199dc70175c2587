import 'server-only'
import { getDb } from '@/lib/db/client'
import { findPersonOfInsured } from '@/lib/db/repositories/people'
import { listStandingRefunds } from '@/lib/db/repositories/procedures'
import { findUploadOfInsured } from '@/lib/db/repositories/uploads'
import { checkNotClaimedTwice, checkTransportRefund, type TRefundEstimate, type TTransportMode } from '@/lib/domain/procedures/refunds'
import { ZEstimateTransportRefund, ZTransportRefund } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import type { CalendarDate } from '@/lib/domain/dates'
import { loadRuleSet, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { getRefundEstimator } from './refund-estimator'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/** The person's standing requests of this type, the replay of this very submission (same idempotency key) left out. */
async function standing(owner: string, beneficiaryId: string | null, idempotencyKey: string | undefined) {
  const rows = await listStandingRefunds(getDb(), owner, 'transport-refund', beneficiaryId)
  return rows.filter((r) => !idempotencyKey || r.idempotencyKey !== idempotencyKey).map((r) => ({ reference: r.reference, payload: JSON.parse(r.payload) as Record<string, unknown> }))
}

type TTripData = { beneficiaryId?: string; mode: TTransportMode; tripDate: string; prescriptionDate: string; km?: number; amount?: number; tolls?: number; parking?: number; returnTrip?: boolean; reason: string; idempotencyKey?: string }

async function prepare(actor: TActor, insuredId: string | undefined, data: TTripData, now: Date) {
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' })
  const person = await findPersonOfInsured(db, owner, data.beneficiaryId)
  if (!person) throw new AppError('notFound', 404)
  const rules = await loadRuleSet(db)
  const checked = orRefuse(checkTransportRefund(data as Parameters<typeof checkTransportRefund>[0], { today: todayOf(now), birthDate: person.birthDate as CalendarDate, rules }))
  orRefuse(checkNotClaimedTwice({ tripDate: data.tripDate as CalendarDate, mode: data.mode, km: data.km ?? null, amount: data.amount ?? null }, await standing(owner, person.beneficiaryId, data.idempotencyKey)))
  const estimate = await getRefundEstimator()(checked.lines, { insuredId: owner, beneficiaryId: person.beneficiaryId })
  return { owner, person, checked, estimate }
}

/** The estimate shown before submitting (from the engine; null while it is not wired). Errors: procedureErrors.transport.*, procedureErrors.refund.*. */
export async function estimateTransportRefund({ actor, insuredId, input, now }: { actor: TActor; insuredId?: string; input: unknown; now: Date }): Promise<TRefundEstimate> {
  return (await prepare(actor, insuredId, ZEstimateTransportRefund.parse(input), now)).estimate
}

/**
 * Request the refund of a prescribed trip: by personal car (km) or by ambulance / VSL / taxi conventionné (the amount
 * paid, with the invoice), tolls and parking with their receipts; the prescription uploaded. Every file must be the
 * person's own upload (checked by upload-file: upload-limits, check-upload-content).
 */
export async function requestTransportRefund({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult & { estimate: TRefundEstimate }> {
  const data = ZTransportRefund.parse(input)
  const now = ctx.now
  const { owner, person, checked, estimate } = await prepare(actor, insuredId, data, now)
  const uploadIds = [data.prescriptionUploadId, ...(data.mode !== 'car' && data.invoiceUploadId ? [data.invoiceUploadId] : []), ...(data.tolls || data.parking ? data.receiptUploadIds : [])]
  for (const id of uploadIds) if (!(await findUploadOfInsured(getDb(), owner, id))) throw new AppError('procedureErrors.upload.notFound', 404)
  const result = await submitProcedure({
    actor,
    insured: await insuredFactsOrThrow(owner),
    type: 'transport-refund',
    beneficiaryId: person.beneficiaryId,
    payload: {
      mode: data.mode,
      tripDate: data.tripDate,
      prescriptionDate: data.prescriptionDate,
      km: data.km ?? null,
      amount: data.mode === 'car' ? null : (data.amount ?? null),
      tolls: data.tolls ?? null,
      parking: data.parking ?? null,
      returnTrip: data.mode !== 'car' && data.returnTrip,
      reason: data.reason,
      lines: checked.lines,
      estimate,
    },
    idempotencyKey: data.idempotencyKey,
    uploadIds,
    rules: await loadRuleSet(getDb()),
    now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { mode: data.mode, km: data.km ?? null, tripDate: data.tripDate },
  })
  return { ...result, estimate }
}
