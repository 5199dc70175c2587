'use server'

import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { getCurrentUser } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { secureCookiesEnabled, sessionCookieName, sessionCookieOptions } from '@/lib/auth/cookie'
import { signOutUser } from '@/lib/services/auth/sign-out'

async function endSession(everywhere: boolean) {
  const user = await getCurrentUser()
  if (user) await signOutUser({ actor: user, everywhere, ...(await requestInfo()) })
  ;(await cookies()).set(sessionCookieName(), '', { ...sessionCookieOptions(secureCookiesEnabled()), maxAge: 0 })
  redirect(everywhere ? '/connexion?status=signed-out-everywhere' : '/connexion?status=signed-out')
}

export async function signOutAction(): Promise<void> {
  await endSession(false)
}

export async function signOutEverywhereAction(): Promise<void> {
  await endSession(true)
}
