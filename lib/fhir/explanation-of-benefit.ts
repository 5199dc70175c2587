import type { TFhirClaim, TFhirClaimLine, TFhirInsured } from '@/lib/db/repositories/fhir'
import { concept, FINESS, money, RPPS, SYS, type TFhirResource } from './systems'

const CLAIM_TYPE: Record<string, string> = { medicine: 'pharmacy', hospital: 'institutional', optics: 'vision', dentist: 'oral' }
const OUTCOME: Record<string, string> = { received: 'queued', checked: 'queued', processed: 'complete', paid: 'complete', rejected: 'error' }

/** What the person was charged for a line: the same figure as "Mes paiements" (AMO + complementary + patient). */
export const lineCharged = (l: Pick<TFhirClaimLine, 'amoPaid' | 'complementary' | 'patient'>) => l.amoPaid + l.complementary + l.patient

const local = (code: string, display: string) => concept(SYS.adjudication, code, display)
const hl7 = (code: string, display: string) => concept(SYS.hl7Adjudication, code, display)

/**
 * The adjudication of one line, step by step as the Assurance Maladie computes it: the base (eligible), the rate,
 * the amount it pays (benefit), the participation and franchise deducted, the Alsace-Moselle complement, the
 * mutuelle's share, and what the patient keeps.
 */
function adjudications(l: TFhirClaimLine) {
  const out: { category: ReturnType<typeof concept>; amount?: ReturnType<typeof money>; value?: number }[] = [
    { category: hl7('submitted', 'Montant facturé'), amount: money(lineCharged(l)) },
    { category: hl7('eligible', 'Base de remboursement'), amount: money(l.base) },
    { category: hl7('eligpercent', 'Taux de remboursement'), value: l.rate },
    { category: hl7('benefit', "Payé par l'Assurance Maladie"), amount: money(l.amoPaid) },
    { category: local('participation', 'Participation forfaitaire'), amount: money(l.participation) },
    { category: local('franchise', 'Franchise médicale'), amount: money(l.franchise) },
  ]
  if (l.localRegime > 0) out.push({ category: local('local-regime', 'Complément du régime local Alsace-Moselle'), amount: money(l.localRegime) })
  if (l.carriedForward > 0) out.push({ category: local('carried-forward', 'Déductions reportées sur un prochain remboursement'), amount: money(l.carriedForward) })
  out.push({ category: local('complementary', 'Part de la complémentaire (mutuelle)'), amount: money(l.complementary) })
  out.push({ category: local('patient', 'Reste à charge'), amount: money(l.patient) })
  return out
}

function providerRef(p: TFhirClaim['professional']) {
  if (!p) return { display: 'Non renseigné' }
  const name = [p.title, p.firstName, p.lastName].filter(Boolean).join(' ')
  return { identifier: { system: p.kind === 'establishment' ? FINESS : RPPS, value: p.rpps }, display: name }
}

/**
 * One claim as a FHIR ExplanationOfBenefit (issue 18 §4): the provider, the dates, each line with its act, quantity,
 * charged amount and adjudication, the totals, and the payment (date and transfer reference) once paid.
 */
export function claimToExplanationOfBenefit(c: TFhirClaim, insured: Pick<TFhirInsured, 'id' | 'organisation'>, actLabel: (code: string) => string): TFhirResource {
  const patientId = c.beneficiaryId ?? insured.id
  const dates = c.lines.map((l) => l.careDate).sort()
  const sum = (f: (l: TFhirClaimLine) => number) => c.lines.reduce((s, l) => s + f(l), 0)
  const paid = c.lines.filter((l) => l.paidOn && l.payment).sort((a, b) => (a.paidOn! < b.paidOn! ? 1 : -1))[0]
  const mainType = c.lines[0]?.careType ?? 'doctor'
  return {
    resourceType: 'ExplanationOfBenefit',
    id: c.id,
    meta: { lastUpdated: c.createdAt.toISOString() },
    identifier: [{ system: SYS.claim, value: c.reference }],
    status: 'active',
    type: concept(SYS.claimType, CLAIM_TYPE[mainType] ?? 'professional'),
    use: 'claim',
    patient: { reference: `Patient/${patientId}` },
    billablePeriod: { start: dates[0] ?? c.careDate, end: dates[dates.length - 1] ?? c.careDate },
    created: c.receivedOn,
    insurer: { identifier: { system: SYS.caisse, value: insured.organisation.code }, display: insured.organisation.name },
    provider: providerRef(c.professional),
    outcome: OUTCOME[c.status] ?? 'queued',
    ...(c.rejectReason ? { disposition: c.rejectReason } : {}),
    insurance: [{ focal: true, coverage: { reference: `Coverage/amo-${patientId}` } }],
    item: c.lines.map((l) => ({
      sequence: l.lineNo,
      category: concept(SYS.careType, l.careType),
      productOrService: concept(SYS.act, l.act, actLabel(l.act)),
      servicedDate: l.careDate,
      quantity: { value: l.quantity },
      unitPrice: money(l.feeCharged),
      net: money(lineCharged(l)),
      adjudication: adjudications(l),
    })),
    total: [
      { category: hl7('submitted', 'Montant facturé'), amount: money(sum(lineCharged)) },
      { category: hl7('eligible', 'Base de remboursement'), amount: money(sum((l) => l.base)) },
      { category: hl7('benefit', "Payé par l'Assurance Maladie"), amount: money(sum((l) => l.amoPaid)) },
      { category: local('participation', 'Participation forfaitaire'), amount: money(sum((l) => l.participation)) },
      { category: local('franchise', 'Franchise médicale'), amount: money(sum((l) => l.franchise)) },
      { category: local('local-regime', 'Complément du régime local Alsace-Moselle'), amount: money(sum((l) => l.localRegime)) },
      { category: local('complementary', 'Part de la complémentaire (mutuelle)'), amount: money(sum((l) => l.complementary)) },
      { category: local('patient', 'Reste à charge'), amount: money(sum((l) => l.patient)) },
    ],
    ...(paid
      ? {
          payment: {
            type: concept('http://terminology.hl7.org/CodeSystem/ex-paymenttype', paid.payment!.status === 'paid' ? 'complete' : 'partial'),
            date: paid.paidOn,
            amount: money(sum((l) => l.amoPaid)),
            identifier: { system: SYS.payment, value: paid.payment!.reference },
          },
        }
      : {}),
  }
}
