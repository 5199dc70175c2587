import 'server-only'
import { getDb } from '@/lib/db/client'
import { findAffiliationOfInsured } from '@/lib/db/repositories/affiliation-registration'
import { staffScope, type TActor } from '../procedures/common'

/** For the 360° file: the affiliation request that opened it (null when none or not in the actor's scope). */
export async function getInsuredAffiliation({ actor, insuredId }: { actor: TActor; insuredId: string }): Promise<{ id: string; reference: string; status: string } | null> {
  return findAffiliationOfInsured(getDb(), insuredId, staffScope(actor, 'read:insured-file:caisse'))
}
