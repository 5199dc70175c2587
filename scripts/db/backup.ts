/**
 * npm run db:backup [-- --dir backups --keep 14]
 * Backs up DATABASE_URL (default the embedded SQLite file) while the portal serves: SQLite online backup API or
 * pg_dump custom format, into backups/ (BACKUP_DIR), keeping the newest BACKUP_KEEP (default 14). See lib/db/backup.ts.
 */
import path from 'node:path'
import { backupDatabase, BackupError } from '../../lib/db/backup'

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main() {
  const root = process.cwd()
  const dir = path.resolve(root, option('dir') ?? process.env.BACKUP_DIR ?? 'backups')
  const keep = Number(option('keep') ?? process.env.BACKUP_KEEP ?? 14)
  if (!Number.isInteger(keep) || keep < 1) throw new BackupError('--keep must be a whole number ≥ 1')
  const result = await backupDatabase({ databaseUrl: process.env.DATABASE_URL, projectRoot: root, dir, keep, now: new Date() })
  console.log(`backup: ${path.relative(root, result.file)} (${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${result.ms} ms)`)
  for (const file of result.removed) console.log(`backup: removed ${path.relative(root, file)} (retention ${keep})`)
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${error instanceof BackupError ? error.message : (error as Error).stack}`)
  process.exit(1)
})
