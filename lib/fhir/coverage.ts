import type { TFhirFile } from '@/lib/db/repositories/fhir'
import { calendarDate, compareDates } from '@/lib/domain/dates'
import { concept, period, SYS, type TFhirResource } from './systems'

const REGIME_LABEL: Record<string, string> = {
  general: 'Régime général',
  'alsace-moselle': 'Régime local Alsace-Moselle',
  agricultural: 'Régime agricole',
  special: 'Régime spécial',
}
const PERIOD_LABEL: Record<string, string> = {
  ald: 'Affection de longue durée (ALD)',
  maternity: 'Assurance maternité',
  'work-accident': 'Accident du travail / maladie professionnelle (AT-MP)',
  invalidity: 'Invalidité',
  css: 'Complémentaire santé solidaire (CSS)',
  ame: "Aide médicale de l'État (AME)",
}
const EXONERATIONS = new Set(['ald', 'maternity', 'work-accident', 'invalidity'])
const OWN_COVERAGES = new Set(['css', 'ame'])

const status = (to: string | null, today: string) => (to === null || to >= today ? 'active' : 'cancelled')

/**
 * The coverage of each person allowed (null: the insured person), as FHIR Coverage resources: the Assurance Maladie
 * (caisse, regime, rights period, with the ALD / maternity / AT-MP / invalidity periods that exonerate the person as
 * extensions), the mutuelle when there is one, and the CSS or AME periods (household rights: those of the insured
 * person apply to their beneficiaries too).
 */
export function fileToCoverages(file: TFhirFile, persons: (string | null)[], today: string): TFhirResource[] {
  const { insured: i } = file
  const out: TFhirResource[] = []
  const payor = [{ identifier: { system: SYS.caisse, value: i.organisation.code }, display: i.organisation.name }]
  for (const person of persons) {
    const b = person === null ? null : file.beneficiaries.find((x) => x.id === person)
    if (person !== null && !b) continue
    const pid = person ?? i.id
    const own = file.periods.filter((p) => p.beneficiaryId === person)
    const household = person === null ? [] : file.periods.filter((p) => p.beneficiaryId === null && OWN_COVERAGES.has(p.kind))
    const rights = b ? { from: compareDates(calendarDate(b.from), calendarDate(i.rightsFrom)) > 0 ? b.from : i.rightsFrom, to: b.to ?? i.rightsTo } : { from: i.rightsFrom, to: i.rightsTo }
    const exonerations = own.filter((p) => EXONERATIONS.has(p.kind))
    out.push({
      resourceType: 'Coverage',
      id: `amo-${pid}`,
      meta: { lastUpdated: i.updatedAt.toISOString() },
      ...(exonerations.length > 0
        ? {
            extension: exonerations.map((p) => ({
              url: SYS.exoneration,
              extension: [
                { url: 'kind', valueCode: p.kind },
                { url: 'period', valuePeriod: period(p.from, p.to) },
                { url: 'label', valueString: p.label ? `${PERIOD_LABEL[p.kind] ?? p.kind} — ${p.label}` : (PERIOD_LABEL[p.kind] ?? p.kind) },
              ],
            })),
          }
        : {}),
      status: status(rights.to, today),
      type: concept(SYS.coverageKind, 'amo', 'Assurance Maladie obligatoire'),
      subscriber: { reference: `Patient/${i.id}` },
      subscriberId: `${i.nir}${i.nirKey}`,
      beneficiary: { reference: `Patient/${pid}` },
      dependent: b ? b.rank : '01',
      relationship: concept(SYS.relationship, b ? (b.relationship === 'child' || b.relationship === 'spouse' ? b.relationship : 'other') : 'self'),
      period: period(rights.from, rights.to),
      payor,
      class: [
        { type: concept(SYS.coverageClass, 'plan'), value: i.organisation.regimeCode, name: REGIME_LABEL[i.regime] ?? i.regime },
        { type: concept(SYS.coverageClass, 'group'), value: i.managementCode, name: 'Code gestion' },
      ],
    })
    if (i.complementaryKind !== 'none' && (i.mutuelleName || i.amcCode)) {
      out.push({
        resourceType: 'Coverage',
        id: `amc-${pid}`,
        meta: { lastUpdated: i.updatedAt.toISOString() },
        status: status(rights.to, today),
        type: concept(SYS.coverageKind, 'amc', 'Complémentaire santé (mutuelle)'),
        subscriber: { reference: `Patient/${i.id}` },
        beneficiary: { reference: `Patient/${pid}` },
        relationship: concept(SYS.relationship, b ? (b.relationship === 'child' || b.relationship === 'spouse' ? b.relationship : 'other') : 'self'),
        payor: [{ ...(i.amcCode ? { identifier: { system: `${SYS.caisse}-amc`, value: i.amcCode } } : {}), display: i.mutuelleName ?? i.amcCode ?? '' }],
        class: [{ type: concept(SYS.coverageClass, 'plan'), value: i.complementaryKind }],
        order: 2,
      })
    }
    for (const p of [...own, ...household].filter((x) => OWN_COVERAGES.has(x.kind))) {
      out.push({
        resourceType: 'Coverage',
        id: `${p.kind}-${p.id}-${pid}`,
        status: status(p.to, today),
        type: concept(SYS.coverageKind, p.kind, PERIOD_LABEL[p.kind]),
        subscriber: { reference: `Patient/${i.id}` },
        beneficiary: { reference: `Patient/${pid}` },
        period: period(p.from, p.to),
        payor,
        ...(p.label ? { class: [{ type: concept(SYS.coverageClass, 'plan'), value: p.label }] } : {}),
        order: 2,
      })
    }
  }
  return out
}
