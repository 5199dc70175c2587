import 'server-only'
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { createRateLimiter } from '@/lib/services/system/rate-limiters'

/**
 * Counters of the public affiliation pages (issue 13 item 7), shared through Redis when REDIS_URL is set (system/rate-limiters.ts)
 * (ADR 0004). A limit is `points` per `durationSeconds` for a key
 * (a client address, a request number); once passed, the key stays blocked `blockSeconds` (default: the rest of
 * the window). The numbers are dated rule rows (prisma/rules/affiliation.json), read by the caller at its date.
 */
export type TLimit = { points: number; durationSeconds: number; blockSeconds?: number }

export type TKeyedLimiter = {
  /** Seconds until `key` may act again when it has no points left, else null. Costs nothing. */
  blocked(key: string, limit: TLimit): Promise<number | null>
  /** Uses one point of `key`; the seconds to wait when this passes the limit, else null. */
  consume(key: string, limit: TLimit): Promise<number | null>
  /** Gives back the point of an attempt that ended in a refusal (a request that was not created). */
  refund(key: string, limit: TLimit): Promise<void>
}

export function createKeyedLimiter(prefix: string): TKeyedLimiter {
  const byLimit = new Map<string, RateLimiterAbstract>()
  const limiterFor = ({ points, durationSeconds, blockSeconds = 0 }: TLimit) => {
    const id = `${points}/${durationSeconds}/${blockSeconds}`
    let limiter = byLimit.get(id)
    if (!limiter) {
      limiter = createRateLimiter({ keyPrefix: `${prefix}-${id}`, points, duration: durationSeconds, blockDuration: blockSeconds })
      byLimit.set(id, limiter)
    }
    return limiter
  }
  const waitOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000))
  return {
    async blocked(key, limit) {
      const res = await limiterFor(limit).get(key || 'unknown')
      return res && res.remainingPoints <= 0 ? waitOf(res) : null
    },
    async consume(key, limit) {
      try {
        await limiterFor(limit).consume(key || 'unknown')
        return null
      } catch (error) {
        if (error instanceof RateLimiterRes) return waitOf(error)
        throw error
      }
    },
    async refund(key, limit) {
      await limiterFor(limit).reward(key || 'unknown', 1)
    },
  }
}

type TAffiliationLimiters = { submitHour: TKeyedLimiter; submitDay: TKeyedLimiter; followReference: TKeyedLimiter }

const globalForLimits = globalThis as unknown as { affiliationLimiters?: TAffiliationLimiters }

/** The process-wide counters: requests per address (hour, day) and wrong birth dates per request number. */
export function affiliationLimiters(): TAffiliationLimiters {
  globalForLimits.affiliationLimiters ??= {
    submitHour: createKeyedLimiter('affiliation-submit-hour'),
    submitDay: createKeyedLimiter('affiliation-submit-day'),
    followReference: createKeyedLimiter('affiliation-follow-reference'),
  }
  return globalForLimits.affiliationLimiters
}

/** Fresh counters (tests). */
export function resetAffiliationLimiters(): void {
  globalForLimits.affiliationLimiters = undefined
}

/** Whole minutes, at least 1, for the messages. */
export const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60))

/**
 * A quota from the environment instead of the rule row, for a local suite that sends many requests from one
 * address (the e2e server sets AFFILIATION_SUBMIT_LIMIT_PER_HOUR / _PER_DAY, as it does LOGIN_LIMIT_PER_IP).
 */
export function quotaFromEnv(name: 'AFFILIATION_SUBMIT_LIMIT_PER_HOUR' | 'AFFILIATION_SUBMIT_LIMIT_PER_DAY'): number | null {
  const n = Number(process.env[name])
  return Number.isInteger(n) && n > 0 ? n : null
}
