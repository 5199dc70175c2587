/**
 * One "instance" for the cross-process scheduler test (tests/integration/scheduler-processes.test.ts): its own Node
 * process and database connection (DATABASE_URL), a Scheduler with one job that appends a line to RUN_LOG when it
 * runs. It waits for START_AT (epoch ms, then 3 s more per tick) so that every process ticks at the same moment, ticks
 * at the pinned instants of TICK_AT, one per slot, and prints what its ticks ran as one JSON line.
 */
import fs from 'node:fs'
import { createPrismaClient } from '../../lib/db/client'
import { Scheduler, type TJobDefinition } from '../../lib/jobs/scheduler'

const log = process.env.RUN_LOG!
const owner = `process-${process.pid}`
const job: TJobDefinition = {
  name: 'cross-process',
  schedule: '0 6 * * 2,5',
  run: async ({ scheduledFor }) => {
    fs.appendFileSync(log, `${owner} ${scheduledFor.toISOString()}\n`)
    await new Promise((r) => setTimeout(r, 100))
    return `ran by ${owner}`
  },
}

async function main() {
  const db = createPrismaClient()
  await db.$queryRawUnsafe('SELECT 1') // connect before the start line
  const scheduler = new Scheduler(db, [job], { owner })
  const ran: string[] = []
  // Tick i starts at START_AT + i × 3 s: every process ticks together, and the slot before has finished everywhere
  // (a run still "running" when the pinned clock jumps days ahead would look interrupted past its lease and be retried,
  // which is the lease working, not what this test is about).
  for (const [i, at] of process.env.TICK_AT!.split(',').entries()) {
    const wait = Number(process.env.START_AT) + i * 3_000 - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    for (const o of await scheduler.tick(new Date(at))) ran.push(`${o.status}@${at}`)
  }
  await db.$disconnect()
  console.log(JSON.stringify({ owner, ran }))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
