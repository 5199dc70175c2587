'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { env } from '@/lib/env'
import { AppError, isAppError } from '@/lib/errors'
import { FormFieldsError, translateCode } from '@/lib/forms/procedure-action'
import { runStaffAction, staffFieldErrors, type TStaffActionContext } from '@/lib/forms/staff-action'
import { ZAcknowledgeAffiliation, ZGiveAffiliationNumber, ZRejectAffiliation, ZRequestAffiliationDocument } from '@/lib/schemas/affiliation-advisor'
import { acknowledgeAffiliation } from '@/lib/services/affiliation/acknowledge-affiliation'
import { requestAffiliationDocument } from '@/lib/services/affiliation/request-affiliation-document'
import { registerTemporaryNumber } from '@/lib/services/affiliation/register-temporary-number'
import { assignPermanentNumber } from '@/lib/services/affiliation/assign-permanent-number'
import { rejectAffiliation } from '@/lib/services/affiliation/reject-affiliation'
import type { TFormState } from '@/components/procedures/form-state'
import type { TActionResult } from '@/components/back-office/action-form'

/**
 * Server actions of the advisor's affiliation request page (/conseiller/demandes/affiliation/[id]). Each: advisor or
 * supervisor (runStaffAction: else 403) → zod (field errors, translated) → the use-case (scope, machine, one
 * transaction with history, audit and messages) → revalidate → a translated confirmation.
 */

type S = TFormState<TActionResult>
const pagePath = (id: string) => `/conseiller/demandes/affiliation/${id}`

/**
 * One step: on success the page is shown again with `?done=<event>` (its confirmation, role=status, at the top: the
 * form that was used may not be offered any more in the new state); refusals stay in the form.
 */
async function step(formData: FormData, run: (ctx: TStaffActionContext) => Promise<string>): Promise<S> {
  const id = String(formData.get('procedureId') ?? '')
  let done: string | null = null
  const state = await runStaffAction(formData, {
    path: pagePath(id),
    revalidate: [pagePath(id), '/conseiller'],
    run: async (ctx) => {
      try {
        done = await run(ctx)
        return { message: done }
      } catch (error) {
        throw await explain(error)
      }
    },
  })
  if (state.status === 'success' && done) redirect(`${pagePath(encodeURIComponent(id))}?done=${done}`)
  return state
}

const PLACE_FIELDS: Record<string, string> = {
  'affiliation.errors.countryCode': 'birthPlace.countryCode',
  'affiliation.errors.department': 'birthPlace.department',
  'affiliation.errors.commune': 'birthPlace.commune',
}

/** Domain refusals shown next to their field, and the missing documents by their names. */
async function explain(error: unknown): Promise<unknown> {
  if (!isAppError(error)) return error
  const field = PLACE_FIELDS[error.code]
  if (field) return new FormFieldsError({ [field]: await translateCode(error.code) })
  if (error.code === 'affiliation.errors.documentsMissing') {
    const ta = await getTranslations('affiliation.documents')
    const names = String(error.details?.documents ?? '').split(',').filter(Boolean).map((d) => (ta.has(d) ? ta(d as never) : d))
    return new AppError(error.code, error.status, { documents: names.join(' ; ') })
  }
  return error
}

function birthPlaceOf(v: Record<string, string>) {
  return v['birthPlace.kind'] === 'france'
    ? { kind: 'france', department: v['birthPlace.department'] ?? '', commune: v['birthPlace.commune'] ?? '' }
    : { kind: v['birthPlace.kind'] ?? '', countryCode: v['birthPlace.countryCode'] ?? '' }
}

async function verifyBaseUrl(): Promise<string> {
  const h = await headers()
  return env().NEXTAUTH_URL ?? `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost'}`
}

export async function acknowledgeAffiliationAction(_prev: S, formData: FormData): Promise<S> {
  return step(formData, async (ctx) => {
    const input = ZAcknowledgeAffiliation.parse({ procedureId: ctx.values.procedureId })
    await acknowledgeAffiliation({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
    return 'acknowledge'
  })
}

export async function requestAffiliationDocumentAction(_prev: S, formData: FormData): Promise<S> {
  return step(formData, async (ctx) => {
    const input = ZRequestAffiliationDocument.parse({ procedureId: ctx.values.procedureId, document: ctx.values.document, reason: ctx.values.reason ?? '' })
    await requestAffiliationDocument({ actor: ctx.actor, input, publicBaseUrl: await verifyBaseUrl(), ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
    return 'request-document'
  })
}

/** The temporary number, or the permanent one (the button pressed: `numberKind`), from the confirmed place of birth. */
export async function giveAffiliationNumberAction(_prev: S, formData: FormData): Promise<S> {
  return step(formData, async (ctx) => {
    const input = ZGiveAffiliationNumber.parse({ procedureId: ctx.values.procedureId, birthPlace: birthPlaceOf(ctx.values) })
    if (ctx.values.numberKind === 'permanent') {
      await assignPermanentNumber({ actor: ctx.actor, input, verifyBaseUrl: await verifyBaseUrl(), ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      return 'assign-permanent'
    }
    await registerTemporaryNumber({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
    return 'register-temporary'
  })
}

export async function rejectAffiliationAction(_prev: S, formData: FormData): Promise<S> {
  return step(formData, async (ctx) => {
    // The field is named decisionReason on the page (the document request's form has its own "reason").
    const parsed = ZRejectAffiliation.safeParse({ procedureId: ctx.values.procedureId, reason: ctx.values.decisionReason ?? '' })
    if (!parsed.success) {
      const errors = await staffFieldErrors(parsed.error)
      throw new FormFieldsError(Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === 'reason' ? 'decisionReason' : k, v])))
    }
    await rejectAffiliation({ actor: ctx.actor, input: parsed.data, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
    return 'reject'
  })
}
