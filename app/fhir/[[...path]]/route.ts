import { clientAddress, userAgentOf } from '@/lib/auth/client-address'
import { operationOutcome } from '@/lib/fhir/bundle'
import { capabilityStatement } from '@/lib/fhir/capability-statement'
import { FHIR_JSON } from '@/lib/fhir/systems'
import { issuerFor } from '@/lib/oauth/provider'
import { smartConfiguration } from '@/lib/oauth/smart-configuration'
import { authenticateFhir, FhirError } from '@/lib/services/fhir/fhir-access'
import { readFhir } from '@/lib/services/fhir/read-fhir'

export const dynamic = 'force-dynamic'

const fhirJson = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': `${FHIR_JSON}; charset=utf-8`, 'cache-control': 'no-store', ...headers } })

const ID = /^[A-Za-z0-9\-.]{1,64}$/

/**
 * The FHIR R4 API (issue 18 §4, ADR 0012): `/fhir/metadata` and the SMART configuration without a token; reads and
 * searches of Patient, Coverage and ExplanationOfBenefit with a bearer token. Errors are OperationOutcomes.
 */
export async function GET(request: Request, { params }: { params: Promise<{ path?: string[] }> }): Promise<Response> {
  const url = new URL(request.url)
  const base = `${url.origin}/fhir`
  const path = (await params).path ?? []
  const now = new Date()
  try {
    if (path.length === 1 && path[0] === 'metadata') {
      return fhirJson(capabilityStatement({ base, issuer: issuerFor(url.origin), date: now.toISOString().slice(0, 10) }))
    }
    if (path.length === 2 && path[0] === '.well-known' && path[1] === 'smart-configuration') {
      return Response.json(smartConfiguration(issuerFor(url.origin)))
    }
    if (path.length < 1 || path.length > 2 || (path[1] !== undefined && !ID.test(path[1]))) {
      throw new FhirError(404, 'not-found', 'No such resource.')
    }
    const access = await authenticateFhir({ authorization: request.headers.get('authorization'), origin: url.origin, now })
    const get = (n: string) => request.headers.get(n)
    const resource = await readFhir({
      access,
      resourceType: path[0]!,
      ...(path[1] !== undefined ? { id: path[1] } : {}),
      query: url.searchParams,
      base,
      now,
      ip: clientAddress(get),
      userAgent: userAgentOf(get),
    })
    return fhirJson(resource)
  } catch (error) {
    if (error instanceof FhirError) return fhirJson(operationOutcome(error.issue, error.message), error.status, error.headers)
    throw error
  }
}
