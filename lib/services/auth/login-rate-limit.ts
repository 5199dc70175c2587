import 'server-only'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { createRateLimiter } from '@/lib/services/system/rate-limiters'

/**
 * An attempt counter per client address and per account (rate-limiter-flexible; in Redis when REDIS_URL is set, else in memory), used by the account
 * activation requests (each may send an SMS, so every request counts). Sign-in has its own, database-backed
 * throttle that counts failures only (sign-in-throttle.ts, ADR 0004).
 */
export type TLoginLimiter = {
  /** Consumes one attempt; returns the seconds to wait when the limit is reached, else null. */
  consume(ip: string, account: string): Promise<number | null>
  /** Forgets the account's counter after a successful sign-in. */
  reward(account: string): Promise<void>
}

export function createLoginLimiter(options: { ipPoints: number; accountPoints: number; durationSeconds: number; prefix?: string }): TLoginLimiter {
  const prefix = options.prefix ?? 'login'
  const byIp = createRateLimiter({ keyPrefix: `${prefix}-ip`, points: options.ipPoints, duration: options.durationSeconds })
  const byAccount = createRateLimiter({ keyPrefix: `${prefix}-account`, points: options.accountPoints, duration: options.durationSeconds })
  return {
    async consume(ip, account) {
      try {
        await byIp.consume(ip || 'unknown')
        await byAccount.consume(account)
        return null
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000))
        throw error
      }
    },
    async reward(account) {
      await byAccount.delete(account)
    },
  }
}

export function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}
