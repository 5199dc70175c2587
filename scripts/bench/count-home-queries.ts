/**
 * DATABASE_URL=file:.bench/pages-2000.db node --conditions=react-server --import tsx scripts/bench/count-home-queries.ts [--persons 20] [--sql]
 *
 * How many SQL statements `/compte`'s data work sends (issue 15 item 1, ADR 0014): getInsuredHome() and, apart, the
 * page's session check (lib/auth/session-user.ts's query, findActiveSessionUser, on one of the person's sessions when
 * they have one, as after bench:pages's sign-ins), for --persons insured persons of the database that have a user
 * account, on a Prisma client that reports every statement (createPrismaClient's onQuery: Prisma's `query` log event,
 * one per SQL statement sent, an include's follow-up queries included). Prints min / max / mean per call, and with
 * --sql the statements of the first person. Read-only.
 */
import { createPrismaClient } from '../../lib/db/client'
import { findActiveSessionUser } from '../../lib/db/repositories/auth-sessions'
import type { CalendarDate } from '../../lib/domain/dates'
import { parisToday } from '../../lib/domain/paris-today'
import { getInsuredHome } from '../../lib/services/home/get-insured-home'
import { getRuleSet } from '../../lib/services/simulation/rule-engine'

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const persons = Number(arg('--persons') ?? 20)
const showSql = process.argv.includes('--sql')

const statements: string[] = []
const db = createPrismaClient(process.env.DATABASE_URL, { onQuery: (e) => statements.push(e.query) })
// The services read the process-wide client of lib/db/client.ts getDb(): this one, which counts.
;(globalThis as { __ameliDb?: unknown }).__ameliDb = { url: process.env.DATABASE_URL ?? '', db }

async function main(): Promise<void> {
  const now = new Date()
  const today = parisToday(now) as CalendarDate
  const rules = await getRuleSet()
  const users = await db.user.findMany({ where: { role: 'insured', insuredId: { not: null } }, select: { id: true, insuredId: true }, orderBy: { id: 'asc' }, take: persons })
  const counts: number[] = []
  const sessionCounts: number[] = []
  for (const [n, u] of users.entries()) {
    const session = await db.authSession.findFirst({ where: { userId: u.id, revokedAt: null }, select: { id: true } })
    statements.length = 0
    await findActiveSessionUser(db, session?.id ?? 'no-session-of-this-person', u.id, now)
    sessionCounts.push(statements.length)
    if (showSql && n === 0) for (const s of statements) process.stdout.write(`${s}\n\n`)
    statements.length = 0
    await getInsuredHome({ actor: { id: u.id, role: 'insured', insuredId: u.insuredId!, organisationId: null }, today, now, rules })
    counts.push(statements.length)
    if (showSql && n === 0) for (const s of statements) process.stdout.write(`${s}\n\n`)
  }
  const line = (label: string, c: number[]) =>
    `${label}, ${c.length} persons: min ${Math.min(...c)}, max ${Math.max(...c)}, mean ${(c.reduce((a, b) => a + b, 0) / c.length).toFixed(1)}\n`
  process.stdout.write(line('SQL statements per getInsuredHome', counts))
  process.stdout.write(line('SQL statements per session check', sessionCounts))
  await db.$disconnect()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
