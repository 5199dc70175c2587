import 'server-only'
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { countWrongContactCode, deletePendingContactChange, findContactOf, findPendingContactChange, setContact, upsertPendingContactChange } from '@/lib/db/repositories/contact-changes'
import { queueOutboxMessages, type TOutboxInput } from '@/lib/db/repositories/outbox'
import { ZContactChangeConfirm, ZContactChangeRequest, type TContactChannel } from '@/lib/schemas/profile'
import { AppError } from '@/lib/errors'
import { renderMessage, type TActor, type TRequestContext } from '@/lib/services/procedures/common'

export const CONTACT_CODE_TTL_MINUTES = 15
export const CONTACT_CODE_MAX_TRIES = 5
/** A new code can be asked for once a minute (each request sends an e-mail or an SMS). */
export const CONTACT_CODE_RESEND_SECONDS = 60

function hashCode(code: string, salt: string, bound: string): string {
  const pepper = process.env.NEXTAUTH_SECRET ?? ''
  return `${salt}:${createHmac('sha256', `${pepper}:${salt}`).update(`${bound}:${code}`).digest('hex')}`
}

function codeMatches(stored: string, code: string, bound: string): boolean {
  const [salt] = stored.split(':')
  const a = Buffer.from(hashCode(code, salt ?? '', bound))
  const b = Buffer.from(stored)
  return a.length === b.length && timingSafeEqual(a, b)
}

function ownInsured(actor: TActor): string {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  return actor.insuredId
}

const mask = (channel: TContactChannel, v: string | null) => (!v ? null : channel === 'email' ? v.replace(/^(.).*(@.*)$/, '$1***$2') : `** ** ** ${v.slice(-5)}`)

/**
 * Step 1 of an e-mail or phone change: sends a 6-digit code to the NEW address or number (outbox), stored hashed,
 * valid 15 minutes, 5 tries. The change is made only when the code is confirmed (step 2). The person's own file only.
 * Errors: 400 with the field's i18n key (profile.errors.email / phone), profile.errors.same 422,
 * profile.errors.tooSoon 429, forbidden 403. Returns the expiry. In tests, `code` can be read from the outbox.
 */
export async function requestContactChange(db: Db, { actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ channel: TContactChannel; expiresAt: Date }> {
  const insuredId = ownInsured(actor)
  const parsed = ZContactChangeRequest.safeParse(input)
  if (!parsed.success) throw new AppError(parsed.error.issues[0]?.message.startsWith('profile.') ? parsed.error.issues[0].message : 'profile.errors.invalid', 400)
  const { channel, value } = parsed.data
  const now = ctx.now
  const contact = await findContactOf(db, insuredId)
  if (!contact) throw new AppError('notFound', 404)
  if ((channel === 'email' ? contact.email : contact.phone) === value) throw new AppError('profile.errors.same', 422)
  const previous = await findPendingContactChange(db, insuredId, channel)
  if (previous && now.getTime() - previous.createdAt.getTime() < CONTACT_CODE_RESEND_SECONDS * 1000) throw new AppError('profile.errors.tooSoon', 429, { seconds: CONTACT_CODE_RESEND_SECONDS })
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const expiresAt = new Date(now.getTime() + CONTACT_CODE_TTL_MINUTES * 60_000)
  const locale = contact.preferredLocale === 'en' ? 'en' : 'fr'
  const params = { code, minutes: CONTACT_CODE_TTL_MINUTES }
  const message: TOutboxInput =
    channel === 'email'
      ? { channel: 'email', recipient: value, insuredId, userId: actor.id, template: 'profile.notifications.codeBody', subject: renderMessage(locale, 'profile.notifications.codeSubject'), body: renderMessage(locale, 'profile.notifications.codeBody', params), locale }
      : { channel: 'sms', recipient: value, insuredId, userId: actor.id, template: 'profile.notifications.codeSms', subject: null, body: renderMessage(locale, 'profile.notifications.codeSms', params), locale }
  await db.$transaction(async (tx) => {
    await upsertPendingContactChange(tx, { insuredId, userId: actor.id, channel, newValue: value, codeHash: hashCode(code, randomBytes(8).toString('hex'), `${insuredId}:${channel}:${value}`), expiresAt, createdAt: now })
    await queueOutboxMessages(tx, [message])
    await writeAudit(tx, { actorUserId: actor.id, actorRole: 'insured', action: 'profile.contact.code-sent', targetType: 'insured', targetId: insuredId, insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { channel, to: mask(channel, value) } })
  })
  return { channel, expiresAt }
}

/**
 * Step 2: the code received. Right → the e-mail or phone is changed at once (audit event; a notice goes to the
 * OLD address or number). Errors: profile.errors.noPending 404, profile.errors.codeExpired 410→422,
 * profile.errors.wrongCode 422 (details.remaining), profile.errors.tooManyTries 429 (the pending change is dropped).
 */
export async function confirmContactChange(db: Db, { actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ channel: TContactChannel; value: string }> {
  const insuredId = ownInsured(actor)
  const parsed = ZContactChangeConfirm.safeParse(input)
  if (!parsed.success) throw new AppError('profile.errors.codeFormat', 400)
  const { channel, code } = parsed.data
  const now = ctx.now
  const pending = await findPendingContactChange(db, insuredId, channel)
  if (!pending) throw new AppError('profile.errors.noPending', 404)
  if (pending.expiresAt.getTime() < now.getTime()) {
    await deletePendingContactChange(db, pending.id)
    throw new AppError('profile.errors.codeExpired', 422)
  }
  if (pending.attempts >= CONTACT_CODE_MAX_TRIES) {
    await deletePendingContactChange(db, pending.id)
    throw new AppError('profile.errors.tooManyTries', 429)
  }
  if (!codeMatches(pending.codeHash, code, `${insuredId}:${channel}:${pending.newValue}`)) {
    const used = await countWrongContactCode(db, pending.id)
    await writeAudit(db, { actorUserId: actor.id, actorRole: 'insured', action: 'profile.contact.wrong-code', targetType: 'insured', targetId: insuredId, insuredId, outcome: 'failure', ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { channel } })
    if (used >= CONTACT_CODE_MAX_TRIES) {
      await deletePendingContactChange(db, pending.id)
      throw new AppError('profile.errors.tooManyTries', 429)
    }
    throw new AppError('profile.errors.wrongCode', 422, { remaining: CONTACT_CODE_MAX_TRIES - used })
  }
  const contact = await findContactOf(db, insuredId)
  const old = channel === 'email' ? contact?.email : contact?.phone
  const locale = contact?.preferredLocale === 'en' ? 'en' : 'fr'
  await db.$transaction(async (tx) => {
    await setContact(tx, insuredId, channel, pending.newValue)
    await deletePendingContactChange(tx, pending.id)
    await writeAudit(tx, { actorUserId: actor.id, actorRole: 'insured', action: 'profile.contact.change', targetType: 'insured', targetId: insuredId, insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { channel, from: mask(channel, old ?? null), to: mask(channel, pending.newValue) } })
    if (old) {
      const body = renderMessage(locale, `profile.notifications.changed${channel === 'email' ? 'Email' : 'Phone'}`, { value: mask(channel, pending.newValue) ?? '' })
      await queueOutboxMessages(tx, [{ channel: channel === 'email' ? 'email' : 'sms', recipient: old, insuredId, userId: actor.id, template: 'profile.notifications.changed', subject: channel === 'email' ? renderMessage(locale, 'profile.notifications.changedSubject') : null, body, locale }])
    }
  })
  return { channel, value: pending.newValue }
}
