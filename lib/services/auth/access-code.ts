import 'server-only'
import { randomInt } from 'node:crypto'
import type { Tx } from '@/lib/db/client'
import type { TInsuredFacts } from '@/lib/db/repositories/people'
import { queueOutboxMessages } from '@/lib/db/repositories/outbox'
import { createInsuredAccount, findAccountStateOfInsured, storeAccessCodeHash, type TAccountState } from '@/lib/db/repositories/users'
import { hashPassword } from '@/lib/auth/password'
import { renderMessage } from '../procedures/common'

/**
 * The temporary 4-digit access code ("code provisoire", seed 003), shared by the public account activation
 * (request-account-activation.ts) and the advisor's "send an access code" (back-office/send-access-code.ts):
 * only its argon2id hash is stored, with its expiry and a counter of wrong tries; it goes out by SMS (outbox).
 */

/** How long a temporary access code stays valid. */
export const ACCESS_CODE_MINUTES = 30
/** Wrong tries after which the code is erased (a new one must be asked for). */
export const ACCESS_CODE_MAX_ATTEMPTS = 5

export type TPreparedAccessCode = { code: string; hash: string; expiresAt: Date }

/** A fresh random code and its hash (hashing is slow: done before the transaction). */
export async function prepareAccessCode(now: Date): Promise<TPreparedAccessCode> {
  const code = String(randomInt(0, 10_000)).padStart(4, '0')
  return { code, hash: await hashPassword(code), expiresAt: new Date(now.getTime() + ACCESS_CODE_MINUTES * 60_000) }
}

/** Whether a sign-in input looks like a temporary access code rather than a password. */
export function looksLikeAccessCode(input: string): boolean {
  return /^\d{4}$/.test(input.trim())
}

/**
 * The insured person's account, created when there is none (role insured, no password, a new password required at
 * the first sign-in). The caller has checked that the person has a permanent number.
 */
export async function ensureInsuredAccount(tx: Tx, insured: Pick<TInsuredFacts, 'id' | 'firstNames' | 'lastName'>): Promise<{ account: TAccountState; created: boolean }> {
  const existing = await findAccountStateOfInsured(tx, insured.id)
  if (existing) return { account: existing, created: false }
  const { id } = await createInsuredAccount(tx, insured.id, `${insured.firstNames.split(' ')[0]} ${insured.lastName}`)
  return { account: { id, hasPassword: false, locked: false, mustChangePassword: true, sessionVersion: 0, insuredId: insured.id }, created: true }
}

/** Stores the code's hash on the account (replacing any previous code) and queues the SMS in the person's language. */
export async function storeAndTextAccessCode(
  tx: Tx,
  args: { userId: string; insured: Pick<TInsuredFacts, 'id' | 'phone' | 'preferredLocale'> & { phone: string }; prepared: TPreparedAccessCode; template: string },
): Promise<void> {
  const { userId, insured, prepared, template } = args
  const locale = insured.preferredLocale === 'en' ? 'en' : 'fr'
  await storeAccessCodeHash(tx, userId, prepared.hash, prepared.expiresAt)
  await queueOutboxMessages(tx, [
    {
      channel: 'sms',
      recipient: insured.phone,
      insuredId: insured.id,
      userId,
      template,
      subject: null,
      body: renderMessage(locale, template, { code: prepared.code, minutes: ACCESS_CODE_MINUTES }),
      locale,
    },
  ])
}
