import 'server-only'
import { getDb } from '@/lib/db/client'
import { listPendingContactChanges } from '@/lib/db/repositories/contact-changes'
import { findProfile, type TProfile } from '@/lib/db/repositories/profile'
import { calendarDate, isWithin, type CalendarDate } from '@/lib/domain/dates'
import { situationOverview, type TSituationOverview } from '@/lib/domain/situations'
import { loadRuleSet, resolveInsuredFile, todayOf, type TActor } from '../procedures/common'

type TCoverage = { kind: string; from: string; to: string | null }

/** The kinds of coverage (ALD, CSS, maternity…) in force on `today`, compared as calendar dates. */
export function coverageKindsInForce(coverages: readonly TCoverage[], today: CalendarDate): string[] {
  return coverages.filter((c) => isWithin(today, calendarDate(c.from), c.to ? calendarDate(c.to) : null)).map((c) => c.kind)
}

export type TProfilePage = {
  profile: TProfile
  /** Contact changes waiting for their code and not expired yet. */
  pending: { channel: string; newValue: string; expiresAt: Date }[]
  /** Coverage kinds in force today: the insured person's, and each beneficiary's by id. */
  coverageInForce: { insured: string[]; beneficiaries: Record<string, string[]> }
  /** "Ma situation" and the complementary cover (a CSS in force is the complementary), as on the home page. */
  situation: TSituationOverview
}

/** "Mon profil": the person's own file (insured persons only; 404 when the file is gone). */
export async function getProfilePage({ actor, now }: { actor: TActor; now: Date }): Promise<TProfilePage | null> {
  const db = getDb()
  const insuredId = await resolveInsuredFile(db, actor, undefined, { insured: 'read:insured-space:own', staff: 'read:insured-file:caisse' })
  const [profile, pending, rules] = await Promise.all([findProfile(db, insuredId), listPendingContactChanges(db, insuredId), loadRuleSet(db)])
  if (!profile) return null
  const today = todayOf(now)
  return {
    profile,
    pending: pending.filter((c) => c.expiresAt > now),
    coverageInForce: {
      insured: coverageKindsInForce(profile.coverages, today),
      beneficiaries: Object.fromEntries(profile.beneficiaries.map(({ beneficiary: b }) => [b.id, coverageKindsInForce(b.coverages, today)])),
    },
    situation: situationOverview({
      periods: profile.coverages,
      regime: profile.regime,
      birthDate: profile.birthDate,
      mutuelle: { name: profile.mutuelleName, amcCode: profile.amcCode, cover: profile.complementaryKind },
      today,
      rules,
    }),
  }
}
