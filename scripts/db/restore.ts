/**
 * npm run db:restore -- FILE [--force]
 * Restores a backup made by `npm run db:backup` into DATABASE_URL. The file is checked first (a corrupt or foreign file
 * changes nothing); a database some process has open (a running portal) is replaced only with --force.
 */
import path from 'node:path'
import { BackupError, restoreDatabase } from '../../lib/db/backup'

async function main() {
  const args = process.argv.slice(2)
  const force = args.includes('--force')
  const files = args.filter((a) => !a.startsWith('--'))
  if (files.length !== 1) throw new BackupError('usage: npm run db:restore -- FILE [--force]')
  const result = await restoreDatabase({ databaseUrl: process.env.DATABASE_URL, projectRoot: process.cwd(), file: files[0]!, force })
  console.log(`restore: ${path.basename(result.file)} ${result.replaced ? 'replaced the database' : 'created the database'} in ${result.ms} ms`)
}

main().catch((error: unknown) => {
  console.error(`restore refused: ${error instanceof BackupError ? error.message : (error as Error).stack}`)
  process.exit(1)
})
