import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { hasRecentFileOpen, loadInsuredFile, searchInsured, type TInsuredFile, type TInsuredHit } from '@/lib/db/repositories/back-office'
import { calendarDate, compareDates, isWithin, type CalendarDate } from '@/lib/domain/dates'
import { parseNir } from '@/lib/domain/nir'
import { AppError } from '@/lib/errors'
import { ZInsuredRef, ZInsuredSearch } from '@/lib/schemas/back-office'
import { auditRole, refuseOutOfScope, staffScope, type TActor, type TRequestContext } from '../procedures/common'

/**
 * Search by NIR (13 digits, or 15 with the key: a wrong key is refused), name (prefix of the birth or usual name)
 * and birth date. Advisors: their caisse only; supervisors: every caisse. Errors: ZodError (input), backoffice.errors.nirKey.
 */
export async function searchInsuredFiles({ actor, input }: { actor: TActor; input: unknown }): Promise<TInsuredHit[]> {
  const organisationId = staffScope(actor, 'read:insured-file:caisse')
  const data = ZInsuredSearch.parse(input)
  let nir: string | undefined
  if (data.nir) {
    if (data.nir.length === 15) {
      const parsed = parseNir(data.nir)
      if (!parsed.ok) throw new AppError('backoffice.errors.nirKey', 422, { field: 'nir' })
      nir = parsed.nir
    } else nir = data.nir
  }
  return searchInsured(getDb(), { nir, name: data.name, birthDate: data.birthDate, organisationId })
}

export const FILE_OPEN_WINDOW_MS = 5 * 60_000

/**
 * Opens an insured person's file (vue 360°): the reading is itself an audit event `insured.file.open` with the
 * person's id, so that the person sees it in "who looked at my file". Another caisse's file: 404 (nothing written).
 * The page shown again by the same user within FILE_OPEN_WINDOW_MS (after an action on the file) is the same opening.
 */
export async function openInsuredFile({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<TInsuredFile> {
  const organisationId = staffScope(actor, 'read:insured-file:caisse')
  const { insuredId } = ZInsuredRef.parse(input)
  const db = getDb()
  const file = await loadInsuredFile(db, insuredId, organisationId)
  if (!file) return refuseOutOfScope(db, actor, { type: 'insured', id: insuredId }, ctx)
  // Compared with the stored event times (written with the database clock of now, not a test's `now`).
  if (await hasRecentFileOpen(db, actor.id, file.id, new Date(Date.now() - FILE_OPEN_WINDOW_MS))) return file
  await writeAudit(db, {
    actorUserId: actor.id,
    actorRole: auditRole(actor),
    action: 'insured.file.open',
    targetType: 'insured',
    targetId: file.id,
    insuredId: file.id,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
  })
  return file
}

/**
 * What the paper care sheet form of the 360° file offers on `today`: the beneficiaries still attached (link not
 * ended before today) and whether an ALD is in force in the household (its period contains today). Calendar dates.
 */
export function careSheetContext(file: Pick<TInsuredFile, 'beneficiaries' | 'coverages'>, today: CalendarDate): { currentBeneficiaries: TInsuredFile['beneficiaries']; hasAld: boolean } {
  return {
    currentBeneficiaries: file.beneficiaries.filter((b) => !b.to || compareDates(calendarDate(b.to), today) >= 0),
    hasAld: file.coverages.some((c) => c.kind === 'ald' && isWithin(today, calendarDate(c.from), c.to ? calendarDate(c.to) : null)),
  }
}
