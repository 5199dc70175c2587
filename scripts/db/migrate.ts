/**
 * Offline migrations (see scripts/db/migrate-lib.ts).
 *
 *   tsx scripts/db/migrate.ts [deploy]        apply pending migrations to DATABASE_URL (default file:./data/ameli.db)
 *   tsx scripts/db/migrate.ts create <name>   diff committed migrations against the schema, for SQLite and PostgreSQL,
 *                                             and write prisma/<provider>/migrations/<timestamp>_<name>/migration.sql
 *   tsx scripts/db/migrate.ts status          list applied / pending migrations of DATABASE_URL (exit 1 unless up to date)
 *   tsx scripts/db/migrate.ts resolve --rolled-back <name> | --applied <name>
 *                                             like `prisma migrate resolve` (after a failed PostgreSQL migration)
 *
 * Options: --prisma-dir <dir> (another prisma/ folder), --only sqlite|postgresql (create), --debug (engine log).
 * Env: DATABASE_URL, SHADOW_DATABASE_URL (PostgreSQL server used for temporary shadow databases; needs CREATEDB).
 */
import {
  MigrateError,
  PROVIDERS,
  migrateCreate,
  migrateDeploy,
  migrateResolve,
  migrateStatus,
  redactUrl,
  resolveDatabase,
  type MigrateOptions,
  type Provider,
} from './migrate-lib'

const USAGE =
  'usage: migrate [deploy | create <name> | status | resolve --rolled-back|--applied <name>] [--prisma-dir <dir>] [--only sqlite|postgresql] [--debug]'

function parseArgs(argv: string[]) {
  const positional: string[] = []
  const opts: MigrateOptions & { only?: Provider; resolve?: { action: 'rolled-back' | 'applied'; name: string } } = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--prisma-dir') {
      const dir = argv[++i]
      if (!dir) throw new MigrateError('--prisma-dir needs a folder')
      opts.prismaDir = dir
    } else if (a === '--only') {
      const v = argv[++i]
      if (!PROVIDERS.includes(v as Provider)) throw new MigrateError(`--only takes sqlite or postgresql`)
      opts.only = v as Provider
    } else if (a === '--rolled-back' || a === '--applied') {
      const name = argv[++i]
      if (!name) throw new MigrateError(`${a} needs a migration name`)
      opts.resolve = { action: a === '--applied' ? 'applied' : 'rolled-back', name }
    } else if (a === '--debug') opts.debug = true
    else if (a === '-h' || a === '--help') positional.unshift('help')
    else if (a.startsWith('--')) throw new MigrateError(`unknown option ${a}\n${USAGE}`)
    else positional.push(a)
  }
  return { command: positional[0] ?? 'deploy', rest: positional.slice(1), opts }
}

async function main(argv: string[]): Promise<number> {
  const { command, rest, opts } = parseArgs(argv)
  const url = process.env.DATABASE_URL
  switch (command) {
    case 'deploy': {
      await migrateDeploy(url, opts)
      return 0
    }
    case 'create': {
      const name = rest.join('_')
      if (!name) throw new MigrateError(`create needs a name, e.g. \`npm run db:migration:create -- add_card_orders\``)
      await migrateCreate(name, { ...opts, providers: opts.only ? [opts.only] : undefined })
      return 0
    }
    case 'status': {
      const target = resolveDatabase(url)
      const s = await migrateStatus(url, opts)
      const where = target.provider === 'sqlite' ? target.filePath : redactUrl(target.url)
      console.log(`${s.provider} — ${where}`)
      for (const n of s.applied) console.log(`  applied   ${n}${s.modified.includes(n) ? '  (migration.sql changed since it was applied!)' : ''}`)
      for (const n of s.failed) console.log(`  FAILED    ${n}  (fix the database, then delete its row from _prisma_migrations)`)
      for (const n of s.pending) console.log(`  pending   ${n}`)
      for (const n of s.missingLocally) console.log(`  unknown   ${n}  (applied to the database, missing from the folder)`)
      if (s.upToDate) console.log(`Database is up to date (${s.applied.length} applied).`)
      else console.log(`Not up to date: ${s.pending.length} pending, ${s.failed.length} failed, ${s.missingLocally.length} unknown.`)
      return s.upToDate ? 0 : 1
    }
    case 'resolve': {
      if (!opts.resolve) throw new MigrateError(`resolve needs --rolled-back <name> or --applied <name>`)
      await migrateResolve(url, opts.resolve.action, opts.resolve.name, opts)
      return 0
    }
    case 'help':
      console.log(USAGE)
      return 0
    default:
      throw new MigrateError(`unknown command "${command}"\n${USAGE}`)
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const msg = e instanceof Error ? e.message : String(e)
    console.error(`migrate: ${msg}`)
    if (!(e instanceof MigrateError) && e instanceof Error && e.stack) console.error(e.stack)
    process.exitCode = 1
  },
)
