import 'server-only'
import { randomBytes } from 'node:crypto'
import type { Db, Tx } from '@/lib/db/client'
import { insuredInScope, type TInsuredFacts } from '@/lib/db/repositories/people'
import { listRuleRows } from '@/lib/db/repositories/rules'
import { queueOutboxMessages } from '@/lib/db/repositories/outbox'
import { can, type Permission, type Role } from '@/lib/auth/permissions'
import { toCalendarDate, type CalendarDate } from '@/lib/domain/dates'
import type { Decision } from '@/lib/domain/procedures/decision'
import { overlayRuleRows, RuleSet } from '@/lib/domain/rules/rule-set'
import { writeAudit } from '@/lib/db/repositories/audit'
import { AppError } from '@/lib/errors'
import { messages } from '@/lib/i18n/messages'
import { bundledRuleRows } from '@/prisma/rules'

/** Who calls a procedure service: the signed-in user as the session knows them. */
export type TActor = { id: string; role: Role; insuredId: string | null; organisationId: string | null }
/** Request context recorded in the audit trail. */
export type TRequestContext = { ip?: string | null; userAgent?: string | null; now: Date }

/** The calendar day of `now` in Europe/Paris (the domain never reads the clock; services pass this in). */
export function todayOf(now: Date): CalendarDate {
  return toCalendarDate(now, 'Europe/Paris')
}

/**
 * The rule set: the rows shipped in prisma/rules plus the rows stored in RuleParameter (a supervisor's
 * future-dated row); a stored row with the same key and start date replaces the shipped one.
 */
export async function loadRuleSet(db: Db | Tx): Promise<RuleSet> {
  return new RuleSet(overlayRuleRows(bundledRuleRows, await listRuleRows(db)))
}

/** A domain refusal becomes a 422 AppError whose code is the i18n key of the explanation. */
export function orRefuse<T>(decision: Decision<T>): T {
  if (!decision.ok) throw new AppError(decision.error, 422, decision.details)
  return decision.value
}

/**
 * The insured file the actor works on: an insured person only on their own file (`insuredId` ignored unless equal);
 * an advisor on a file of their caisse, a supervisor on any file (then `insuredId` is required).
 */
export async function resolveInsuredFile(db: Db, actor: TActor, insuredId: string | undefined, permission: { insured: Permission; staff: Permission }, ctx: Partial<TRequestContext> = {}): Promise<string> {
  if (actor.role === 'insured') {
    if (!can('insured', permission.insured) || !actor.insuredId) throw new AppError('forbidden', 403)
    if (insuredId && insuredId !== actor.insuredId) throw new AppError('notFound', 404)
    return actor.insuredId
  }
  if (!can(actor.role, permission.staff)) throw new AppError('forbidden', 403)
  if (!insuredId) throw new AppError('notFound', 404)
  const scope = actor.role === 'supervisor' ? null : actor.organisationId
  if (actor.role !== 'supervisor' && !scope) throw new AppError('forbidden', 403)
  if (!(await insuredInScope(db, insuredId, scope))) return refuseOutOfScope(db, actor, { type: 'insured', id: insuredId }, ctx)
  return insuredId
}

/**
 * A staff member asked for something outside their scope (another caisse's file, request or card order, or an id
 * that does not exist): 404 as before, nothing disclosed, and now an audit event `staff.scope.denied` (outcome
 * denied, actor, target, caisse, IP) so that the caisse sees who probes other caisses' files (issue 13 item 9).
 * Written on its own (outside any transaction of the caller, which the 404 rolls back).
 */
export async function refuseOutOfScope(db: Db, actor: TActor, target: { type: string; id: string }, ctx: Partial<TRequestContext> = {}): Promise<never> {
  if (actor.role !== 'insured') {
    await writeAudit(db, {
      actorUserId: actor.id,
      actorRole: auditRole(actor),
      action: 'staff.scope.denied',
      targetType: target.type,
      targetId: target.id.slice(0, 100),
      outcome: 'denied',
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: { organisationId: actor.organisationId },
    })
  }
  throw new AppError('notFound', 404)
}

/** The caisse scope of a staff actor for the back-office step (null = every caisse, supervisors). */
export function staffScope(actor: TActor, permission: Permission): string | null {
  if (actor.role === 'insured' || !can(actor.role, permission)) throw new AppError('forbidden', 403)
  if (actor.role === 'supervisor') return null
  if (!actor.organisationId) throw new AppError('forbidden', 403)
  return actor.organisationId
}

/** A human reference: "DEM-2026-7K3F9Q2A". */
export function newReference(prefix: string, now: Date): string {
  return `${prefix}-${now.getUTCFullYear()}-${randomBytes(5).toString('hex').toUpperCase()}`
}

type Messages = Record<string, unknown>
function lookup(locale: 'fr' | 'en', key: string): string {
  let node: unknown = (messages as Record<string, Messages>)[locale]
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Messages)[part] : undefined
  return typeof node === 'string' ? node : key
}

/** Renders a message of lib/i18n/messages with {placeholders} (plain substitution, for e-mails and SMS). */
export function renderMessage(locale: string, key: string, params: Record<string, string | number> = {}): string {
  const l = locale === 'en' ? 'en' : 'fr'
  return lookup(l, key).replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`))
}

/**
 * Queues the notification of a procedure change (e-mail, and SMS when a phone number is known) in the person's
 * language, in the caller's transaction. Visible in the app through listNotifications.
 */
export async function notifyProcedureChange(
  tx: Tx,
  insured: Pick<TInsuredFacts, 'id' | 'email' | 'phone' | 'preferredLocale'>,
  change: { reference: string; type: string; status: string },
): Promise<void> {
  const locale = insured.preferredLocale === 'en' ? 'en' : 'fr'
  const params = { reference: change.reference, type: renderMessage(locale, `procedureTypes.${change.type}`) }
  const subject = renderMessage(locale, 'procedureNotifications.subject', params)
  const body = renderMessage(locale, `procedureNotifications.status.${change.status}`, params)
  const out = []
  if (insured.email) out.push({ channel: 'email' as const, recipient: insured.email, insuredId: insured.id, template: `procedureNotifications.status.${change.status}`, subject, body, locale })
  if (insured.phone) out.push({ channel: 'sms' as const, recipient: insured.phone, insuredId: insured.id, template: `procedureNotifications.status.${change.status}`, subject: null, body: `${subject} : ${body}`, locale })
  await queueOutboxMessages(tx, out)
}

/** The audit actor role of an actor. */
export function auditRole(actor: TActor): 'insured' | 'advisor' | 'supervisor' {
  return actor.role
}
