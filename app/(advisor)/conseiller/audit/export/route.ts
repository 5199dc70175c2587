import { NextResponse } from 'next/server'
import { isAppError } from '@/lib/errors'
import { routeActor } from '@/lib/forms/route-guard'
import { ZAuditFilter } from '@/lib/schemas/back-office'
import { exportAuditCsv } from '@/lib/services/back-office/audit-journal'
import { parisToday } from '@/lib/domain/paris-today'

/**
 * Supervisor: the audit journal as CSV, filtered like the page (same query string). 401 without a session, 403 for
 * anyone else. UTF-8 with BOM (Excel), `;` separated, formula-looking cells neutralised (lib/domain/csv.ts).
 */
export async function GET(request: Request) {
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  const filter = ZAuditFilter.parse(Object.fromEntries(new URL(request.url).searchParams))
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
