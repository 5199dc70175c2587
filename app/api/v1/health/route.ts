import { NextResponse } from 'next/server'
import { checkDatabase } from '@/lib/services/system/check-health'

/** Liveness and database reachability, for load balancers and the e2e web server wait. */
export async function GET() {
  const database = await checkDatabase()
  return NextResponse.json({ status: database.ok ? 'ok' : 'degraded', database }, { status: database.ok ? 200 : 503 })
}
