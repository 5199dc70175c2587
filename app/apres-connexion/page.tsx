import { redirect } from 'next/navigation'
import { requireUser } from '@/lib/auth/session'

/** Sends a freshly signed-in user to the home of their space. */
export default async function AfterSignIn() {
  const user = await requireUser()
  redirect(user.role === 'insured' ? '/compte' : '/conseiller')
}
