import type { TFhirBeneficiary, TFhirInsured } from '@/lib/db/repositories/fhir'
import { INS_NIA, INS_NIR, SYS, type TFhirResource } from './systems'

const gender = (sex: number) => (sex === 1 ? 'male' : sex === 2 ? 'female' : 'unknown')
const given = (firstNames: string) => firstNames.split(/\s+/).filter(Boolean)

/** The INS identifier (NIR or NIA with its key), where the person has a number of their own. */
function ins(nir: string, key: string, kind: 'permanent' | 'temporary') {
  return {
    use: 'official',
    type: { coding: [{ system: SYS.identifierType, code: kind === 'permanent' ? 'NH' : 'NI', display: kind === 'permanent' ? 'NIR' : 'NIA' }] },
    system: kind === 'permanent' ? INS_NIR : INS_NIA,
    value: `${nir}${key}`,
  }
}

/** The insured person as a FHIR Patient (id: their file id). */
export function insuredToPatient(i: TFhirInsured): TFhirResource {
  const names = [{ use: 'official', family: i.usualName ?? i.birthName, given: given(i.firstNames) }]
  if (i.usualName && i.usualName !== i.birthName) names.push({ use: 'maiden', family: i.birthName, given: given(i.firstNames) })
  return {
    resourceType: 'Patient',
    id: i.id,
    meta: { lastUpdated: i.updatedAt.toISOString() },
    identifier: [ins(i.nir, i.nirKey, i.nirKind === 'temporary' ? 'temporary' : 'permanent')],
    active: true,
    name: names,
    gender: gender(i.sex),
    birthDate: i.birthDate,
  }
}

/** A beneficiary (ayant droit) as a FHIR Patient (id: the beneficiary id), linked to the insured person. */
export function beneficiaryToPatient(b: TFhirBeneficiary, insuredId: string): TFhirResource {
  return {
    resourceType: 'Patient',
    id: b.id,
    meta: { lastUpdated: b.createdAt.toISOString() },
    ...(b.ownNir && b.ownNirKey ? { identifier: [ins(b.ownNir, b.ownNirKey, /^[78]/.test(b.ownNir) ? 'temporary' : 'permanent')] } : {}),
    active: b.to === null,
    name: [{ use: 'official', family: b.lastName, given: given(b.firstNames) }],
    gender: gender(b.sex),
    birthDate: b.birthDate,
    link: [{ other: { reference: `Patient/${insuredId}` }, type: 'seealso' }],
  }
}
