/**
 * The hourly clean-up (ADR 0011): what has expired goes, so that no stale secret (even hashed) stays in the database.
 *  - PendingContactChange past expiresAt (the 15-minute code of a new e-mail address or phone number);
 *  - PasswordResetCode past expiresAt by more than a day (the last hour's codes count for the hourly quota);
 *  - the temporary access code of an account (User.accessCode*) past accessCodeExpiresAt;
 *  - outbox messages "sending" for more than SENDING_STALE_MINUTES (their deliverer stopped mid-way): failed, not
 *    resent (it may have gone out; see deliver-outbox.ts);
 *  - sign-in sessions (AuthSession) that ended (revoked, or past their absolute end) more than a day ago: an unknown
 *    id is refused like a revoked one, and the sign-in history is in the audit journal, not in this table;
 *  - succeeded job runs older than JOB_RUNS_KEEP_DAYS (the outbox job alone writes 1 440 a day); failures stay;
 *  - the authorization server's expired rows (OidcPayload: sessions, codes, tokens past their lifetime, ADR 0012).
 * Time is an input.
 */
import type { Db } from '../db/client'

export const SENDING_STALE_MINUTES = 15
export const JOB_RUNS_KEEP_DAYS = 30

export type TExpiryResult = { contactChanges: number; resetCodes: number; accessCodes: number; sessions: number; staleSending: number; jobRuns: number; oauth: number }

export async function expireStale(db: Db, now: Date): Promise<TExpiryResult> {
  const contactChanges = (await db.pendingContactChange.deleteMany({ where: { expiresAt: { lt: now } } })).count
  const resetCodes = (await db.passwordResetCode.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } })).count
  const accessCodes = (await db.user.updateMany({ where: { accessCodeExpiresAt: { lt: now } }, data: { accessCodeHash: null, accessCodeExpiresAt: null, accessCodeAttempts: 0 } })).count
  const dayAgo = new Date(now.getTime() - 86_400_000)
  const sessions = (await db.authSession.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { revokedAt: { lt: dayAgo } }] } })).count
  const staleSending = (
    await db.outboxMessage.updateMany({
      where: { status: 'sending', claimedAt: { lt: new Date(now.getTime() - SENDING_STALE_MINUTES * 60_000) } },
      data: { status: 'failed', claimToken: null, lastError: 'interrupted while sending: outcome unknown, not resent' },
    })
  ).count
  const jobRuns = (await db.jobRun.deleteMany({ where: { status: 'succeeded', startedAt: { lt: new Date(now.getTime() - JOB_RUNS_KEEP_DAYS * 86_400_000) } } })).count
  const oauth = (await db.oidcPayload.deleteMany({ where: { expiresAt: { lt: now } } })).count
  return { contactChanges, resetCodes, accessCodes, sessions, staleSending, jobRuns, oauth }
}
