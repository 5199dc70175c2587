import type { TFhirResource } from './systems'

/** A searchset Bundle with its self and next links (paging by `_count` and an opaque cursor). */
export function searchset(
  resources: TFhirResource[],
  { self, next, base, total }: { self: string; next: string | null; base: string; total?: number },
): TFhirResource {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(total !== undefined ? { total } : {}),
    link: [{ relation: 'self', url: self }, ...(next ? [{ relation: 'next', url: next }] : [])],
    entry: resources.map((r) => ({ fullUrl: `${base}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' } })),
  }
}

export type TIssueCode = 'invalid' | 'security' | 'login' | 'forbidden' | 'not-found' | 'not-supported' | 'throttled' | 'exception' | 'expired'

/** The body of every error of the FHIR API. */
export function operationOutcome(code: TIssueCode, diagnostics: string, severity: 'error' | 'fatal' = 'error'): TFhirResource {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] }
}
