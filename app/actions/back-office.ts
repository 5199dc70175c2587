'use server'

import { getLocale, getTranslations } from 'next-intl/server'
import { formatDate, type CalendarDate } from '@/lib/domain/dates'
import { formatEuros } from '@/lib/domain/money'
import { runStaffAction } from '@/lib/forms/staff-action'
import { ZAdvanceCardOrder, ZAdvanceProcedure, ZRecordSickLeave } from '@/lib/schemas/procedures'
import { ZAddFileNote, ZInsuredRef, ZPaperCareSheet, ZReassignProcedure, ZUploadVerdict, CARE_SHEET_MAX_LINES } from '@/lib/schemas/back-office'
import { addFileNote, checkFileDocument } from '@/lib/services/back-office/file-notes'
import { advanceProcedure } from '@/lib/services/procedures/advance-procedure'
import { advanceCardOrder } from '@/lib/services/procedures/advance-card-order'
import { recordSickLeave } from '@/lib/services/sick-leave/record-sick-leave'
import { reassignProcedure } from '@/lib/services/back-office/reassign-procedure'
import { sendAccessCode } from '@/lib/services/back-office/send-access-code'
import { unlockInsuredAccount } from '@/lib/services/back-office/unlock-insured-account'
import { enterPaperCareSheet, type TPaperCareSheetResult } from '@/lib/services/back-office/enter-paper-care-sheet'
import type { TFormState } from '@/components/procedures/form-state'
import type { TActionResult } from '@/components/back-office/action-form'

/**
 * Server actions of the advisor back-office. Each: advisor or supervisor (runStaffAction: else 403) → the zod
 * schema (field errors, translated) → the service (scope, rules, audit in the same transaction) → revalidate the
 * pages that show the change → a translated confirmation.
 */

type S = TFormState<TActionResult>
const t = () => getTranslations('backoffice')
const locale = async () => ((await getLocale()) === 'en' ? 'en' : 'fr')

export async function advanceProcedureAction(_prev: S, formData: FormData): Promise<S> {
  const id = String(formData.get('procedureId') ?? '')
  return runStaffAction(formData, {
    path: `/conseiller/demandes/procedure/${id}`,
    revalidate: [`/conseiller/demandes/procedure/${id}`, '/conseiller/demandes', '/compte/demarches'],
    run: async (ctx) => {
      const v = ctx.values
      const input = { procedureId: v.procedureId, event: v.event, ...(v.event === 'reject' ? { reason: v.reason ?? '' } : {}), ...(v.event === 'request-document' ? { document: v.document ?? '' } : {}), ...(v.event === 'approve' && v.refundAmount ? { refundAmount: v.refundAmount } : {}) }
      ZAdvanceProcedure.parse(input)
      const r = await advanceProcedure({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      const tp = await getTranslations('procedurePages.status')
      return { message: (await t())('queue.done', { reference: r.reference, status: tp.has(r.status) ? tp(r.status) : r.status }) }
    },
    // The step's form disappears with the new state: the page says what was done (?done=<event>, checked against an allow-list).
    redirectTo: () => `/conseiller/demandes/procedure/${encodeURIComponent(id)}?done=${encodeURIComponent(formData.get('event') as string)}`,
  })
}

export async function advanceCardOrderAction(_prev: S, formData: FormData): Promise<S> {
  const id = String(formData.get('orderId') ?? '')
  return runStaffAction(formData, {
    path: `/conseiller/demandes/carte/${id}`,
    revalidate: [`/conseiller/demandes/carte/${id}`, '/conseiller/demandes', '/compte/demarches'],
    run: async (ctx) => {
      const v = ctx.values
      const input = v.event === 'reject' ? { orderId: v.orderId, event: 'reject', reason: v.reason } : { orderId: v.orderId, event: v.event }
      ZAdvanceCardOrder.parse(input)
      const r = await advanceCardOrder({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      const tp = await getTranslations('procedurePages.status')
      return { message: (await t())('queue.cardDone', { status: tp.has(r.status) ? tp(r.status) : r.status }) }
    },
    redirectTo: () => `/conseiller/demandes/carte/${encodeURIComponent(id)}?done=${encodeURIComponent(formData.get('event') as string)}`,
  })
}

export async function reassignProcedureAction(_prev: S, formData: FormData): Promise<S> {
  const id = String(formData.get('procedureId') ?? '')
  return runStaffAction(formData, {
    path: `/conseiller/demandes/procedure/${id}`,
    revalidate: [`/conseiller/demandes/procedure/${id}`, `/conseiller/demandes/affiliation/${id}`, '/conseiller/demandes'],
    run: async (ctx) => {
      const input = { procedureId: ctx.values.procedureId, assigneeId: ctx.values.assigneeId }
      ZReassignProcedure.parse(input)
      const r = await reassignProcedure({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      return { message: (await t())('queue.reassigned', { name: r.assigneeName }) }
    },
  })
}

const filePath = (id: string) => `/conseiller/assures/${id}`

export async function unlockAccountAction(_prev: S, formData: FormData): Promise<S> {
  const id = String(formData.get('insuredId') ?? '')
  return runStaffAction(formData, {
    path: filePath(id),
    revalidate: [filePath(id)],
    run: async (ctx) => {
      const input = { insuredId: ctx.values.insuredId }
      ZInsuredRef.parse(input)
      await unlockInsuredAccount({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      return { message: (await t())('file.unlock.done') }
    },
  })
}

export async function sendAccessCodeAction(_prev: S, formData: FormData): Promise<S> {
  const id = String(formData.get('insuredId') ?? '')
  return runStaffAction(formData, {
    path: filePath(id),
    revalidate: [filePath(id)],
    run: async (ctx) => {
      const input = { insuredId: ctx.values.insuredId }
      ZInsuredRef.parse(input)
      const r = await sendAccessCode({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      const time = new Intl.DateTimeFormat((await locale()) === 'en' ? 'en-GB' : 'fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' }).format(r.expiresAt)
      return { message: (await t())('file.accessCode.done', { phone: r.phoneMasked, time }) }
    },
  })
}

export async function recordSickLeaveAction(_prev: S, formData: FormData): Promise<S> {
  const id = String(formData.get('insuredId') ?? '')
  return runStaffAction(formData, {
    path: filePath(id),
    revalidate: [filePath(id)],
    run: async (ctx) => {
      const v = ctx.values
      const input = {
        insuredId: v.insuredId,
        kind: v.kind,
        prescription: v.prescription || 'initial',
        startDate: v.startDate,
        endDate: v.endDate,
        salaries: [v['salaries.0'] ?? '', v['salaries.1'] ?? '', v['salaries.2'] ?? ''],
        ...(v.employerName ? { employerName: v.employerName } : {}),
      }
      ZRecordSickLeave.parse(input)
      const r = await recordSickLeave({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      return { message: (await t())('file.sickLeave.done', { reference: r.reference, daily: formatEuros(r.dailyGross, await locale()), waiting: r.waitingDays }) }
    },
  })
}

export type TCareSheetState = TFormState<TActionResult & { sheet: TPaperCareSheetResult }>

export async function paperCareSheetAction(_prev: TCareSheetState, formData: FormData): Promise<TCareSheetState> {
  const id = String(formData.get('insuredId') ?? '')
  return runStaffAction(formData, {
    path: filePath(id),
    revalidate: [filePath(id), '/compte', '/compte/paiements'],
    run: async (ctx) => {
      const v = ctx.values
      const lines = []
      for (let i = 0; i < CARE_SHEET_MAX_LINES; i++) {
        const act = v[`lines.${i}.act`]?.trim() ?? ''
        const fee = v[`lines.${i}.fee`]?.trim() ?? ''
        if (i > 0 && !act && !fee) continue
        lines.push({ act, fee, quantity: v[`lines.${i}.quantity`]?.trim() || '1' })
      }
      const input = { insuredId: v.insuredId, beneficiaryId: v.beneficiaryId, careDate: v.careDate, professionalRpps: v.professionalRpps, pathway: v.pathway || 'coordinated', ald: v.ald === 'yes', lines }
      ZPaperCareSheet.parse(input)
      const preview = v.intent === 'preview'
      const r = await enterPaperCareSheet({ actor: ctx.actor, input, confirmDuplicate: v.confirmDuplicate === 'yes', preview, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      const l = await locale()
      const tb = await t()
      if (preview) {
        const when = r.payment ? tb('file.careSheet.previewWhen', { date: formatDate(r.payment.paidOn as CalendarDate, l) }) : r.awaitingBankDetails ? tb('file.careSheet.previewNoBank') : ''
        return { message: tb('file.careSheet.previewTitle', { amount: formatEuros(r.amoPaid, l), when }), sheet: r }
      }
      const message = r.payment
        ? tb('file.careSheet.done', { reference: r.reference, amount: formatEuros(r.amoPaid, l), date: formatDate(r.payment.paidOn as CalendarDate, l) })
        : r.awaitingBankDetails
          ? tb('file.careSheet.doneNoBank', { reference: r.reference, amount: formatEuros(r.amoPaid, l) })
          : tb('file.careSheet.doneNothing', { reference: r.reference })
      return { message, sheet: r }
    },
  })
}

/** 360° file: a note or a contact (issue 17 §7). */
export async function addFileNoteAction(_prev: S, formData: FormData): Promise<S> {
  const id = String(formData.get('insuredId') ?? '')
  return runStaffAction(formData, {
    path: filePath(id),
    revalidate: [filePath(id)],
    run: async (ctx) => {
      const v = ctx.values
      const input = { insuredId: v.insuredId, noteKind: v.noteKind, occurredOn: v.occurredOn, body: v.body }
      ZAddFileNote.parse(input)
      await addFileNote({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      return { message: (await t())('file.notes.done') }
    },
  })
}

/** 360° file: an advisor's check of one document (compliant, or not with the reason). */
export async function checkDocumentAction(_prev: S, formData: FormData): Promise<S> {
  const id = String(formData.get('insuredId') ?? '')
  return runStaffAction(formData, {
    path: filePath(id),
    revalidate: [filePath(id)],
    run: async (ctx) => {
      const v = ctx.values
      const input = { insuredId: v.insuredId, uploadId: v.uploadId, verdict: v.verdict, reason: v.reason }
      ZUploadVerdict.parse(input)
      await checkFileDocument({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      return { message: (await t())('file.documents.done') }
    },
  })
}
