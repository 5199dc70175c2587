'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { LOCALE_COOKIE } from '@/lib/i18n/config'
import { ZLocalPath } from '@/lib/schemas/navigation'

const ZSetLocale = z.object({ locale: z.enum(['fr', 'en']) })

/** Only a path of this site, never an absolute URL elsewhere (no open redirect). */
function samePath(referer: string | null, host: string | null): string {
  if (!referer || !host) return '/'
  try {
    const url = new URL(referer)
    if (url.host !== host) return '/'
    const back = ZLocalPath.safeParse(`${url.pathname}${url.search}`)
    return back.success ? back.data : '/'
  } catch {
    return '/'
  }
}

/** Language switch: a plain form post (works without JavaScript); back to the page the user was on. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = ZSetLocale.safeParse({ locale: formData.get('locale') })
  const h = await headers()
  const back = samePath(h.get('referer'), h.get('host'))
  if (parsed.success) {
    ;(await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 })
  }
  redirect(back)
}
