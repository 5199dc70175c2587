import 'server-only'
import { getDb } from '@/lib/db/client'
import { findCardOrderDetail, findProcedureDetail, listAdvisorsOf, listQueue, type TCardOrderDetail, type TProcedureDetail, type TQueueItem, type TStaffDto } from '@/lib/db/repositories/back-office'
import { ehicOrderEvents } from '@/lib/domain/cards/ehic'
import { procedureEvents } from '@/lib/domain/procedures/procedure-machine'
import { VITALE_ORDER_STATUSES } from '@/lib/domain/cards/vitale-order'
import { PROCEDURE_STATUSES } from '@/lib/domain/procedure-status'
import { QUEUE_OPEN_CARD_STATUSES, QUEUE_OPEN_PROCEDURE_STATUSES, type TQueueFilter } from '@/lib/schemas/back-office'
import { refuseOutOfScope, staffScope, type TActor, type TRequestContext } from '../procedures/common'

export const QUEUE_PAGE_SIZE = 25

/**
 * The advisor's queue: every procedure and card order of their caisse (supervisors: every caisse) waiting for the
 * caisse, oldest first; filtered by type and status (the filter is already parsed: ZQueueFilter).
 */
export async function listQueueForStaff({ actor, filter }: { actor: TActor; filter: TQueueFilter }): Promise<{ items: TQueueItem[]; total: number; page: number; pages: number }> {
  const organisationId = staffScope(actor, 'update:procedure:caisse')
  const type = filter.type
  const status = filter.status ?? 'open'
  const cardKinds = type === undefined ? null : type === 'vitale-order' ? ['vitale'] : type === 'ehic-order' ? ['ehic'] : []
  const procedureTypes = type === undefined ? null : type === 'vitale-order' || type === 'ehic-order' ? [] : [type]
  const procedureStatuses = status === 'open' ? [...QUEUE_OPEN_PROCEDURE_STATUSES] : status === 'all' ? [...PROCEDURE_STATUSES] : (PROCEDURE_STATUSES as readonly string[]).includes(status) ? [status] : []
  const cardStatuses = status === 'open' ? [...QUEUE_OPEN_CARD_STATUSES] : status === 'all' ? [...VITALE_ORDER_STATUSES] : (VITALE_ORDER_STATUSES as readonly string[]).includes(status) ? [status] : []
  const page = filter.page
  const { items, total } = await listQueue(getDb(), { organisationId, procedureTypes, cardKinds, procedureStatuses, cardStatuses, take: page * QUEUE_PAGE_SIZE })
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE))
  return { items: items.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE), total, page, pages }
}

/** A procedure of the queue with the steps the advisor may take now; 404 when not in the actor's scope. */
export async function getProcedureForStaff({ actor, procedureId, ...ctx }: { actor: TActor; procedureId: string } & TRequestContext): Promise<TProcedureDetail & { events: TProcedureDetail['events']; actions: string[]; advisors: TStaffDto[] }> {
  const organisationId = staffScope(actor, 'update:procedure:caisse')
  const db = getDb()
  const p = await findProcedureDetail(db, procedureId, organisationId)
  if (!p) return refuseOutOfScope(db, actor, { type: 'procedure', id: procedureId }, ctx)
  // Affiliation requests have their own page and steps (lib/services/affiliation).
  const actions = p.type === 'affiliation' ? [] : procedureEvents(p.status).filter((e) => e !== 'add-document' && e !== 'cancel')
  const advisors = actor.role === 'supervisor' ? await listAdvisorsOf(db, p.organisationId) : []
  return { ...p, actions, advisors }
}

const VITALE_STEPS: Record<string, string[]> = { requested: ['check-photo', 'reject'], 'photo-checked': ['start-production', 'reject'], 'in-production': ['send'], sent: ['deliver'] }

/** A card order of the queue with its possible steps; 404 when not in the actor's scope. */
export async function getCardOrderForStaff({ actor, orderId, ...ctx }: { actor: TActor; orderId: string } & TRequestContext): Promise<TCardOrderDetail & { actions: string[] }> {
  const organisationId = staffScope(actor, 'update:procedure:caisse')
  const o = await findCardOrderDetail(getDb(), orderId, organisationId)
  if (!o) return refuseOutOfScope(getDb(), actor, { type: 'card-order', id: orderId }, ctx)
  const actions = o.kind === 'vitale' ? (VITALE_STEPS[o.status] ?? []) : ehicOrderEvents(o.status)
  return { ...o, actions }
}
