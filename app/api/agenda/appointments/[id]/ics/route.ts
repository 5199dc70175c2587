import { NextResponse } from 'next/server'
import { getLocale } from 'next-intl/server'
import { z } from 'zod'
import { isAppError } from '@/lib/errors'
import { routeActor } from '@/lib/forms/route-guard'
import { appointmentIcs } from '@/lib/services/agenda/appointment-ics'

const ZId = z.string().trim().min(1).max(64)

/**
 * The calendar file of one's own appointment (text/calendar, a download): 401 without a session, 403 for staff,
 * 404 for an appointment that is not the person's.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  const id = ZId.safeParse((await params).id)
  if (!id.success) return NextResponse.json({ error: 'notFound' }, { status: 404 })
  try {
    const { filename, content } = await appointmentIcs({ actor, appointmentId: id.data, locale: (await getLocale()) === 'en' ? 'en' : 'fr' })
    return new Response(content, {
      status: 200,
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
