import 'server-only'
import { getDb } from '@/lib/db/client'
import { countSavedFilters, deleteSavedFilter, listSavedFilters, upsertSavedFilter, type TSavedFilterDto } from '@/lib/db/repositories/work-queue'
import { AppError } from '@/lib/errors'
import { queueFilterQuery, ZQueueFilter, ZSavedFilterRef, ZSaveQueueFilter } from '@/lib/schemas/back-office'
import { staffScope, type TActor } from '../procedures/common'

export const SAVED_FILTERS_MAX = 20

/** Staff only (advisors and supervisors), each on their own filters. */
function owner(actor: TActor): string {
  staffScope(actor, 'read:back-office:any')
  return actor.id
}

/** The filter of a query string, canonical (ZQueueFilter: bad values dropped, page and defaults left out). */
export function canonicalQueueQuery(query: string): string {
  const params = new URLSearchParams(query.replace(/^\?/, ''))
  return queueFilterQuery(ZQueueFilter.parse(Object.fromEntries(params.entries())))
}

export async function listSavedQueueFilters({ actor }: { actor: TActor }): Promise<TSavedFilterDto[]> {
  return listSavedFilters(getDb(), owner(actor))
}

/**
 * Saves the current filter of the queue under a name (issue 17 §7), for this staff member only; the same name
 * replaces their earlier filter. At most 20 (backoffice.errors.filterLimit, 422).
 */
export async function saveQueueFilter({ actor, input }: { actor: TActor; input: unknown }): Promise<TSavedFilterDto> {
  const userId = owner(actor)
  const data = ZSaveQueueFilter.parse(input)
  const db = getDb()
  const existing = await listSavedFilters(db, userId)
  if (!existing.some((f) => f.name === data.name) && (await countSavedFilters(db, userId)) >= SAVED_FILTERS_MAX) throw new AppError('backoffice.errors.filterLimit', 422, { field: 'name', max: SAVED_FILTERS_MAX })
  return upsertSavedFilter(db, userId, data.name, canonicalQueueQuery(data.query))
}

/** Deletes one of the actor's saved filters; another user's filter is not found (404). */
export async function deleteQueueFilter({ actor, input }: { actor: TActor; input: unknown }): Promise<void> {
  const userId = owner(actor)
  const data = ZSavedFilterRef.parse(input)
  if ((await deleteSavedFilter(getDb(), userId, data.filterId)) === 0) throw new AppError('notFound', 404)
}
