import { NextResponse } from 'next/server'
import { isAppError } from '@/lib/errors'
import { routeActor } from '@/lib/forms/route-guard'
import { ZAuditFilter } from '@/lib/schemas/back-office'
import { openSearch } from '@/lib/forms/search-token'
import { exportAuditCsv } from '@/lib/services/back-office/audit-journal'
import { parisToday } from '@/lib/domain/paris-today'

/**
 * Supervisor: the audit journal as CSV, filtered like the page (the same sealed `q`). 401 without a session, 403 for
 * anyone else. UTF-8 with BOM (Excel), `;` separated, formula-looking cells neutralised (lib/domain/csv.ts).
 */
export async function GET(request: Request) {
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  // The page's sealed filters (`q`, lib/forms/search-token.ts): no NIR or name in the URL.
  const filter = ZAuditFilter.parse(openSearch(actor.id, new URL(request.url).searchParams.get('q') ?? undefined, new Date()) ?? {})
  try {
    const { csv } = await exportAuditCsv({ actor, filter })
    return new Response(csv, {
      status: 200,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="journal-audit-${parisToday(new Date())}.csv"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
