import 'server-only'
import { getDb } from '@/lib/db/client'
import { findPersonOfInsured } from '@/lib/db/repositories/people'
import { listStandingRefunds } from '@/lib/db/repositories/procedures'
import { checkAbroadRefund, checkNotClaimedTwice, type TAbroadExchangeOutcome, type TAbroadRefund, type TRefundEstimate } from '@/lib/domain/procedures/refunds'
import { countryCurrencies, ecbReferenceRates } from '@/prisma/rules/exchange-rates'
import { ZAbroadRefund, ZEstimateAbroadRefund } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import type { CalendarDate } from '@/lib/domain/dates'
import { loadRuleSet, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { getRefundEstimator } from './refund-estimator'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/** The person's standing requests of this type, the replay of this very submission (same idempotency key) left out. */
async function standing(owner: string, beneficiaryId: string | null, idempotencyKey: string | undefined) {
  const rows = await listStandingRefunds(getDb(), owner, 'abroad-refund', beneficiaryId)
  return rows.filter((r) => !idempotencyKey || r.idempotencyKey !== idempotencyKey).map((r) => ({ reference: r.reference, payload: JSON.parse(r.payload) as Record<string, unknown> }))
}

async function prepare(actor: TActor, insuredId: string | undefined, data: TAbroadRefund & { beneficiaryId?: string; idempotencyKey?: string }, now: Date) {
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' })
  const person = await findPersonOfInsured(db, owner, data.beneficiaryId)
  if (!person) throw new AppError('notFound', 404)
  const rules = await loadRuleSet(db)
  const exchange = { rates: ecbReferenceRates, countries: countryCurrencies }
  const checked = orRefuse(checkAbroadRefund(data, { today: todayOf(now), birthDate: person.birthDate as CalendarDate, rules, exchange }))
  orRefuse(checkNotClaimedTwice({ careDate: data.careDate, amount: data.amount, currency: data.currency }, await standing(owner, person.beneficiaryId, data.idempotencyKey)))
  const estimate = await getRefundEstimator()(checked.lines, { insuredId: owner, beneficiaryId: person.beneficiaryId })
  return { owner, person, checked, estimate }
}

/** What the form shows before submitting: the conversion to euros (issue 19 §4) and the estimate on French tariffs. */
export type TAbroadEstimate = { estimate: TRefundEstimate; exchange: TAbroadExchangeOutcome; euroCents: number | null }

/** The estimate shown before submitting. Errors: procedureErrors.abroad.*, procedureErrors.refund.*. */
export async function estimateAbroadRefund({ actor, insuredId, input, now }: { actor: TActor; insuredId?: string; input: unknown; now: Date }): Promise<TAbroadEstimate> {
  const { checked, estimate } = await prepare(actor, insuredId, ZEstimateAbroadRefund.parse(input), now)
  return { estimate, exchange: checked.exchange, euroCents: checked.euroCents }
}

/**
 * Request the refund of care received abroad (form S3125): country, date, amount and currency, receipts.
 * Outside the EU/EEA/CH/UK only urgent care (procedureErrors.abroad.notUrgent).
 */
export async function requestAbroadRefund({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult & TAbroadEstimate & { zone: 'ehic' | 'other' }> {
  const data = ZAbroadRefund.parse(input)
  const now = ctx.now
  const { owner, person, checked, estimate } = await prepare(actor, insuredId, data, now)
  const conversion = checked.exchange.kind === 'converted' ? checked.exchange.conversion : null
  const result = await submitProcedure({
    actor,
    insured: await insuredFactsOrThrow(owner),
    type: 'abroad-refund',
    beneficiaryId: person.beneficiaryId,
    // The amount as paid (cents of its currency) and, when converted, the ECB rate, its date and the euros (issue 19 §4).
    payload: {
      country: data.country,
      careDate: data.careDate,
      careKind: data.careKind,
      amount: data.amount,
      currency: data.currency,
      urgent: data.urgent,
      otherCurrency: data.otherCurrency,
      rate: conversion?.rate ?? null,
      rateDate: conversion?.rateDate ?? null,
      rateSource: conversion?.source ?? null,
      euroAmount: checked.euroCents,
      zone: checked.zone,
      lines: checked.lines,
      estimate,
    },
    idempotencyKey: data.idempotencyKey,
    uploadIds: data.receiptUploadIds,
    rules: await loadRuleSet(getDb()),
    now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { country: data.country, careDate: data.careDate },
  })
  return { ...result, estimate, exchange: checked.exchange, euroCents: checked.euroCents, zone: checked.zone }
}
