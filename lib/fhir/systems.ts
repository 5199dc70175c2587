/**
 * Code systems and identifier systems of the FHIR API (issue 18 §4). Official ones where they exist (INS OIDs of
 * the ANS, RPPS, HL7 terminology); the portal's own ones under LOCAL for what France has and FHIR does not
 * (the Assurance Maladie adjudication steps, the caisse codes, the exoneration periods).
 */
export const FHIR_VERSION = '4.0.1'
export const FHIR_JSON = 'application/fhir+json'
export const LOCAL = 'https://ameli-simulator.local/fhir'

/** INS: NIR (permanent) and NIA (temporary number), ANS OIDs. */
export const INS_NIR = 'urn:oid:1.2.250.1.213.1.4.8'
export const INS_NIA = 'urn:oid:1.2.250.1.213.1.4.9'
/** RPPS (health professionals) and FINESS (establishments). */
export const RPPS = 'urn:oid:1.2.250.1.71.4.2.1'
export const FINESS = 'urn:oid:1.2.250.1.71.4.2.2'

export const SYS = {
  caisse: `${LOCAL}/NamingSystem/caisse`,
  claim: `${LOCAL}/NamingSystem/claim`,
  payment: `${LOCAL}/NamingSystem/payment`,
  act: `${LOCAL}/CodeSystem/act`,
  careType: `${LOCAL}/CodeSystem/care-type`,
  adjudication: `${LOCAL}/CodeSystem/adjudication`,
  coverageKind: `${LOCAL}/CodeSystem/coverage-kind`,
  regime: `${LOCAL}/CodeSystem/regime`,
  exoneration: `${LOCAL}/StructureDefinition/exoneration-period`,
  hl7Adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  relationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
} as const

export type TMoney = { value: number; currency: 'EUR' }

/** Integer cents → FHIR Money in euros (exact to the cent: cents / 100 has at most 2 decimals). */
export function money(cents: number): TMoney {
  if (!Number.isInteger(cents)) throw new Error(`money: ${cents} is not a whole number of cents`)
  return { value: cents / 100, currency: 'EUR' }
}

export const concept = (system: string, code: string, display?: string) => ({ coding: [{ system, code, ...(display ? { display } : {}) }], ...(display ? { text: display } : {}) })

/** A FHIR Period from calendar dates (an open end is left out). */
export const period = (from: string, to: string | null) => ({ start: from, ...(to ? { end: to } : {}) })

export type TFhirResource = { resourceType: string; id?: string; [key: string]: unknown }
