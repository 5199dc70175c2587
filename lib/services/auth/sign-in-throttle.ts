import 'server-only'
import { createHash } from 'node:crypto'
import { getDb, type Db } from '@/lib/db/client'
import { countFailure, findThrottles, forgetThrottle, restartRun, restartStaleWindow, startTemporaryLock } from '@/lib/db/repositories/login-throttle'
import { intFromEnv } from './login-rate-limit'

/**
 * Sign-in limits that stop attackers, not offices (issue 13 item 3, ADR 0004).
 * - Per client address: only FAILURES count (30 per 15 minutes); successful sign-ins never consume anything, so an
 *   office or a mobile network sharing one address is not locked out by its own users.
 * - Per account (NIR or staff e-mail, known or not): progressive delays after the 3rd and 4th consecutive failure, then
 *   a temporary lock at the 5th (15 min, doubling on each further lock: 30, 60… up to 24 h), ended by the time alone.
 *   Wrong passwords never lock an account for good: only an advisor does (User.lockedAt, back-office).
 * Counters live in the database (LoginThrottle), so a restart resets nothing. The time comes from the caller.
 * TSignInThrottle is the one interface authenticate() sees: a Redis implementation can replace this one (issue 14).
 */
export type TThrottleWait = { reason: 'address' | 'account-delay' | 'account-locked'; retryAfterSeconds: number }
export type TFailureOutcome = { accountFailures: number; lockStarted: boolean; lockedUntil: Date | null; lockMinutes: number | null }

export type TSignInThrottle = {
  /** Before the password is checked: how long the address or the account must wait, or null. */
  check(args: { ip: string; account: string; now: Date }): Promise<TThrottleWait | null>
  /** After a wrong password or access code (or an unknown account): one failure for the address and the account. */
  recordFailure(args: { ip: string; account: string; now: Date }): Promise<TFailureOutcome>
  /** After a successful sign-in: the account's failures and past locks are forgotten (the address's stay). */
  recordSuccess(args: { account: string; now: Date }): Promise<void>
}

export type TThrottlePolicy = {
  /** Failures per address and window before the address waits for the window's end. */
  addressFailures: number
  addressWindowSeconds: number
  /** Consecutive failures of one account that start a temporary lock. */
  lockAfterFailures: number
  /** Wait after the n-th consecutive failure (index n-1), before the lock. */
  delaysSeconds: readonly number[]
  firstLockMinutes: number
  maxLockMinutes: number
  /** A day without failures (or since the last lock ended) forgets the account's run and its past locks. */
  quietResetHours: number
}

export const DEFAULT_THROTTLE_POLICY: TThrottlePolicy = {
  addressFailures: 30,
  addressWindowSeconds: 15 * 60,
  lockAfterFailures: 5,
  delaysSeconds: [0, 0, 5, 30],
  firstLockMinutes: 15,
  maxLockMinutes: 24 * 60,
  quietResetHours: 24,
}

/** The policy, with the environment's overrides (LOGIN_LIMIT_PER_IP, LOGIN_LOCK_AFTER_FAILURES; e2e and load tests). */
export function throttlePolicyFromEnv(): TThrottlePolicy {
  return {
    ...DEFAULT_THROTTLE_POLICY,
    addressFailures: intFromEnv('LOGIN_LIMIT_PER_IP', DEFAULT_THROTTLE_POLICY.addressFailures),
    lockAfterFailures: intFromEnv('LOGIN_LOCK_AFTER_FAILURES', DEFAULT_THROTTLE_POLICY.lockAfterFailures),
  }
}

/** 15, 30, 60… minutes, at most maxLockMinutes: the length of the (lockCount+1)-th temporary lock. */
export function lockMinutes(policy: TThrottlePolicy, lockCount: number): number {
  return Math.min(policy.maxLockMinutes, policy.firstLockMinutes * 2 ** Math.min(lockCount, 20))
}

export function delayAfter(policy: TThrottlePolicy, failures: number): number {
  return failures > 0 ? (policy.delaysSeconds[failures - 1] ?? policy.delaysSeconds.at(-1) ?? 0) : 0
}

const addressKey = (ip: string) => `ip:${ip || 'unknown'}`
/** "insured:<13 digits>" or "staff:<e-mail>", hashed: the table does not keep what visitors typed. */
export const accountKey = (account: string) => `account:${createHash('sha256').update(account).digest('hex')}`
const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000))
const plus = (now: Date, ms: number) => new Date(now.getTime() + ms)

export function createDbSignInThrottle(options: { db?: Db; policy?: TThrottlePolicy } = {}): TSignInThrottle {
  const policy = options.policy ?? DEFAULT_THROTTLE_POLICY
  const dbOf = () => options.db ?? getDb()
  const quietMs = policy.quietResetHours * 3600_000
  return {
    async check({ ip, account, now }) {
      const [ipK, accK] = [addressKey(ip), accountKey(account)]
      const rows = await findThrottles(dbOf(), [ipK, accK])
      const addr = rows.find((r) => r.key === ipK)
      if (addr && addr.failures >= policy.addressFailures) {
        const end = plus(addr.windowStart, policy.addressWindowSeconds * 1000)
        if (end > now) return { reason: 'address', retryAfterSeconds: secondsUntil(end, now) }
      }
      const acc = rows.find((r) => r.key === accK)
      if (acc?.lockedUntil && acc.lockedUntil > now) return { reason: 'account-locked', retryAfterSeconds: secondsUntil(acc.lockedUntil, now) }
      if (acc?.lastFailureAt) {
        const readyAt = plus(acc.lastFailureAt, delayAfter(policy, acc.failures) * 1000)
        if (readyAt > now) return { reason: 'account-delay', retryAfterSeconds: secondsUntil(readyAt, now) }
      }
      return null
    },

    async recordFailure({ ip, account, now }) {
      const [ipK, accK] = [addressKey(ip), accountKey(account)]
      return dbOf().$transaction(async (tx) => {
        await restartStaleWindow(tx, ipK, plus(now, -policy.addressWindowSeconds * 1000), now)
        await countFailure(tx, ipK, now)
        const [before] = await findThrottles(tx, [accK])
        if (before) {
          const quietSince = Math.max(before.lastFailureAt?.getTime() ?? 0, before.lockedUntil?.getTime() ?? 0)
          if (quietSince < now.getTime() - quietMs) await restartRun(tx, accK, now, true)
          else if (before.lockedUntil && before.lockedUntil <= now) await restartRun(tx, accK, now, false)
        }
        const row = await countFailure(tx, accK, now)
        if (row.failures < policy.lockAfterFailures) return { accountFailures: row.failures, lockStarted: false, lockedUntil: null, lockMinutes: null }
        const minutes = lockMinutes(policy, row.lockCount)
        const until = plus(now, minutes * 60_000)
        const lockStarted = await startTemporaryLock(tx, accK, policy.lockAfterFailures, until, now)
        return { accountFailures: row.failures, lockStarted, lockedUntil: lockStarted ? until : row.lockedUntil, lockMinutes: lockStarted ? minutes : null }
      })
    },

    async recordSuccess({ account }) {
      await forgetThrottle(dbOf(), accountKey(account))
    },
  }
}

const globalForThrottle = globalThis as unknown as { signInThrottle?: TSignInThrottle }

/** The process-wide throttle (database-backed, policy from the environment). */
export function signInThrottle(): TSignInThrottle {
  globalForThrottle.signInThrottle ??= createDbSignInThrottle({ policy: throttlePolicyFromEnv() })
  return globalForThrottle.signInThrottle
}
