import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RateLimiterRes } from 'rate-limiter-flexible'
import type { Redis } from 'ioredis'
import { createRateLimiter, createRedisClient, limiterFallbacks } from '@/lib/services/system/rate-limiters'

/**
 * Issue 14 item 2: with Redis, every instance meets the same limit (two ioredis clients stand for two instances of
 * the portal); with Redis down, each instance keeps its own limit (insurance limiter) and the fallback is counted.
 * Needs the local Redis (127.0.0.1:6379, started by .ci/run); on a machine without it the shared cases are skipped
 * with a warning, except in CI where they must run.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

async function reachable(client: Redis): Promise<boolean> {
  try {
    if (client.status !== 'ready') await Promise.race([new Promise((resolve) => client.once('ready', resolve)), new Promise((resolve) => setTimeout(resolve, 1500))])
    return (await Promise.race([client.ping(), new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 1500))])) === 'PONG'
  } catch {
    return false
  }
}

async function attempts(limiter: ReturnType<typeof createRateLimiter>, key: string, n: number): Promise<boolean[]> {
  const out: boolean[] = []
  for (let i = 0; i < n; i++) {
    try {
      await limiter.consume(key)
      out.push(true)
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error
      out.push(false)
    }
  }
  return out
}

describe('rate limits shared by every instance through Redis (issue 14 item 2)', () => {
  let instanceA: Redis
  let instanceB: Redis
  let redisUp = false
  const prefix = `test-${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    instanceA = createRedisClient(REDIS_URL)
    instanceB = createRedisClient(REDIS_URL)
    redisUp = (await reachable(instanceA)) && (await reachable(instanceB))
    if (!redisUp && process.env.CI) throw new Error(`Redis is not reachable at ${REDIS_URL} (CI starts it in .ci/run)`)
    if (!redisUp) console.warn(`Redis not reachable at ${REDIS_URL}: shared-limit tests skipped`)
  })
  afterAll(async () => {
    if (redisUp) {
      const keys = await instanceA.keys(`ameli:rl:${prefix}*`)
      if (keys.length) await instanceA.del(...keys)
    }
    instanceA.disconnect()
    instanceB.disconnect()
  })

  it('an attacker alternating between two instances gets 5 attempts in all, not 5 per instance', async ({ skip }) => {
    if (!redisUp) skip()
    const options = { keyPrefix: `${prefix}-shared`, points: 5, duration: 60 }
    const a = createRateLimiter(options, instanceA)
    const b = createRateLimiter(options, instanceB)
    const results: boolean[] = []
    for (let i = 0; i < 5; i++) {
      results.push(...(await attempts(i % 2 === 0 ? a : b, '203.0.113.7', 1)))
      results.push(...(await attempts(i % 2 === 0 ? b : a, '203.0.113.7', 1)))
    }
    expect(results).toEqual([true, true, true, true, true, false, false, false, false, false])
    // Another address is not affected.
    expect(await attempts(b, '198.51.100.9', 1)).toEqual([true])
  })

  it('without Redis (in memory) the same two instances would each allow 5: the control case', async () => {
    const options = { keyPrefix: `${prefix}-memory`, points: 5, duration: 60 }
    const a = createRateLimiter(options, null)
    const b = createRateLimiter(options, null)
    expect([...(await attempts(a, 'x', 5)), ...(await attempts(b, 'x', 5))].every(Boolean)).toBe(true)
  })

  it('Redis down: the instance keeps serving with its own limit and counts the fallback', async () => {
    const dead = createRedisClient('redis://127.0.0.1:1') // nothing listens on port 1
    try {
      const before = limiterFallbacks()
      const limiter = createRateLimiter({ keyPrefix: `${prefix}-down`, points: 3, duration: 60 }, dead)
      expect(await attempts(limiter, '203.0.113.8', 5)).toEqual([true, true, true, false, false])
      expect(limiterFallbacks() - before).toBe(5)
    } finally {
      dead.disconnect()
    }
  })
})
