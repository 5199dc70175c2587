import 'server-only'
import { randomUUID } from 'node:crypto'
import { notFound } from 'next/navigation'
import { getDb } from '@/lib/db/client'
import { getInsuredOverview } from '@/lib/db/repositories/insured'
import { findInsuredFacts } from '@/lib/db/repositories/people'

export type TPersonOption = { value: string; id: string; name: string; birthDate: string; self: boolean }
export type TAddressView = { addressLine1: string; addressLine2: string | null; postalCode: string; city: string }

/**
 * What the procedure forms show of the signed-in person's file: who they can act for (themself and their current
 * beneficiaries), the postal address on file, and a fresh idempotency key for this display of the form.
 */
export async function procedureFormContext(insuredId: string) {
  const db = getDb()
  const [overview, facts] = await Promise.all([getInsuredOverview(db, insuredId), findInsuredFacts(db, insuredId)])
  if (!overview || !facts) notFound()
  const persons: TPersonOption[] = [
    { value: 'self', id: overview.id, name: `${overview.firstNames} ${overview.lastName}`, birthDate: overview.birthDate, self: true },
    ...overview.beneficiaries.map((b) => ({ value: b.id, id: b.id, name: `${b.firstNames} ${b.lastName}`, birthDate: b.birthDate, self: false })),
  ]
  const address: TAddressView = { addressLine1: facts.addressLine1, addressLine2: facts.addressLine2, postalCode: facts.postalCode, city: facts.city }
  return { overview, facts, persons, address, temporaryNumber: /^[78]/.test(overview.nir), idempotencyKey: randomUUID() }
}
