import 'server-only'
import { getDb } from '@/lib/db/client'
import { findCaissesOfDepartment, type TCaisseDto } from '@/lib/db/repositories/agenda'
import { townsOfPostalCode } from '@/lib/services/address/communes'
import { parisToday } from '@/lib/domain/paris-today'
import { ZPostalCode } from '@/lib/schemas/agenda'

export type TCpamSearch =
  | { status: 'empty' }
  | { status: 'invalid'; postalCode: string }
  | { status: 'unknown'; postalCode: string; department: string | null }
  | { status: 'found'; postalCode: string; department: string; caisses: TCaisseDto[] }

/** "Trouver ma CPAM" (issue 6 §1, public): the caisses of the postal code's department, with all their reception points. */
export async function findMyCpam({ postalCode, now }: { postalCode: string | undefined; now: Date }): Promise<TCpamSearch> {
  if (postalCode === undefined || postalCode.trim() === '') return { status: 'empty' }
  const parsed = ZPostalCode.safeParse(postalCode)
  if (!parsed.success) return { status: 'invalid', postalCode: postalCode.slice(0, 20) }
  // Issue 17 §2: the official list says whether a town has this code, and its département (Corsica, overseas).
  const towns = await townsOfPostalCode(parsed.data)
  const department = towns[0]?.department ?? null
  if (!department) return { status: 'unknown', postalCode: parsed.data, department: null }
  const caisses = await findCaissesOfDepartment(getDb(), department, parisToday(now))
  return caisses.length ? { status: 'found', postalCode: parsed.data, department, caisses } : { status: 'unknown', postalCode: parsed.data, department }
}
