'use server'

import { AppError, isAppError } from '@/lib/errors'
import { FormFieldsError, checkInput, runProcedureAction, translateCode, uploadedId, type TActionContext } from '@/lib/forms/procedure-action'
import { CSS_MAX_MEMBERS, type TFormState } from '@/components/procedures/form-state'
import {
  ZAbroadRefund,
  ZAdvanceProcedure,
  ZCssApplication,
  ZDeclareAddressChange,
  ZDeclareBankChange,
  ZDeclareBirth,
  ZDeclareCardLoss,
  ZDeclareMedecinTraitant,
  ZDeclareNameChange,
  ZEstimateAbroadRefund,
  ZEstimateTransportRefund,
  ZIssueProvisionalEhic,
  ZOrderEhic,
  ZOrderVitaleCard,
  ZTransportRefund,
} from '@/lib/schemas/procedures'
import { orderVitaleCard } from '@/lib/services/procedures/order-vitale-card'
import { declareCardLoss } from '@/lib/services/procedures/declare-card-loss'
import { orderEhic } from '@/lib/services/procedures/order-ehic'
import { issueProvisionalEhicCertificate } from '@/lib/services/procedures/issue-provisional-ehic-certificate'
import { declareAddressChange } from '@/lib/services/procedures/declare-address-change'
import { declareBankChange } from '@/lib/services/procedures/declare-bank-change'
import { declareNameChange } from '@/lib/services/procedures/declare-name-change'
import { declareBirth } from '@/lib/services/procedures/declare-birth'
import { applyForCss, assessCssApplication } from '@/lib/services/procedures/apply-for-css'
import { estimateTransportRefund, requestTransportRefund } from '@/lib/services/procedures/request-transport-refund'
import type { TAbroadExchangeOutcome, TRefundEstimateStep } from '@/lib/domain/procedures/refunds'
import { parseEurosToCents } from '@/lib/domain/money'
import { estimateAbroadRefund, requestAbroadRefund } from '@/lib/services/procedures/request-abroad-refund'
import { advanceProcedure } from '@/lib/services/procedures/advance-procedure'
import { declareMedecinTraitant } from '@/lib/services/procedures/declare-medecin-traitant'

/**
 * The server actions of "Mes démarches" (one per form, used with useActionState so that the forms also work
 * without JavaScript). Each: signed-in insured person → the service's schema (field errors) → the service →
 * revalidate → the result, or translated errors (runProcedureAction). The services check ownership and rules.
 */

type Ctx = TActionContext
const base = (ctx: Ctx) => ({ actor: ctx.actor, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
const photoMissing = 'procedurePages.errors.photoRequired'
const identityMissing = 'procedurePages.errors.identityRequired'
const fileMissing = 'procedureErrors.upload.required'

// ——— Vitale card ———
export type TVitaleOrderResult = { reference: string; estimatedDelivery: string | null; created: boolean }
export async function orderVitaleAction(_prev: TFormState<TVitaleOrderResult>, formData: FormData): Promise<TFormState<TVitaleOrderResult>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/carte-vitale',
    run: async (ctx) => {
      const v = ctx.values
      const photoUploadId = await uploadedId(ctx, 'photo', 'photo')
      const identityUploadId = await uploadedId(ctx, 'identity', 'identity')
      const input = await checkInput(
        ZOrderVitaleCard,
        { beneficiaryId: v.person, photoUploadId, identityUploadId, addressConfirmed: v.addressConfirmed === 'yes', idempotencyKey: v.idempotencyKey },
        { photoUploadId: 'photo', identityUploadId: 'identity', beneficiaryId: 'person' },
        { photo: !photoUploadId && photoMissing, identity: !identityUploadId && identityMissing },
      )
      const r = await orderVitaleCard({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, estimatedDelivery: r.estimatedDelivery, created: r.created } }
    },
  })
}

export type TCardLossResult = { reference: string; reorderOpensOn: string | null; order: { reference: string; estimatedDelivery: string | null } | null }
export async function declareCardLossAction(_prev: TFormState<TCardLossResult>, formData: FormData): Promise<TFormState<TCardLossResult>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/carte-vitale/perte',
    run: async (ctx) => {
      const v = ctx.values
      const reorderNow = v.reorderNow === 'yes'
      const photoUploadId = reorderNow ? await uploadedId(ctx, 'photo', 'photo') : undefined
      const identityUploadId = reorderNow ? await uploadedId(ctx, 'identity', 'identity') : undefined
      const input = await checkInput(
        ZDeclareCardLoss,
        {
          cardId: v.cardId,
          reason: v.reason,
          idempotencyKey: v.idempotencyKey,
          reorder: reorderNow ? { photoUploadId, identityUploadId, addressConfirmed: v.addressConfirmed === 'yes', idempotencyKey: `${v.idempotencyKey}:reorder` } : undefined,
        },
        { 'reorder.photoUploadId': 'photo', 'reorder.identityUploadId': 'identity', 'reorder.addressConfirmed': 'addressConfirmed' },
        { photo: reorderNow && !photoUploadId && photoMissing, identity: reorderNow && !identityUploadId && identityMissing },
      )
      const r = await declareCardLoss({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, reorderOpensOn: r.reorderOpensOn, order: r.order ? { reference: r.order.reference, estimatedDelivery: r.order.estimatedDelivery } : null } }
    },
  })
}

// ——— EHIC (CEAM) ———
export type TEhicOrderResult = { departureDate: string; orders: { personId: string; reference: string; estimatedDelivery: string | null; arrivesInTime: boolean }[] }
export async function orderEhicAction(_prev: TFormState<TEhicOrderResult>, formData: FormData): Promise<TFormState<TEhicOrderResult>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/ceam',
    run: async (ctx) => {
      const persons = ctx.formData.getAll('persons').filter((p): p is string => typeof p === 'string')
      const input = await checkInput(ZOrderEhic, { persons, departureDate: ctx.values.departureDate, idempotencyKey: ctx.values.idempotencyKey })
      const orders = await orderEhic({ ...base(ctx), input })
      return {
        status: 'success',
        result: { departureDate: input.departureDate ?? '', orders: orders.map((o) => ({ personId: o.personId, reference: o.reference, estimatedDelivery: o.estimatedDelivery, arrivesInTime: o.arrivesInTime })) },
      }
    },
  })
}

export type TEhicCertificateResult = { documentId: string; validFrom: string; validUntil: string; cappedByRights: boolean }
export async function issueEhicCertificateAction(_prev: TFormState<TEhicCertificateResult>, formData: FormData): Promise<TFormState<TEhicCertificateResult>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/ceam',
    run: async (ctx) => {
      const input = await checkInput(ZIssueProvisionalEhic, { beneficiaryId: ctx.values.person })
      const r = await issueProvisionalEhicCertificate({ ...base(ctx), input })
      return { status: 'success', result: { documentId: r.documentId, validFrom: r.validFrom, validUntil: r.validUntil, cappedByRights: r.cappedByRights } }
    },
  })
}

// ——— Changes of situation ———
export type TProcedureDone = { reference: string; estimatedCompletion: string | null; created: boolean; extra?: Record<string, string | null> }

export async function declareAddressChangeAction(_prev: TFormState<TProcedureDone>, formData: FormData): Promise<TFormState<TProcedureDone>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/adresse',
        run: async (ctx) => {
      const v = ctx.values
      const proofUploadId = await uploadedId(ctx, 'proof', 'proof-of-address')
      const input = await checkInput(ZDeclareAddressChange, { ...v, proofUploadId, addressLine2: v.addressLine2 || undefined }, { proofUploadId: 'proof' })
      const r = await declareAddressChange({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, estimatedCompletion: r.estimatedCompletion, created: r.created, extra: { newCaisse: r.newCaisse?.name ?? null, localRegime: r.localRegime } } }
    },
  })
}

export async function declareBankChangeAction(_prev: TFormState<TProcedureDone>, formData: FormData): Promise<TFormState<TProcedureDone>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/coordonnees-bancaires',
    fieldOf: (code) => (code.startsWith('procedureErrors.iban.') ? 'iban' : code.startsWith('procedureErrors.bic.') ? 'bic' : undefined),
    run: async (ctx) => {
      const v = ctx.values
      const ribUploadId = await uploadedId(ctx, 'rib', 'rib')
      const input = await checkInput(ZDeclareBankChange, { iban: v.iban, bic: v.bic, holder: v.holder, ribUploadId, idempotencyKey: v.idempotencyKey }, { ribUploadId: 'rib' })
      const r = await declareBankChange({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, estimatedCompletion: r.estimatedCompletion, created: r.created, extra: { ibanMasked: r.ibanMasked } } }
    },
  })
}

export async function declareNameChangeAction(_prev: TFormState<TProcedureDone>, formData: FormData): Promise<TFormState<TProcedureDone>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/nom-usage',
    run: async (ctx) => {
      const documentUploadId = await uploadedId(ctx, 'document', 'identity')
      const input = await checkInput(ZDeclareNameChange, { usualName: ctx.values.usualName, documentUploadId, idempotencyKey: ctx.values.idempotencyKey }, { documentUploadId: 'document' }, { document: !documentUploadId && fileMissing })
      const r = await declareNameChange({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, estimatedCompletion: r.estimatedCompletion, created: r.created } }
    },
  })
}

export async function declareBirthAction(_prev: TFormState<TProcedureDone>, formData: FormData): Promise<TFormState<TProcedureDone>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/naissance',
    fieldOf: (code) => (code === 'procedureErrors.birth.future' ? 'birthDate' : code.startsWith('procedureErrors.birth.otherParent') ? 'otherParentNir' : undefined),
    run: async (ctx) => {
      const v = ctx.values
      const birthCertificateUploadId = await uploadedId(ctx, 'certificate', 'birth-certificate')
      const input = await checkInput(
        ZDeclareBirth,
        { firstNames: v.firstNames, lastName: v.lastName, birthDate: v.birthDate, sex: v.sex, birthCertificateUploadId, otherParentNir: (v.otherParentNir ?? '').replace(/\s/g, ''), idempotencyKey: v.idempotencyKey },
        { birthCertificateUploadId: 'certificate' },
        { certificate: !birthCertificateUploadId && 'procedurePages.errors.certificateRequired', sex: !v.sex && 'procedurePages.errors.sexRequired' },
      )
      const r = await declareBirth({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, estimatedCompletion: r.estimatedCompletion, created: r.created } }
    },
  })
}

// ——— CSS ———
export type TCssResult = {
  assessment: { outcome: string; householdSize: number; yearlyIncome: number; freeCeiling: number; participationCeiling: number; monthlyParticipation: number; members: { ageOnFirstJanuary: number; monthlyParticipation: number }[] }
  done: TProcedureDone | null
}

function cssMembers(v: Record<string, string>) {
  const rows = []
  for (let i = 0; i < CSS_MAX_MEMBERS; i++) {
    const row = { firstNames: v[`members.${i}.firstNames`] ?? '', lastName: v[`members.${i}.lastName`] ?? '', birthDate: v[`members.${i}.birthDate`] ?? '', relationship: v[`members.${i}.relationship`] ?? '' }
    if (row.firstNames.trim() || row.lastName.trim() || row.birthDate.trim()) rows.push({ index: i, row })
  }
  return rows
}

export async function cssAction(_prev: TFormState<TCssResult>, formData: FormData): Promise<TFormState<TCssResult>> {
  return runProcedureAction<TCssResult>(formData, {
    path: '/compte/demarches/css',
    run: async (ctx) => {
      const v = ctx.values
      const rows = cssMembers(v)
      // Row i of the schema is the form's row `index` (empty rows are left out).
      const alias: Record<string, string> = {}
      rows.forEach((r, i) => {
        for (const f of ['firstNames', 'lastName', 'birthDate', 'relationship']) alias[`members.${i}.${f}`] = `members.${r.index}.${f}`
      })
      const input = await checkInput(ZCssApplication, { members: rows.map((r) => r.row), yearlyIncome: (v.yearlyIncome ?? '').replace(/\s/g, ''), idempotencyKey: v.idempotencyKey }, alias, {
        yearlyIncome: !(v.yearlyIncome ?? '').trim() && 'procedureErrors.css.income',
      })
      // A member's date out of its window names the schema's row: shown under the form's row.
      const onFormRow = (error: unknown): never => {
        const field = isAppError(error) && typeof error.details?.field === 'string' ? alias[error.details.field] : undefined
        throw field && isAppError(error) ? new AppError(error.code, error.status, { ...error.details, field }) : error
      }
      const assessment = await assessCssApplication({ actor: ctx.actor, input: { members: input.members, yearlyIncome: input.yearlyIncome }, now: ctx.now }).catch(onFormRow)
      const view = { ...assessment, members: assessment.members.map((m) => ({ ageOnFirstJanuary: m.ageOnFirstJanuary, monthlyParticipation: m.monthlyParticipation })) }
      if (v.intent !== 'apply') return { status: 'preview', result: { assessment: view, done: null } }
      const r = await applyForCss({ ...base(ctx), input }).catch(onFormRow)
      return { status: 'success', result: { assessment: view, done: { reference: r.reference, estimatedCompletion: r.estimatedCompletion, created: r.created } } }
    },
  })
}

// ——— Refunds ———
/** The estimate (cents), how it was made (one step per priced line, said in words by the form), the confirmation. */
export type TRefundResult = {
  estimateCents: number | null
  steps: TRefundEstimateStep[]
  done: TProcedureDone | null
  /** Care abroad (issue 19 §4): how the amount paid reached euros, said on screen before the steps. */
  exchange?: TAbroadExchangeOutcome
}

/** The form field an error of the transport form belongs to (the domain's `field` detail comes first). */
const TRANSPORT_FIELD: Record<string, string> = {
  'procedureErrors.transport.prescriptionAfterTrip': 'prescriptionDate',
  'procedureErrors.refund.futureDate': 'tripDate',
  'procedureErrors.transport.km': 'km',
  'procedureErrors.transport.amount': 'amount',
  'procedureErrors.transport.amountTooHigh': 'amount',
  'procedureErrors.transport.mode': 'mode',
  'procedureErrors.transport.invoice': 'invoice',
  'procedureErrors.transport.receipts': 'receipts',
}

export async function transportRefundAction(_prev: TFormState<TRefundResult>, formData: FormData): Promise<TFormState<TRefundResult>> {
  return runProcedureAction<TRefundResult>(formData, {
    path: '/compte/demarches/transport',
    fieldOf: (code) => TRANSPORT_FIELD[code],
    run: async (ctx) => {
      const v = ctx.values
      const euros = (value: string | undefined) => (value ?? '').replace(/\s/g, '')
      const fields = {
        beneficiaryId: v.person,
        mode: v.mode,
        tripDate: v.tripDate,
        prescriptionDate: v.prescriptionDate,
        km: v.mode === 'car' || !v.mode ? v.km : '',
        amount: v.mode && v.mode !== 'car' ? euros(v.amount) : '',
        tolls: euros(v.tolls),
        parking: euros(v.parking),
        returnTrip: v.returnTrip === 'yes' ? 'true' : '',
        reason: v.reason,
      }
      const alias = { beneficiaryId: 'person', prescriptionUploadId: 'prescription', invoiceUploadId: 'invoice', receiptUploadIds: 'receipts' }
      if (v.intent !== 'submit') {
        const input = await checkInput(ZEstimateTransportRefund, fields, alias)
        const estimate = await estimateTransportRefund({ actor: ctx.actor, input, now: ctx.now })
        return { status: 'preview', result: { estimateCents: estimate?.amoCents ?? null, steps: estimate?.steps ?? [], done: null } }
      }
      const prescriptionUploadId = await uploadedId(ctx, 'prescription', 'prescription')
      const invoiceUploadId = v.mode && v.mode !== 'car' ? await uploadedId(ctx, 'invoice', 'receipt') : undefined
      const receiptId = fields.tolls || fields.parking ? await uploadedId(ctx, 'receipts', 'receipt') : undefined
      const input = await checkInput(
        ZTransportRefund,
        { ...fields, prescriptionUploadId, invoiceUploadId, receiptUploadIds: receiptId ? [receiptId] : [], idempotencyKey: v.idempotencyKey },
        alias,
        { prescription: !prescriptionUploadId && fileMissing },
      )
      const r = await requestTransportRefund({ ...base(ctx), input })
      return { status: 'success', result: { estimateCents: r.estimate?.amoCents ?? null, steps: r.estimate?.steps ?? [], done: { reference: r.reference, estimatedCompletion: r.estimatedCompletion, created: r.created } } }
    },
  })
}

export async function abroadRefundAction(_prev: TFormState<TRefundResult>, formData: FormData): Promise<TFormState<TRefundResult>> {
  return runProcedureAction<TRefundResult>(formData, {
    path: '/compte/demarches/soins-etranger',
    fieldOf: (code) =>
      code === 'procedureErrors.abroad.country' ? 'country' : code === 'procedureErrors.refund.futureDate' ? 'careDate' : code === 'procedureErrors.abroad.currency' ? 'currency' : code === 'procedureErrors.abroad.notUrgent' ? 'urgent' : undefined,
    run: async (ctx) => {
      const v = ctx.values
      const amount = (v.amount ?? '').replace(/\s/g, '')
      const fields = {
        beneficiaryId: v.person,
        country: v.country,
        careDate: v.careDate,
        careKind: v.careKind,
        amount,
        currency: v.currency,
        urgent: v.urgent === 'yes' ? 'true' : '',
        otherCurrency: v.otherCurrency === 'yes' ? 'true' : '',
      }
      // "Enter the amount paid in USD": the message names the currency chosen (a 3-letter code, else none).
      const currency = /^[A-Z]{3}$/.test(v.currency ?? '') ? v.currency! : null
      const amountError = parseEurosToCents(amount) === null ? (currency ? 'procedureErrors.abroad.amountInCurrency' : 'procedureErrors.abroad.amount') : undefined
      const check = async <I>(run: () => Promise<I>): Promise<I> => {
        try {
          return await run()
        } catch (error) {
          if (error instanceof FormFieldsError && amountError) error.fields.amount = await translateCode(amountError, { currency })
          throw error
        }
      }
      if (v.intent !== 'submit') {
        const input = await check(() => checkInput(ZEstimateAbroadRefund, fields, { beneficiaryId: 'person' }))
        const r = await estimateAbroadRefund({ actor: ctx.actor, input, now: ctx.now })
        return { status: 'preview', result: { estimateCents: r.estimate?.amoCents ?? null, steps: r.estimate?.steps ?? [], exchange: r.exchange, done: null } }
      }
      const receiptId = await uploadedId(ctx, 'receipt', 'receipt')
      const input = await check(() => checkInput(ZAbroadRefund, { ...fields, receiptUploadIds: receiptId ? [receiptId] : [], idempotencyKey: v.idempotencyKey }, { beneficiaryId: 'person', receiptUploadIds: 'receipt' }))
      const r = await requestAbroadRefund({ ...base(ctx), input })
      return {
        status: 'success',
        result: { estimateCents: r.estimate?.amoCents ?? null, steps: r.estimate?.steps ?? [], exchange: r.exchange, done: { reference: r.reference, estimatedCompletion: r.estimatedCompletion, created: r.created } },
      }
    },
  })
}

// ——— Médecin traitant ———
export async function declareDoctorAction(_prev: TFormState<TProcedureDone>, formData: FormData): Promise<TFormState<TProcedureDone>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches/medecin-traitant',
    fieldOf: (code) => (code.startsWith('procedureErrors.doctor.') ? 'rpps' : undefined),
    run: async (ctx) => {
      const v = ctx.values
      const input = await checkInput(ZDeclareMedecinTraitant, { rpps: v.rpps?.replace(/\s/g, '') || undefined, professionalId: v.professionalId || undefined, idempotencyKey: v.idempotencyKey })
      const r = await declareMedecinTraitant({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, estimatedCompletion: r.estimatedCompletion, created: r.created, extra: { doctor: r.doctor.name } } }
    },
  })
}

// ——— Answering a request (tracking page) ———
export type TAddDocumentResult = { reference: string; status: string }
export async function addDocumentAction(_prev: TFormState<TAddDocumentResult>, formData: FormData): Promise<TFormState<TAddDocumentResult>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches',
    revalidate: true,
    run: async (ctx) => {
      const field = `document-${ctx.values.procedureId ?? ''}`
      const uploadId = await uploadedId(ctx, field, 'other')
      const input = await checkInput(ZAdvanceProcedure, { procedureId: ctx.values.procedureId, event: 'add-document', uploadIds: uploadId ? [uploadId] : [] }, { uploadIds: field }, { [field]: !uploadId && fileMissing })
      const r = await advanceProcedure({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, status: r.status } }
    },
  })
}

/** Issue 19 §6: the person withdraws a request no advisor has taken yet (event cancel; refused once taken). */
export async function withdrawProcedureAction(_prev: TFormState<TAddDocumentResult>, formData: FormData): Promise<TFormState<TAddDocumentResult>> {
  return runProcedureAction(formData, {
    path: '/compte/demarches',
    revalidate: true,
    run: async (ctx) => {
      const input = await checkInput(ZAdvanceProcedure, { procedureId: ctx.values.procedureId, event: 'cancel' })
      const r = await advanceProcedure({ ...base(ctx), input })
      return { status: 'success', result: { reference: r.reference, status: r.status } }
    },
  })
}
