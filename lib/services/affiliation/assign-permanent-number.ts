import 'server-only'
import { getDb } from '@/lib/db/client'
import { findAffiliatedInsured, giveInsuredPermanentNumber } from '@/lib/db/repositories/affiliation-registration'
import type { TBirthPlace } from '@/lib/domain/affiliation/nir-allocation'
import { formatNir } from '@/lib/domain/nir'
import { ZGiveAffiliationNumber } from '@/lib/schemas/affiliation-advisor'
import { AppError } from '@/lib/errors'
import { issueAttestationInTransaction } from '../documents/issue-attestation'
import { todayOf, type TActor, type TRequestContext } from '../procedures/common'
import { allocateNir, applicantMessages, decide, loadAffiliationForStaff, nirRequest, recordAffiliationStep, retryOnNirRace } from './advisor-step'
import { openInsuredFile } from './register-temporary-number'

/**
 * An advisor gives the permanent number (RULEBOOK §8: sex 1/2, birth year and month, department and commune of
 * birth — or 99 and the INSEE country code —, the smallest free order number, the key), after the temporary one
 * (approved) or straight from review (the Insured file is then opened with it). The file becomes active (nirKind
 * permanent), the request completed (payload.permanentNir), and its first attestation de droits is issued on the
 * person's behalf by the advisor in the same transaction; e-mail and SMS to the person: the attestation is ready and
 * the next step is to activate the ameli account (/activer-mon-compte). Errors: forbidden 403, notFound 404,
 * affiliation.errors.{transition,documentsMissing,countryCode,department,commune,noFreeOrder} 422.
 */
export async function assignPermanentNumber({
  actor,
  input,
  verifyBaseUrl,
  ...ctx
}: { actor: TActor; input: unknown; verifyBaseUrl: string } & TRequestContext): Promise<{ id: string; reference: string; status: string; insuredId: string; nir: string; key: string; attestationId: string }> {
  const data = ZGiveAffiliationNumber.parse(input)
  const db = getDb()
  const loaded = await loadAffiliationForStaff(db, actor, data.procedureId)
  const next = await decide(db, loaded, { type: 'assign-permanent' })
  const now = ctx.now
  const today = todayOf(now)
  const base = verifyBaseUrl.replace(/\/$/, '')
  const req = nirRequest(loaded.payload, data.birthPlace as TBirthPlace)
  return retryOnNirRace(() =>
    db.$transaction(async (tx) => {
      const number = await allocateNir(tx, 'permanent', req)
      let insuredId = loaded.row.insuredId
      let previous: string | null = null
      if (insuredId) {
        const insured = await findAffiliatedInsured(tx, insuredId)
        if (!insured) throw new AppError('notFound', 404)
        previous = insured.nirKind === 'temporary' ? formatNir(insured.nir, insured.nirKey) : null
        await giveInsuredPermanentNumber(tx, insuredId, { nir: number.nir, nirKey: number.key })
      } else {
        insuredId = await openInsuredFile(tx, loaded, { ...number, kind: 'permanent' }, today)
      }
      const attestation = await issueAttestationInTransaction(tx, { actor, insuredId, scope: 'insured', verifyBaseUrl, now, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null })
      const payload = { ...loaded.payload, acknowledgedOn: loaded.payload.acknowledgedOn ?? today, permanentNir: { nir: number.nir, key: number.key, on: today } }
      await recordAffiliationStep(tx, {
        loaded, actor, event: 'assign-permanent', next, payload, insuredId, now, ip: ctx.ip, userAgent: ctx.userAgent,
        details: { nirKind: 'permanent', birthPlace: data.birthPlace, replacesTemporary: previous !== null, attestationId: attestation.documentId },
        messages: applicantMessages(loaded, { template: 'assignPermanent', params: { nir: formatNir(number.nir, number.key), followUrl: `${base}/affiliation/suivi`, activateUrl: `${base}/activer-mon-compte` }, insuredId, sms: true }),
      })
      return { id: loaded.row.id, reference: loaded.row.reference, status: next.status, insuredId, ...number, attestationId: attestation.documentId }
    }),
  )
}
