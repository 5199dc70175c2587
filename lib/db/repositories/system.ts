import type { Db } from '../client'

/** A cheap query that proves the database answers. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.organisation.count()
}
