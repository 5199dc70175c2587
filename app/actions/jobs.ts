'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireRole } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { runJobNow } from '@/lib/services/system/jobs'

/**
 * "Run now" on /conseiller/taches. Any staff member reaches the service, which refuses an advisor (403) and audits
 * the refusal as well as every run (ADR 0011); then back to the page with the outcome or the refusal's code.
 */
export async function runJobNowAction(formData: FormData): Promise<void> {
  const user = await requireRole(['advisor', 'supervisor'], '/conseiller/taches')
  const info = await requestInfo()
  let target: string
  try {
    const outcome = await runJobNow({ actor: user, input: { job: String(formData.get('job') ?? '') }, ...info })
    revalidatePath('/conseiller/taches')
    target = `/conseiller/taches?done=${outcome.status}&job=${encodeURIComponent(outcome.job)}&run=${encodeURIComponent(outcome.runId)}`
  } catch (error) {
    if (!isAppError(error)) throw error
    target = `/conseiller/taches?error=${encodeURIComponent(error.code)}`
  }
  redirect(target)
}
