import { FHIR_JSON, FHIR_VERSION, type TFhirResource } from './systems'

/** `/fhir/metadata`: what the server does (read and search of three resources, SMART on FHIR security). */
export function capabilityStatement({ base, issuer, date }: { base: string; issuer: string; date: string }): TFhirResource {
  const search = (name: string, type: string, documentation: string) => ({ name, type, documentation })
  const common = [
    search('_id', 'token', 'The resource id'),
    search('_lastUpdated', 'date', 'When the resource was last changed (ge, gt, le, lt, eq)'),
    search('_count', 'number', 'Page size (1 to 100, default 20); the next page is in the Bundle link "next"'),
  ]
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Simulateur compte ameli',
    kind: 'instance',
    implementation: { description: 'Simulateur compte ameli — FHIR R4 API (lecture seule, consentement OAuth 2.0)', url: base },
    fhirVersion: FHIR_VERSION,
    format: [FHIR_JSON, 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${issuer}/auth` },
                { url: 'token', valueUri: `${issuer}/token` },
                { url: 'revoke', valueUri: `${issuer}/token/revocation` },
              ],
            },
          ],
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          description: 'OAuth 2.0 authorization code with PKCE (S256); scopes patient/Patient.rs, patient/Coverage.rs, patient/ExplanationOfBenefit.rs',
        },
        resource: [
          { type: 'Patient', interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: common },
          { type: 'Coverage', interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: [...common, search('beneficiary', 'reference', 'The person covered')] },
          {
            type: 'ExplanationOfBenefit',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [...common, search('patient', 'reference', 'The person cared for'), search('service-date', 'date', 'Date of care (ge, gt, le, lt, eq)')],
          },
        ],
      },
    ],
  }
}
