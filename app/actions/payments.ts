'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { ZodError } from 'zod'
import { requireInsured } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { ZLineId } from '@/lib/schemas/payments'
import { reportCareNotReceived } from '@/lib/services/payments/report-care-not-received'

/**
 * "Je n'ai pas reçu ces soins" (a plain form post: works without JavaScript). Signed-in insured person → the
 * service (schema, ownership, idempotency, one open procedure per line) → back to the explanation page with the
 * procedure's reference, or with the error code to show (translated by the page).
 */
export async function reportCareNotReceivedAction(formData: FormData): Promise<void> {
  const user = await requireInsured('/compte/paiements')
  const lineId = ZLineId.safeParse(formData.get('lineId'))
  if (!lineId.success) redirect('/compte/paiements')
  const back = `/compte/paiements/${lineId.data}`
  let target: string
  try {
    const result = await reportCareNotReceived({
      actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId },
      input: { lineId: lineId.data, idempotencyKey: formData.get('idempotencyKey'), comment: formData.get('comment') ?? '' },
      ...(await requestInfo()),
    })
    revalidatePath('/compte/demarches')
    revalidatePath(back)
    target = `${back}?signalement=${encodeURIComponent(result.reference)}#signalement`
  } catch (error) {
    if (isAppError(error)) target = `${back}?erreur=${encodeURIComponent(error.code)}#signalement`
    else if (error instanceof ZodError) target = `${back}?erreur=procedureErrors.field.idempotencyKey#signalement`
    else throw error
  }
  redirect(target)
}
