import { getDb } from '@/lib/db/client'
import { documentDownload } from '@/lib/forms/document-route'
import { getTaxStatement } from '@/lib/services/documents/statements'

/** Attestation fiscale of the daily allowances paid in a year (current year and the two before); 401 / 404 otherwise. */
export async function GET(_request: Request, { params }: { params: Promise<{ year: string }> }) {
  const { year } = await params
  return documentDownload((actor, ctx) => getTaxStatement(getDb(), { actor, year, ...ctx }))
}
