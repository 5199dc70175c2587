import 'server-only'
import { getDb, databaseProvider } from '@/lib/db/client'

export async function checkDatabase(): Promise<{ ok: boolean; provider: string }> {
  try {
    await getDb().organisation.count()
    return { ok: true, provider: databaseProvider() }
  } catch {
    return { ok: false, provider: databaseProvider() }
  }
}
