'use server'

import { getTranslations } from 'next-intl/server'
import { runStaffAction } from '@/lib/forms/staff-action'
import { ZQueueBulk, ZSavedFilterRef, ZSaveQueueFilter } from '@/lib/schemas/back-office'
import { assignQueueRequests, type TBulkOutcome } from '@/lib/services/back-office/assign-queue-requests'
import { deleteQueueFilter, saveQueueFilter } from '@/lib/services/back-office/saved-queue-filters'
import type { TFormState } from '@/components/procedures/form-state'
import type { TActionResult } from '@/components/back-office/action-form'

/**
 * Server actions of the work queue (issue 17 §7): the bulk take / assign (and a row's own "assign to me" button),
 * saved filters. Same chain as app/actions/back-office.ts: staff guard → zod → service (scope, audit) → revalidate.
 */

export type TBulkResult = TActionResult & { details: string[] }
const PATH = '/conseiller'

/** The translated summary: "2 requests taken, 1 skipped" and one line per skipped request. */
async function summarise(o: TBulkOutcome): Promise<TBulkResult> {
  const t = await getTranslations('backoffice.workQueue')
  const head = o.mode === 'take' ? t('summaryTaken', { count: o.done.length }) : t('summaryAssigned', { count: o.done.length, name: o.assignee ?? '' })
  const reasons = { taken: 'skipTaken', already: 'skipAlready', closed: 'skipClosed', 'card-order': 'skipCardOrder', 'not-found': 'skipNotFound', 'assignee-caisse': 'skipAssigneeCaisse' } as const
  const details = o.skipped.map((s) => t(reasons[s.reason], { reference: s.reference, name: s.by ?? t('nobody') }))
  return { message: `${head}${t('summarySkipped', { count: o.skipped.length })}.`, details }
}

export async function queueBulkAction(_prev: TFormState<TBulkResult>, formData: FormData): Promise<TFormState<TBulkResult>> {
  return runStaffAction(formData, {
    path: PATH,
    revalidate: [PATH],
    run: async (ctx) => {
      const intent = ctx.values.intent ?? ''
      // A row's own button: "take:<kind>:<id>"; otherwise the ticked rows.
      const one = intent.startsWith('take:') ? intent.slice('take:'.length) : null
      const input = {
        keys: one ? [one] : ctx.formData.getAll('keys').filter((k): k is string => typeof k === 'string'),
        mode: one || intent === 'take' ? 'take' : 'assign',
        assigneeId: ctx.values.assigneeId,
      }
      ZQueueBulk.parse(input)
      return summarise(await assignQueueRequests({ actor: ctx.actor, input, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now }))
    },
  })
}

export async function saveQueueFilterAction(_prev: TFormState<TActionResult>, formData: FormData): Promise<TFormState<TActionResult>> {
  return runStaffAction(formData, {
    path: PATH,
    revalidate: [PATH],
    run: async (ctx) => {
      const input = { name: ctx.values.name ?? '', query: ctx.values.query ?? '' }
      ZSaveQueueFilter.parse(input)
      const saved = await saveQueueFilter({ actor: ctx.actor, input })
      return { message: (await getTranslations('backoffice.workQueue'))('savedDone', { name: saved.name }) }
    },
  })
}

export async function deleteQueueFilterAction(_prev: TFormState<TActionResult>, formData: FormData): Promise<TFormState<TActionResult>> {
  return runStaffAction(formData, {
    path: PATH,
    revalidate: [PATH],
    run: async (ctx) => {
      const input = { filterId: ctx.values.filterId ?? '' }
      ZSavedFilterRef.parse(input)
      await deleteQueueFilter({ actor: ctx.actor, input })
      return { message: (await getTranslations('backoffice.workQueue'))('savedDeleted') }
    },
  })
}
