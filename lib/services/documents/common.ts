import 'server-only'
import type { Db } from '@/lib/db/client'
import { resolveInsuredFile, type TActor } from '@/lib/services/procedures/common'

/**
 * The insured file whose documents are asked for: the signed-in person's own file (another id → 404), or, for an
 * advisor of the caisse / a supervisor, the file they work on (`insuredId` required).
 */
export function resolveDocumentsFile(db: Db, actor: TActor, insuredId?: string): Promise<string> {
  return resolveInsuredFile(db, actor, insuredId, { insured: 'read:documents:own', staff: 'create:document:caisse' })
}

/** Lines for an address block. */
export function addressLines(a: { addressLine1: string; addressLine2: string | null; postalCode: string; city: string }): string[] {
  return [a.addressLine1, a.addressLine2, `${a.postalCode} ${a.city}`].filter((s): s is string => Boolean(s))
}
