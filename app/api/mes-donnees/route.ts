import { NextResponse } from 'next/server'
import { requestInfo } from '@/lib/auth/request-info'
import { getDb } from '@/lib/db/client'
import { isAppError } from '@/lib/errors'
import { attachment, routeActor } from '@/lib/forms/route-guard'
import { exportMyData } from '@/lib/services/profile/my-data'

/** GDPR export of the signed-in insured person's file (JSON attachment): 401 anonymous, 403 staff. */
export async function GET() {
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  try {
    const { filename, json } = await exportMyData(getDb(), { actor, ...(await requestInfo()) })
    return attachment(new TextEncoder().encode(json), filename, 'application/json; charset=utf-8')
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
