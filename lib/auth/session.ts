import 'server-only'
import { cache } from 'react'
import { cookies } from 'next/headers'
import { forbidden, redirect } from 'next/navigation'
import type { TSessionUser } from '@/lib/db/repositories/users'
import { sessionCookieName } from './cookie'
import { decodeSession } from './jwt'
import { userOfToken } from './session-user'
import { can, isStaff, type Permission, type Role } from './permissions'

/** The checks on a decoded token (lib/auth/session-user.ts; exported here for the integration tests). */
export { userOfToken }

/**
 * The signed-in user of this request, or null. The session cookie (a next-auth JWT, any accepted secret) is decoded,
 * then its session id (`sid`) is looked up on every request, joined to the user (one primary-key query): a signed-out
 * (revoked) session, a locked account or a "sign out everywhere" ends the session at once (issue 13 item 4).
 */
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => {
  const token = await decodeSession((await cookies()).get(sessionCookieName())?.value)
  return userOfToken(token, new Date())
})

/** Where an insured person signed in with a temporary access code must choose a password first. */
export const NEW_PASSWORD_PATH = '/compte/nouveau-mot-de-passe'

async function signedInOrRedirect(returnTo?: string): Promise<TSessionUser> {
  const user = await getCurrentUser()
  if (!user) redirect(returnTo ? `/connexion?callbackUrl=${encodeURIComponent(returnTo)}` : '/connexion')
  return user
}

/** Whether this user must set a password before using the portal (signed in with a temporary access code). */
export function mustSetPassword(user: Pick<TSessionUser, 'role' | 'mustChangePassword'>): boolean {
  return user.role === 'insured' && user.mustChangePassword
}

/** Where an advisor or supervisor without two-factor sign-in sets it up before any back-office page (issue 13 item 6). */
export const TOTP_ENROL_PATH = '/conseiller/double-authentification'

/**
 * For pages and server actions: sends an anonymous visitor to the sign-in page (and back afterwards), an insured
 * person who signed in with a temporary access code to the new-password page, and staff who have not set up
 * two-factor sign-in yet to its enrolment page (every guard goes through here).
 */
export async function requireUser(returnTo?: string): Promise<TSessionUser> {
  const user = await signedInOrRedirect(returnTo)
  if (mustSetPassword(user)) redirect(NEW_PASSWORD_PATH)
  if (isStaff(user.role) && user.totpEnabled === false) redirect(TOTP_ENROL_PATH)
  return user
}

/** The two-factor enrolment page and its action only: an advisor or supervisor, enrolled or not. */
export async function requireStaffEnrolling(): Promise<TSessionUser> {
  const user = await signedInOrRedirect(TOTP_ENROL_PATH)
  if (!isStaff(user.role)) forbidden()
  return user
}

/** The new-password page and its action only: an insured person, whether or not a password must be set. */
export async function requireInsuredSettingPassword(): Promise<TSessionUser & { insuredId: string }> {
  const user = await signedInOrRedirect(NEW_PASSWORD_PATH)
  if (user.role !== 'insured' || !user.insuredId) forbidden()
  return { ...user, insuredId: user.insuredId }
}

/** For pages and actions: the user must hold one of these roles, else 403. */
export async function requireRole(allowed: readonly Role[], returnTo?: string): Promise<TSessionUser> {
  const user = await requireUser(returnTo)
  if (!allowed.includes(user.role)) forbidden()
  return user
}

export async function requirePermission(permission: Permission, returnTo?: string): Promise<TSessionUser> {
  const user = await requireUser(returnTo)
  if (!can(user.role, permission)) forbidden()
  return user
}

/** The insured space: the signed-in person must be an insured person with a file. */
export async function requireInsured(returnTo?: string): Promise<TSessionUser & { insuredId: string }> {
  const user = await requireRole(['insured'], returnTo)
  if (!user.insuredId) forbidden()
  return { ...user, insuredId: user.insuredId }
}
