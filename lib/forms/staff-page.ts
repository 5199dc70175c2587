import 'server-only'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/session'
import { isAppError } from '@/lib/errors'
import type { TActor } from '@/lib/services/procedures/common'
import type { TPayloadTranslator } from '@/lib/services/back-office/present-payload'

/** Pages of the back-office: an advisor or supervisor (insured persons: 403), as the services' actor. */
export async function requireStaffActor(returnTo: string, roles: readonly ('advisor' | 'supervisor')[] = ['advisor', 'supervisor']): Promise<TActor & { displayName: string }> {
  const user = await requireRole(roles, returnTo)
  return { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId, displayName: user.displayName }
}

/** A service's 404 (not found, or another caisse's) becomes the not-found page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound()
    throw error
  }
}

/** "12 nov. 2026, 14:05" in Paris time. */
export function fmtDateTime(d: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d)
}

/** The whole message tree as the pure presenters want it (lib/services/back-office/present-*.ts). */
export async function staffTranslator(): Promise<TPayloadTranslator> {
  const t = await getTranslations()
  return { t: (key, values) => t(key as never, values as never), has: (key) => t.has(key as never) }
}
