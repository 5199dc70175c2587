'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requestInfo } from '@/lib/auth/request-info'
import { requireInsured } from '@/lib/auth/session'
import { isAppError } from '@/lib/errors'
import { ZConsentId } from '@/lib/schemas/sharing'
import { revokeConsent } from '@/lib/services/oauth/revoke-consent'

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
