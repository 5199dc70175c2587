'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requestInfo } from '@/lib/auth/request-info'
import { getTranslations } from 'next-intl/server'
import { ZodError } from 'zod'
import { requireInsured, requireRole } from '@/lib/auth/session'
import { isAppError } from '@/lib/errors'
import { ZConsentId } from '@/lib/schemas/sharing'
import { registerApp, reviewApp } from '@/lib/services/oauth/register-app'
import { revokeConsent } from '@/lib/services/oauth/revoke-consent'
import { createRateLimiter } from '@/lib/services/system/rate-limiters'

/** "Revoke" in Mes données: the app's tokens stop working at once. */
export async function revokeConsentAction(formData: FormData): Promise<void> {
  const user = await requireInsured('/compte/mes-donnees')
  const id = ZConsentId.safeParse(formData.get('consentId'))
  if (!id.success) redirect('/compte/mes-donnees')
  let target = '/compte/mes-donnees?acces=retire#applications'
  try {
    await revokeConsent({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, consentId: id.data, ctx: await requestInfo() })
  } catch (error) {
    if (isAppError(error)) target = `/compte/mes-donnees?erreur=${encodeURIComponent(error.code)}#applications`
    else throw error
  }
  revalidatePath('/compte/mes-donnees')
  redirect(target)
}

export type TRegisterState = { errors: Record<string, string>; values: Record<string, string>; clientId: string | null; formError: string | null }

const registrations = createRateLimiter({ keyPrefix: 'oauth-app-register', points: 5, duration: 3600 })

/** The developer's registration form (public, 5 a hour per address): the new app's client id, or the field errors. */
export async function registerAppAction(_prev: TRegisterState, formData: FormData): Promise<TRegisterState> {
  const values = Object.fromEntries(['name', 'website', 'developer', 'contactEmail', 'redirectUris'].map((k) => [k, String(formData.get(k) ?? '')]))
  const info = await requestInfo()
  const t = await getTranslations('sharing.register')
  try {
    await registrations.consume(info.ip ?? 'unknown')
  } catch (e) {
    if (e instanceof Error) throw e
    return { errors: {}, values, clientId: null, formError: t('errors.tooMany') }
  }
  try {
    const { clientId } = await registerApp({ input: values, ctx: info })
    return { errors: {}, values: {}, clientId, formError: null }
  } catch (error) {
    if (!(error instanceof ZodError)) throw error
    const errors: Record<string, string> = {}
    for (const issue of error.issues) {
      const field = String(issue.path[0] ?? 'name')
      const key = issue.message.startsWith('sharing.register.errors.') ? issue.message.slice('sharing.register.errors.'.length) : field
      errors[field] ??= t.has(`errors.${key}`) ? t(`errors.${key}` as 'title') : t(`errors.name`)
    }
    return { errors, values, clientId: null, formError: null }
  }
}

/** Back-office: a supervisor approves or rejects an app (audited; an advisor is refused by the service). */
export async function reviewAppAction(formData: FormData): Promise<void> {
  const user = await requireRole(['advisor', 'supervisor'], '/conseiller/applications')
  let target = '/conseiller/applications?fait=1'
  try {
    await reviewApp({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, input: { appId: formData.get('appId'), decision: formData.get('decision') }, ctx: await requestInfo() })
  } catch (error) {
    if (isAppError(error)) target = `/conseiller/applications?erreur=${encodeURIComponent(error.code)}`
    else if (error instanceof ZodError) target = '/conseiller/applications'
    else throw error
  }
  revalidatePath('/conseiller/applications')
  redirect(target)
}
