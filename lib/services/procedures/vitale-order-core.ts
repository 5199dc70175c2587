import 'server-only'
import type { Db, Tx } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createCardOrder, findActiveVitaleSerial, findLastBlockedVitale, listOrderStatusesOfPerson, type TCardOrderRow } from '@/lib/db/repositories/card-orders'
import type { TInsuredFacts, TPerson } from '@/lib/db/repositories/people'
import { findUploadOfInsured } from '@/lib/db/repositories/uploads'
import { calendarDate } from '@/lib/domain/dates'
import { canOrderVitaleCard, type TVitaleOrderKind } from '@/lib/domain/cards/vitale-order'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { AppError } from '@/lib/errors'
import { auditRole, newReference, notifyProcedureChange, orRefuse, todayOf, type TActor } from './common'

export type TCardOrderResult = { id: string; reference: string; kind: string; status: string; estimatedDelivery: string | null; created: boolean }
export function cardOrderResult(o: TCardOrderRow, created: boolean): TCardOrderResult {
  return { id: o.id, reference: o.reference, kind: o.kind, status: o.status, estimatedDelivery: o.estimatedDelivery, created }
}

export function inProgressKeyOf(kind: 'vitale' | 'ehic', person: TPerson): string {
  return `${kind}:${person.kind}:${person.id}`
}

/**
 * The rules for this person today, uploads aside (read-only): an order in progress, a card in use, the age, the wait
 * after a block. `ignoreBlock`: the loss declaration orders the replacement of the very card it blocks.
 */
export async function vitaleOrderDecision(db: Db | Tx, args: { insuredId: string; person: TPerson; rules: RuleSet; now: Date; ignoreBlock?: boolean }) {
  const { insuredId, person } = args
  const [statuses, block, activeCard] = await Promise.all([
    listOrderStatusesOfPerson(db, 'vitale', insuredId, person.beneficiaryId),
    args.ignoreBlock ? null : findLastBlockedVitale(db, insuredId, person.beneficiaryId),
    args.ignoreBlock ? null : findActiveVitaleSerial(db, insuredId, person.beneficiaryId, todayOf(args.now)),
  ])
  return canOrderVitaleCard(
    {
      today: todayOf(args.now),
      person: { nir: person.nir, birthDate: calendarDate(person.birthDate), isBeneficiary: person.kind === 'beneficiary' },
      orderStatuses: statuses,
      lastBlock: block ? { blockedOn: todayOf(block.blockedAt), reorderedSince: block.reorderedSince } : null,
      activeCard,
    },
    args.rules,
  )
}

/** Checks the uploads and the rules, before the transaction (read-only). */
export async function checkVitaleOrder(
  db: Db | Tx,
  args: { insured: TInsuredFacts; person: TPerson; photoUploadId: string; identityUploadId: string; rules: RuleSet; now: Date; ignoreBlock?: boolean },
): Promise<{ kind: TVitaleOrderKind; estimatedDelivery: string }> {
  const { insured } = args
  const [photo, identity] = await Promise.all([findUploadOfInsured(db, insured.id, args.photoUploadId), findUploadOfInsured(db, insured.id, args.identityUploadId)])
  if (!photo || photo.kind !== 'photo' || !identity || identity.kind !== 'identity') throw new AppError('procedureErrors.upload.notFound', 404)
  return orRefuse(await vitaleOrderDecision(db, { insuredId: insured.id, person: args.person, rules: args.rules, now: args.now, ignoreBlock: args.ignoreBlock }))
}

/** Writes the order, its first event, the audit event and the notification (caller's transaction). */
export async function writeVitaleOrder(
  tx: Tx,
  args: { actor: TActor; insured: TInsuredFacts; person: TPerson; photoUploadId: string; identityUploadId: string; estimatedDelivery: string; kind: TVitaleOrderKind; idempotencyKey: string; now: Date; ip?: string | null; userAgent?: string | null },
): Promise<TCardOrderRow> {
  const { insured, person, now } = args
  const order = await createCardOrder(
    tx,
    {
      reference: newReference('CV', now),
      kind: 'vitale',
      insuredId: insured.id,
      beneficiaryId: person.beneficiaryId,
      status: 'requested',
      departureDate: null,
      estimatedDelivery: args.estimatedDelivery,
      shippingAddress: JSON.stringify({ addressLine1: insured.addressLine1, addressLine2: insured.addressLine2, postalCode: insured.postalCode, city: insured.city, country: insured.country }),
      photoUploadId: args.photoUploadId,
      identityUploadId: args.identityUploadId,
      idempotencyKey: args.idempotencyKey,
      inProgressKey: inProgressKeyOf('vitale', person),
      requestedAt: now,
    },
    { actorUserId: args.actor.id, note: args.kind === 'on-request' ? 'on-request' : null },
  )
  await writeAudit(tx, {
    actorUserId: args.actor.id,
    actorRole: auditRole(args.actor),
    action: 'card.vitale.order',
    targetType: 'card-order',
    targetId: order.id,
    insuredId: insured.id,
    ip: args.ip ?? null,
    userAgent: args.userAgent ?? null,
    details: { reference: order.reference, beneficiaryId: person.beneficiaryId, kind: args.kind },
  })
  await notifyProcedureChange(tx, insured, { reference: order.reference, type: 'vitale-order', status: 'requested' })
  return order
}
