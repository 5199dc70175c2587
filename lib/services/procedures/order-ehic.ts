import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createCardOrder, findCardOrderByIdempotencyKey, listOrderStatusesOfPerson } from '@/lib/db/repositories/card-orders'
import { isUniqueViolation } from '@/lib/db/repositories/db-errors'
import { findPersonOfInsured, type TInsuredFacts, type TPerson } from '@/lib/db/repositories/people'
import { assessEhicOrder, type TEhicAssessment } from '@/lib/domain/cards/ehic'
import { calendarDate, type CalendarDate } from '@/lib/domain/dates'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { ZAssessEhic, ZOrderEhic } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { assertDateInWindow } from '@/lib/schemas/plausible'
import { auditRole, loadRuleSet, newReference, notifyProcedureChange, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow } from './submit-procedure'
import { cardOrderResult, inProgressKeyOf, type TCardOrderResult } from './vitale-order-core'

export type TEhicPersonAssessment = { personId: string; beneficiaryId: string | null; firstNames: string; lastName: string } & TEhicAssessment

async function assessAll(owner: string, insured: TInsuredFacts, persons: string[], departureDate: CalendarDate, rules: RuleSet, now: Date): Promise<{ person: TPerson; assessment: TEhicAssessment }[]> {
  const db = getDb()
  // DATE_WINDOWS.ehicDeparture: not in the past (the departure, field error), at most a year ahead.
  assertDateInWindow(departureDate, 'ehicDeparture', todayOf(now), 'departureDate')
  const out = []
  for (const id of [...new Set(persons)]) {
    const person = await findPersonOfInsured(db, owner, id === 'self' ? null : id)
    if (!person) throw new AppError('notFound', 404)
    const statuses = await listOrderStatusesOfPerson(db, 'ehic', owner, person.beneficiaryId)
    const assessment = orRefuse(
      assessEhicOrder(
        {
          today: todayOf(now),
          departureDate,
          // A beneficiary without their own number is covered through the insured person's NIR and rights.
          person: { nir: person.nir ?? insured.nir, rightsFrom: calendarDate(insured.rightsFrom), rightsTo: insured.rightsTo ? calendarDate(insured.rightsTo) : null },
          affiliationActive: insured.affiliationStatus === 'active',
          orderStatuses: statuses,
        },
        rules,
      ),
    )
    out.push({ person, assessment })
  }
  return out
}

/**
 * Preview before ordering: per person, the estimated delivery and whether the card arrives before the departure
 * (< 15 days → not in time: offer issueProvisionalEhicCertificate). Same errors as orderEhic; writes nothing.
 */
export async function assessEhicForPersons({ actor, insuredId, input, now }: { actor: TActor; insuredId?: string; input: unknown; now: Date }): Promise<TEhicPersonAssessment[]> {
  const data = ZAssessEhic.parse(input)
  const owner = await resolveInsuredFile(getDb(), actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' })
  const insured = await insuredFactsOrThrow(owner)
  const all = await assessAll(owner, insured, data.persons, data.departureDate, await loadRuleSet(getDb()), now)
  return all.map(({ person, assessment }) => ({ personId: person.id, beneficiaryId: person.beneficiaryId, firstNames: person.firstNames, lastName: person.lastName, ...assessment }))
}

/**
 * Order EHICs (CEAM) for oneself and/or beneficiaries before a departure (RULEBOOK §9). One order per person, all
 * or nothing. Errors: procedureErrors.ehic.{temporaryNumber,noOwnNumber,noRights,departureInPast,pending (409)},
 * forbidden, notFound. Each result says whether the card arrives in time (`arrivesInTime`).
 */
export async function orderEhic({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<(TCardOrderResult & { arrivesInTime: boolean; personId: string })[]> {
  const data = ZOrderEhic.parse(input)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const now = ctx.now
  const keyOf = (personId: string) => `${data.idempotencyKey}:${personId}`
  const insured = await insuredFactsOrThrow(owner)
  const rules = await loadRuleSet(db)
  const persons = [...new Set(data.persons)]
  // Replay of the same submission: return the orders it created.
  const replay = async () => {
    const found = await Promise.all(persons.map(async (p) => findCardOrderByIdempotencyKey(db, keyOf(p === 'self' ? owner : p))))
    if (!found.every(Boolean)) return null
    return found.map((o) => {
      if (o!.insuredId !== owner) throw new AppError('procedureErrors.procedure.idempotencyConflict', 409)
      return { ...cardOrderResult(o!, false), arrivesInTime: true, personId: o!.beneficiaryId ?? owner }
    })
  }
  const replayed = await replay()
  if (replayed) return replayed
  // A double click: the other request with the same key may write its orders between our replay lookup and the
  // assessment (which then sees them as pending) or our insert (unique key); the answer is those first orders.
  const firstOrRethrow = async (error: unknown) => {
    const again = await replay()
    if (again) return again
    throw error
  }
  let assessed: Awaited<ReturnType<typeof assessAll>>
  try {
    assessed = await assessAll(owner, insured, persons, data.departureDate, rules, now)
  } catch (error) {
    if (error instanceof AppError && error.code === 'procedureErrors.ehic.pending') return firstOrRethrow(error)
    throw error
  }
  try {
    return await db.$transaction(async (tx) => {
      const out = []
      for (const { person, assessment } of assessed) {
        const order = await createCardOrder(
          tx,
          {
            reference: newReference('CE', now),
            kind: 'ehic',
            insuredId: owner,
            beneficiaryId: person.beneficiaryId,
            status: 'requested',
            departureDate: data.departureDate,
            estimatedDelivery: assessment.estimatedDelivery,
            shippingAddress: JSON.stringify({ addressLine1: insured.addressLine1, addressLine2: insured.addressLine2, postalCode: insured.postalCode, city: insured.city, country: insured.country }),
            photoUploadId: null,
            identityUploadId: null,
            idempotencyKey: keyOf(person.id),
            inProgressKey: inProgressKeyOf('ehic', person),
            requestedAt: now,
          },
          { actorUserId: actor.id, note: assessment.arrivesInTime ? null : 'not-in-time' },
        )
        await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'card.ehic.order', targetType: 'card-order', targetId: order.id, insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { reference: order.reference, departureDate: data.departureDate, arrivesInTime: assessment.arrivesInTime } })
        await notifyProcedureChange(tx, insured, { reference: order.reference, type: 'ehic-order', status: 'requested' })
        out.push({ ...cardOrderResult(order, true), arrivesInTime: assessment.arrivesInTime, personId: person.id })
      }
      return out
    })
  } catch (error) {
    if (isUniqueViolation(error, 'inProgressKey') || isUniqueViolation(error, 'idempotencyKey')) return firstOrRethrow(new AppError('procedureErrors.ehic.pending', 409))
    throw error
  }
}
