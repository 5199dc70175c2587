import 'server-only'
import { getDb, databaseProvider } from '@/lib/db/client'
import { pingDatabase } from '@/lib/db/repositories/system'
import { limiterFallbacks, sharedRedis } from './rate-limiters'

/** Whether the database answers within `timeoutMs`. */
export async function checkDatabase(timeoutMs = 2_000): Promise<{ ok: boolean; provider: string }> {
  try {
    await Promise.race([pingDatabase(getDb()), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())])
    return { ok: true, provider: databaseProvider() }
  } catch {
    return { ok: false, provider: databaseProvider() }
  }
}

export type TRedisCheck = { configured: false } | { configured: true; ok: boolean; fallbacks: number }

/** Whether the shared store (REDIS_URL) answers; not configured on the embedded single-process default. */
export async function checkRedis(timeoutMs = 1_000): Promise<TRedisCheck> {
  const redis = sharedRedis()
  if (!redis) return { configured: false }
  let ok = false
  try {
    ok = (await Promise.race([redis.ping(), new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref())])) === 'PONG'
  } catch {
    ok = false
  }
  return { configured: true, ok, fallbacks: limiterFallbacks() }
}

/**
 * Readiness (issue 14 item 5): 503 when the database does not answer (the load balancer sends the traffic to other
 * instances; the process reconnects by itself when it returns). Redis down does not make an instance unready — it
 * keeps serving with per-instance limits (status "degraded"), since every instance shares the same Redis and taking
 * them all out would turn a degraded service into an outage.
 */
export async function checkReadiness(): Promise<{ status: 'ready' | 'degraded' | 'unavailable'; httpStatus: 200 | 503; database: { ok: boolean; provider: string }; redis: TRedisCheck }> {
  const [database, redis] = await Promise.all([checkDatabase(), checkRedis()])
  if (!database.ok) return { status: 'unavailable', httpStatus: 503, database, redis }
  return { status: redis.configured && !redis.ok ? 'degraded' : 'ready', httpStatus: 200, database, redis }
}
