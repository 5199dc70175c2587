import { NextResponse } from 'next/server'

export const dynamic = 'force-dynamic'

/**
 * Liveness: the process is up and answers (issue 14 item 5). It touches nothing else, so a database outage does not
 * get healthy processes restarted; /api/v1/ready says whether the instance can serve (database, Redis).
 */
export function GET() {
  return NextResponse.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } })
}
