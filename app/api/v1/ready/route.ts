import { NextResponse } from 'next/server'
import { checkReadiness } from '@/lib/services/system/check-health'

export const dynamic = 'force-dynamic'

/** Readiness for load balancers and orchestrators: the database answers (and Redis, reported), else 503. */
export async function GET() {
  const { httpStatus, ...body } = await checkReadiness()
  return NextResponse.json(body, { status: httpStatus, headers: { 'cache-control': 'no-store' } })
}
