import 'server-only'
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { createRateLimiter } from '@/lib/services/system/rate-limiters'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAffiliationByReferenceAndBirthDate } from '@/lib/db/repositories/affiliation-requests'
import { ZFollowAffiliation } from '@/lib/schemas/affiliation'
import { AppError } from '@/lib/errors'
import { loadRuleSet, todayOf, type TRequestContext } from '@/lib/services/procedures/common'
import { affiliationLimiters, minutesOf, type TKeyedLimiter } from './affiliation-limits'

/** Tries per client address and hour (rule affiliation.follow.attempts-per-hour; shared through Redis when REDIS_URL is set). */
export type TFollowLimiter = { consume(ip: string, pointsPerHour: number): Promise<number | null> }

export function createFollowLimiter(): TFollowLimiter {
  const byPoints = new Map<number, RateLimiterAbstract>()
  return {
    async consume(ip, points) {
      let limiter = byPoints.get(points)
      if (!limiter) {
        limiter = createRateLimiter({ keyPrefix: `affiliation-follow-${points}`, points, duration: 3600 })
        byPoints.set(points, limiter)
      }
      try {
        await limiter.consume(ip || 'unknown')
        return null
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000))
        throw error
      }
    },
  }
}

const globalForLimiter = globalThis as unknown as { affiliationFollowLimiter?: TFollowLimiter }
export function followLimiter(): TFollowLimiter {
  globalForLimiter.affiliationFollowLimiter ??= createFollowLimiter()
  return globalForLimiter.affiliationFollowLimiter
}

/**
 * Opens the follow-up of a request (public): rate limit per client address (429 affiliation.errors.rateLimited),
 * zod (field errors), the request number not locked by too many wrong birth dates (429
 * affiliation.errors.referenceLocked: rule affiliation.follow.failures-per-reference, for
 * affiliation.follow.lock-minutes), then the request whose number AND applicant's birth date match. A wrong pair answers
 * affiliation.errors.notFound (404) whether the number exists or not. Both outcomes are audited (anonymous, IP).
 * Returns the request id (the caller puts it in the signed follow-up cookie).
 */
export async function followAffiliationRequest({
  input,
  limiter = followLimiter(),
  referenceLimiter = affiliationLimiters().followReference,
  ...ctx
}: { input: unknown; limiter?: TFollowLimiter; referenceLimiter?: TKeyedLimiter } & TRequestContext): Promise<{ id: string }> {
  const db = getDb()
  const now = ctx.now
  const rules = await loadRuleSet(db)
  const wait = await limiter.consume(ctx.ip ?? 'unknown', rules.valueAt('affiliation.follow.attempts-per-hour', todayOf(now)))
  if (wait !== null) throw new AppError('affiliation.errors.rateLimited', 429, { seconds: wait })
  const data = ZFollowAffiliation.parse(input)
  // Wrong birth dates per request number, whatever the address (issue 13 item 7: with rotating addresses the
  // date of birth of a request was found in 7 s). A locked number answers the same for the right date too.
  const today = todayOf(now)
  const referenceLimit = {
    points: rules.valueAt('affiliation.follow.failures-per-reference', today),
    durationSeconds: 3600,
    blockSeconds: rules.valueAt('affiliation.follow.lock-minutes', today) * 60,
  }
  const referenceKey = data.reference.toUpperCase()
  const locked = await referenceLimiter.blocked(referenceKey, referenceLimit)
  if (locked !== null) {
    await writeAudit(db, { actorRole: 'anonymous', action: 'affiliation.follow', targetType: 'procedure', outcome: 'denied', ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { reference: data.reference, reason: 'locked' } })
    throw new AppError('affiliation.errors.referenceLocked', 429, { minutes: minutesOf(locked) })
  }
  const found = await findAffiliationByReferenceAndBirthDate(db, data.reference, data.birthDate)
  await writeAudit(db, {
    actorRole: 'anonymous',
    action: 'affiliation.follow',
    targetType: 'procedure',
    targetId: found?.id,
    outcome: found ? 'success' : 'failure',
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
  })
  if (!found) {
    await referenceLimiter.consume(referenceKey, referenceLimit)
    throw new AppError('affiliation.errors.notFound', 404)
  }
  return { id: found.id }
}
