'use server'

import { redirect } from 'next/navigation'
import { requireStaffActor } from '@/lib/forms/staff-page'
import { sealSearch } from '@/lib/forms/search-token'

/**
 * The back-office search forms post here instead of a GET (no NIR or name in the URL, lib/forms/search-token.ts):
 * the criteria are sealed for the signed-in staff member and the result page is reached at `?q=<token>`. Checking
 * and searching stay in the page (and its service), as before.
 */
const pick = (formData: FormData, names: readonly string[]) =>
  Object.fromEntries(names.flatMap((n) => {
    const v = formData.get(n)
    return typeof v === 'string' && v.trim() !== '' ? [[n, v.slice(0, 200)]] : []
  }))

export async function searchInsuredAction(formData: FormData): Promise<void> {
  const actor = await requireStaffActor('/conseiller/assures')
  const criteria = pick(formData, ['nir', 'name', 'birthDate'])
  redirect(Object.keys(criteria).length === 0 ? '/conseiller/assures' : `/conseiller/assures?q=${sealSearch(actor.id, criteria, new Date())}`)
}

export async function filterAuditAction(formData: FormData): Promise<void> {
  const actor = await requireStaffActor('/conseiller/audit', ['supervisor'])
  const criteria = pick(formData, ['actor', 'insured', 'action', 'from', 'to'])
  redirect(Object.keys(criteria).length === 0 ? '/conseiller/audit' : `/conseiller/audit?q=${sealSearch(actor.id, criteria, new Date())}`)
}
