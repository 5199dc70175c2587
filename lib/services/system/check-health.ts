import 'server-only'
import { getDb, databaseProvider } from '@/lib/db/client'
import { pingDatabase } from '@/lib/db/repositories/system'

export async function checkDatabase(): Promise<{ ok: boolean; provider: string }> {
  try {
    await pingDatabase(getDb())
    return { ok: true, provider: databaseProvider() }
  } catch {
    return { ok: false, provider: databaseProvider() }
  }
}
