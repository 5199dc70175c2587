import 'server-only'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { createRateLimiter } from '@/lib/services/system/rate-limiters'
import type { Db } from '@/lib/db/client'
import { findIssuedDocumentByCode } from '@/lib/db/repositories/documents'
import { issuedAttestationStatus } from '@/lib/domain/attestation-status'
import { calendarDate, compareDates, toCalendarDate } from '@/lib/domain/dates'
import type { TAttestationFacts } from '@/lib/pdf/attestation-droits'
import type { TEhicCertificateFacts } from '@/lib/pdf/ehic-provisional-certificate'
import { ZVerificationCode } from '@/lib/schemas/documents'
import { AppError } from '@/lib/errors'

/**
 * What the public verification page may say about a code (no login): whether an attestation with this code was
 * issued, when, for whom (initials and birth year only: nothing that identifies the person to a stranger), and
 * whether it is still valid today (not revoked, validUntil not passed, rights still open).
 */
export type TVerification =
  | { status: 'unknown' }
  | {
      status: 'valid' | 'expired' | 'revoked' | 'rights-ended'
      /** Which document carries the code: the attestation de droits or the EHIC provisional replacement certificate. */
      document: 'attestation-droits' | 'ehic-provisional'
      issuedOn: string
      validUntil: string | null
      revokedOn: string | null
      holder: { initials: string; birthYear: string }
      beneficiaries: { initials: string; birthYear: string }[]
    }

const initials = (firstNames: string, lastName: string) =>
  [...firstNames.split(/[\s-]+/).slice(0, 1), lastName]
    .map((w) => w.trim().charAt(0).toUpperCase())
    .filter(Boolean)
    .map((c) => `${c}.`)
    .join(' ')

/** Checks a verification code (already validated with ZVerificationCode). `today` is the Paris calendar day. */
export async function verifyAttestation(db: Db, code: string, todayText: string): Promise<TVerification> {
  const doc = await findIssuedDocumentByCode(db, code)
  if (!doc || (doc.kind !== 'attestation-droits' && doc.kind !== 'ehic-provisional')) return { status: 'unknown' }
  const today = calendarDate(todayText)
  const rightsEnded = doc.insured.affiliationStatus !== 'active' || (doc.insured.rightsTo !== null && compareDates(calendarDate(doc.insured.rightsTo), today) < 0)
  const issued = issuedAttestationStatus(doc, today)
  const status = issued !== 'valid' ? issued : rightsEnded ? 'rights-ended' : 'valid'
  const revokedOn = doc.revokedAt ? toCalendarDate(doc.revokedAt) : null
  if (doc.kind === 'ehic-provisional') {
    const e = JSON.parse(doc.snapshot) as TEhicCertificateFacts
    return {
      status,
      document: 'ehic-provisional',
      issuedOn: e.issuedOn,
      validUntil: doc.validUntil,
      revokedOn,
      holder: { initials: initials(e.firstNames, e.lastName), birthYear: e.birthDate.slice(0, 4) },
      beneficiaries: [],
    }
  }
  const f = JSON.parse(doc.snapshot) as TAttestationFacts
  return {
    status,
    document: 'attestation-droits',
    issuedOn: f.issuedOn,
    validUntil: doc.validUntil,
    revokedOn,
    holder: { initials: initials(f.insured.firstNames, f.insured.lastName), birthYear: f.insured.birthDate.slice(0, 4) },
    beneficiaries: f.beneficiaries.map((b) => ({ initials: initials(b.firstNames, b.lastName), birthYear: b.birthDate.slice(0, 4) })),
  }
}

/** Brute-force guard for the public page: 10 checks per minute and 60 per hour per client address (shared through Redis when REDIS_URL is set). */
export type TVerifyLimiter = { consume(ip: string): Promise<number | null> }

export function createVerifyLimiter(o: { perMinute: number; perHour: number }): TVerifyLimiter {
  const minute = createRateLimiter({ keyPrefix: 'verify-min', points: o.perMinute, duration: 60 })
  const hour = createRateLimiter({ keyPrefix: 'verify-hour', points: o.perHour, duration: 3600 })
  return {
    async consume(ip) {
      try {
        await minute.consume(ip || 'unknown')
        await hour.consume(ip || 'unknown')
        return null
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000))
        throw error
      }
    },
  }
}

const globalForLimiter = globalThis as unknown as { verifyLimiter?: TVerifyLimiter }
export function verifyLimiter(): TVerifyLimiter {
  const n = Number(process.env.VERIFY_LIMIT_PER_MINUTE)
  globalForLimiter.verifyLimiter ??= createVerifyLimiter({ perMinute: Number.isInteger(n) && n > 0 ? n : 10, perHour: 60 })
  return globalForLimiter.verifyLimiter
}

/**
 * The public check: rate limit (429 documents.verify.tooMany with the wait), zod validation (400
 * documents.verify.invalidCode), then the lookup.
 */
export async function checkAttestationCode(db: Db, { code, ip, today, limiter = verifyLimiter() }: { code: unknown; ip: string | null; today: string; limiter?: TVerifyLimiter }): Promise<TVerification & { code: string }> {
  const wait = await limiter.consume(ip ?? 'unknown')
  if (wait !== null) throw new AppError('documents.verify.tooMany', 429, { seconds: wait })
  const parsed = ZVerificationCode.safeParse(code)
  if (!parsed.success) throw new AppError('documents.verify.invalidCode', 400)
  return { ...(await verifyAttestation(db, parsed.data, today)), code: parsed.data }
}
