import 'server-only'
import { log } from '@/lib/observability/log'
import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { countLimiterFallback, countRateLimitRefusal } from '@/lib/observability/metrics'

/**
 * Every rate limiter of the portal comes from here (issue 14 item 2).
 *
 * - Without `REDIS_URL` (the embedded SQLite demo, one process): an in-memory limiter, as before.
 * - With `REDIS_URL` (several instances behind a load balancer): rate-limiter-flexible's Redis limiter, so an
 *   attacker spread over every instance meets the same limit as on one. Each Redis limiter carries an in-memory
 *   "insurance" limiter with the same points: when Redis does not answer, the portal keeps serving with limits
 *   per instance, logs a warning once per outage and counts the fallbacks (`limiterFallbacks()`, exported as a
 *   metric).
 *
 * The ioredis client is created once per process, with the offline queue disabled so that a command fails at
 * once when Redis is down (rate-limiter-flexible then uses the insurance limiter) instead of waiting.
 */
export type TLimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration?: number }

const KEY_NAMESPACE = 'ameli:rl:'

// On globalThis: Next.js may load this module once per server bundle; the process keeps one client and one count.
const state = globalThis as unknown as { ameliRedis?: Redis | null; ameliLimiterFallbacks?: number; ameliRedisOutage?: boolean }

export function createRedisClient(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    // Keep trying to reconnect, at most every 2 s, so the shared limits come back when Redis does.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  })
  client.on('error', (error: Error) => {
    if (!state.ameliRedisOutage) {
      state.ameliRedisOutage = true
      log.warn(`[rate-limit] Redis unavailable (${error.message}): limits are kept per instance until it answers again`)
    }
  })
  client.on('ready', () => {
    if (state.ameliRedisOutage) log.warn('[rate-limit] Redis answers again: limits are shared by every instance')
    state.ameliRedisOutage = false
  })
  return client
}

/** The process's Redis client for shared state, or null when `REDIS_URL` is not set. */
export function sharedRedis(): Redis | null {
  if (state.ameliRedis === undefined) {
    const url = process.env.REDIS_URL?.trim()
    state.ameliRedis = url ? createRedisClient(url) : null
  }
  return state.ameliRedis
}

/** How many times a limiter fell back to its per-instance insurance limiter because Redis did not answer. */
export function limiterFallbacks(): number {
  return state.ameliLimiterFallbacks ?? 0
}

/** Whether the shared store is configured but not answering (for readiness and metrics). */
export function limiterStoreDegraded(): boolean {
  return sharedRedis() !== null && state.ameliRedisOutage === true
}

type TConsumeOptions = { [key: string]: unknown }

/** Counts a refusal (RateLimiterRes) in the metrics, by limiter, and passes it on. */
function countingRefusals(prefix: string) {
  return (error: unknown): never => {
    if (error instanceof RateLimiterRes) countRateLimitRefusal(prefix)
    throw error
  }
}

class CountingMemoryLimiter extends RateLimiterMemory {
  override consume(key: string | number, pointsToConsume?: number, options?: TConsumeOptions) {
    return super.consume(key, pointsToConsume, options).catch(countingRefusals(this.keyPrefix))
  }
}

class CountingRedisLimiter extends RateLimiterRedis {
  override consume(key: string | number, pointsToConsume?: number, options?: TConsumeOptions) {
    return super.consume(key, pointsToConsume, options).catch(countingRefusals(this.keyPrefix.replace(KEY_NAMESPACE, '')))
  }
}

/** The insurance limiter: answers while Redis does not; every call counts as a fallback. */
class InsuranceLimiter extends RateLimiterMemory {
  override consume(key: string | number, pointsToConsume?: number, options?: TConsumeOptions) {
    state.ameliLimiterFallbacks = (state.ameliLimiterFallbacks ?? 0) + 1
    countLimiterFallback()
    return super.consume(key, pointsToConsume, options)
  }
}

/**
 * A limiter with rate-limiter-flexible's interface (`consume`, `get`, `delete`, `penalty`, `reward`…), shared by every
 * instance when Redis is configured. `redis` lets a test pass its own client (two clients = two instances).
 */
export function createRateLimiter(options: TLimiterOptions, redis: Redis | null = sharedRedis()): RateLimiterAbstract {
  const memoryOptions = { keyPrefix: options.keyPrefix, points: options.points, duration: options.duration, blockDuration: options.blockDuration ?? 0 }
  if (!redis) return new CountingMemoryLimiter(memoryOptions)
  return new CountingRedisLimiter({
    ...memoryOptions,
    keyPrefix: `${KEY_NAMESPACE}${options.keyPrefix}`,
    storeClient: redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new InsuranceLimiter(memoryOptions),
  })
}
