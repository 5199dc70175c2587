/**
 * npm run jobs -- list                 each job: schedule, last run, next run, failures
 * npm run jobs -- run <name>           runs one job now (its own slot, trigger "manual"); exit 1 if it failed
 * npm run jobs -- scheduler            the scheduler loop (started by scripts/server.mjs unless JOBS=off)
 * Jobs: payments, reminders, outbox, expiry, backup (lib/jobs/registry.ts, ADR 0011). DATABASE_URL selects the
 * database; SMTP_URL the mail server (unset: .eml files in MAIL_DIR, default .mail/); BACKUP_DIR, BACKUP_KEEP.
 */
import { createPrismaClient } from '../../lib/db/client'
import { JOB_NAMES, portalJobs } from '../../lib/jobs/registry'
import { Scheduler, type TRunOutcome } from '../../lib/jobs/scheduler'
import { getJobsOverview } from '../../lib/services/system/jobs'

const usage = `usage: npm run jobs -- list | run <${JOB_NAMES.join('|')}> | scheduler`

async function main() {
  const [command, name] = process.argv.slice(2)
  const db = createPrismaClient()
  if (command === 'scheduler') {
    // Every finished attempt goes to the parent (the production server) for its /metrics.
    const report = (o: TRunOutcome) => process.send?.({ type: 'job-run', job: o.job, outcome: o.status === 'succeeded' ? 'success' : 'failure', seconds: o.seconds })
    const scheduler = new Scheduler(db, portalJobs(), { onRun: report, log: (line) => console.log(line) })
    const everyMs = Number(process.env.JOBS_TICK_MS ?? 20_000)
    scheduler.start(everyMs)
    console.log(`> jobs: scheduler started (${scheduler.owner}, tick every ${everyMs / 1000} s): ${JOB_NAMES.join(', ')}`)
    const stop = async () => {
      await scheduler.stop()
      await db.$disconnect()
      process.exit(0)
    }
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
    process.on('disconnect', stop) // the server is gone
    return
  }
  try {
    if (command === 'list') {
      const { jobs } = await getJobsOverview(db, new Date())
      for (const j of jobs) {
        const last = j.lastRun ? `${j.lastRun.status} ${j.lastRun.startedAt.toISOString()} (${j.lastRun.durationMs ?? '…'} ms) ${j.lastRun.summary ?? j.lastRun.error ?? ''}` : 'never run'
        console.log(`${j.name.padEnd(10)} ${j.schedule.padEnd(12)} next ${j.nextRun?.toISOString() ?? '—'}  last: ${last}  failures (7 days): ${j.failures}`)
      }
    } else if (command === 'run' && (JOB_NAMES as readonly string[]).includes(name ?? '')) {
      const o = await new Scheduler(db, portalJobs(), { owner: `cli:${process.pid}` }).runNow(name!, new Date())
      console.log(`${o.job}: ${o.status} in ${o.seconds.toFixed(1)} s — ${o.summary ?? o.error}`)
      if (o.status !== 'succeeded') process.exitCode = 1
    } else {
      console.error(usage)
      process.exitCode = 2
    }
  } finally {
    await db.$disconnect()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
