/**
 * Derives prisma/postgres/schema.prisma from prisma/sqlite/schema.prisma (the only schema to edit).
 *
 *   tsx scripts/db/derive-postgres-schema.ts            write prisma/postgres/schema.prisma
 *   tsx scripts/db/derive-postgres-schema.ts --check    exit 1 if the committed file is stale (CI)
 *   --prisma-dir <dir>                                  another prisma/ folder (tests of the tooling)
 *
 * Only two things change: the datasource provider (sqlite → postgresql) and the generator output
 * (../../lib/db/generated/sqlite → ../../lib/db/generated/postgres). Anything else that would differ
 * between providers does not belong in the schema (ADR 0002: no enums, no @db.* types, no lists).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export const POSTGRES_SCHEMA_HEADER = [
  '// ─── generated, do not edit ───',
  '// Derived from prisma/sqlite/schema.prisma by scripts/db/derive-postgres-schema.ts.',
  '// Edit the SQLite schema, then run the derive script (npm run db:schema).',
  '',
].join('\n')

/** Replaces the value of `key = "..."` inside the first `<kind> <name> { ... }` block; exactly one block of that kind. */
function replaceInBlock(schema: string, kind: 'datasource' | 'generator', key: string, from: string, to: string): string {
  const blockRe = new RegExp(`^\\s*${kind}\\s+\\w+\\s*\\{[^}]*\\}`, 'gm')
  const blocks = [...schema.matchAll(blockRe)]
  if (blocks.length !== 1) {
    throw new Error(`expected exactly one ${kind} block in the SQLite schema, found ${blocks.length}`)
  }
  const block = blocks[0]!
  const text = block[0]
  const keyRe = new RegExp(`(^\\s*${key}\\s*=\\s*)"([^"]*)"`, 'm')
  const m = keyRe.exec(text)
  if (!m || m[2] !== from) {
    throw new Error(`expected ${kind} ${key} = "${from}" in the SQLite schema, found ${m ? `"${m[2]}"` : 'none'}`)
  }
  const replaced = text.replace(keyRe, `$1"${to}"`)
  const start = block.index ?? 0
  return schema.slice(0, start) + replaced + schema.slice(start + text.length)
}

export function derivePostgresSchema(sqliteSchema: string): string {
  let out = replaceInBlock(sqliteSchema, 'datasource', 'provider', 'sqlite', 'postgresql')
  out = replaceInBlock(out, 'generator', 'output', '../../lib/db/generated/sqlite', '../../lib/db/generated/postgres')
  return POSTGRES_SCHEMA_HEADER + out
}

function main(argv: string[]): number {
  const check = argv.includes('--check')
  const dirFlag = argv.indexOf('--prisma-dir')
  const dirArg = dirFlag >= 0 ? argv[dirFlag + 1] : undefined
  const prismaDir = dirArg ? path.resolve(dirArg) : path.join(ROOT, 'prisma')
  const sqlitePath = path.join(prismaDir, 'sqlite', 'schema.prisma')
  const postgresPath = path.join(prismaDir, 'postgres', 'schema.prisma')
  const rel = (p: string) => {
    const r = path.relative(process.cwd(), p)
    return r && !r.startsWith('..') ? r : p
  }

  let expected: string
  try {
    expected = derivePostgresSchema(fs.readFileSync(sqlitePath, 'utf8'))
  } catch (e) {
    console.error(`derive-postgres-schema: ${rel(sqlitePath)}: ${(e as Error).message}`)
    return 1
  }
  const current = fs.existsSync(postgresPath) ? fs.readFileSync(postgresPath, 'utf8') : null

  if (check) {
    if (current !== expected) {
      console.error(
        `derive-postgres-schema: ${rel(postgresPath)} is ${current === null ? 'missing' : 'out of date'}; run \`npm run db:schema\` and commit it.`,
      )
      return 1
    }
    console.log(`${rel(postgresPath)} is up to date.`)
    return 0
  }
  if (current === expected) {
    console.log(`${rel(postgresPath)} already up to date.`)
    return 0
  }
  fs.mkdirSync(path.dirname(postgresPath), { recursive: true })
  fs.writeFileSync(postgresPath, expected)
  console.log(`wrote ${rel(postgresPath)}`)
  return 0
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) process.exitCode = main(process.argv.slice(2))
