import 'server-only'
import { cookies } from 'next/headers'
import { secureCookiesEnabled } from '@/lib/auth/cookie'
import { FOLLOW_ACCESS_SECONDS, signFollowToken, verifyFollowToken } from '@/lib/services/affiliation/follow-token'

/** The follow-up cookie of an affiliation request: signed, httpOnly, SameSite=Lax, 30 minutes, sent to /affiliation only. */
export const FOLLOW_COOKIE = 'ameli.affiliation'
const options = () => ({ httpOnly: true, sameSite: 'lax' as const, secure: secureCookiesEnabled(), path: '/affiliation' })

/** The request the visitor proved they may follow (number + birth date), or null. */
export async function followedRequestId(now = new Date()): Promise<string | null> {
  return verifyFollowToken((await cookies()).get(FOLLOW_COOKIE)?.value, now)
}

/** Grants access to one request (server actions only: a page cannot set cookies). */
export async function grantFollowAccess(procedureId: string, now = new Date()): Promise<void> {
  ;(await cookies()).set(FOLLOW_COOKIE, signFollowToken(procedureId, now), { ...options(), maxAge: FOLLOW_ACCESS_SECONDS })
}

export async function clearFollowAccess(): Promise<void> {
  ;(await cookies()).set(FOLLOW_COOKIE, '', { ...options(), maxAge: 0 })
}
