import { getDb } from '@/lib/db/client'
import { documentDownload } from '@/lib/forms/document-route'
import { getMonthlyStatement } from '@/lib/services/documents/statements'

/** Relevé mensuel "YYYY-MM" (one of the last 27 months), for the signed-in insured person (401 anonymous, 404 otherwise). */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string }> }) {
  const { month } = await params
  return documentDownload((actor, ctx) => getMonthlyStatement(getDb(), { actor, month, ...ctx }))
}
