import 'server-only'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/**
 * Sign-in throttling (rate-limiter-flexible): per client IP and per account identifier.
 * In memory: one Node process serves the portal (ADR 0004 says how to move it to Redis when scaling out).
 * The durable protection is the account lock after 10 consecutive failures, stored in the database.
 */
export type TLoginLimiter = {
  /** Consumes one attempt; returns the seconds to wait when the limit is reached, else null. */
  consume(ip: string, account: string): Promise<number | null>
  /** Forgets the account's counter after a successful sign-in. */
  reward(account: string): Promise<void>
}

export function createLoginLimiter(options: { ipPoints: number; accountPoints: number; durationSeconds: number; prefix?: string }): TLoginLimiter {
  const prefix = options.prefix ?? 'login'
  const byIp = new RateLimiterMemory({ keyPrefix: `${prefix}-ip`, points: options.ipPoints, duration: options.durationSeconds })
  const byAccount = new RateLimiterMemory({ keyPrefix: `${prefix}-account`, points: options.accountPoints, duration: options.durationSeconds })
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

const globalForLimiter = globalThis as unknown as { loginLimiter?: TLoginLimiter }

/** The process-wide limiter: 30 attempts per IP and 8 per account every 15 minutes (overridable for load tests). */
export function loginLimiter(): TLoginLimiter {
  globalForLimiter.loginLimiter ??= createLoginLimiter({
    ipPoints: intFromEnv('LOGIN_LIMIT_PER_IP', 30),
    accountPoints: intFromEnv('LOGIN_LIMIT_PER_ACCOUNT', 8),
    durationSeconds: 15 * 60,
  })
  return globalForLimiter.loginLimiter
}
