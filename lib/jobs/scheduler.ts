/**
 * The scheduler (ADR 0011): every instance ticks (every 20 s in production), and for each job works out the latest
 * slot of its calendar (croner, Europe/Paris) at `now`. Running a slot starts by INSERTING its JobRun row; the table
 * has UNIQUE (job, scheduledFor), so whatever the number of instances exactly one insert succeeds and that instance
 * runs the job; the others get the conflict and skip. The same holds on SQLite and PostgreSQL.
 *  - A run that throws is retried: status "retrying", nextAttemptAt after an exponential back-off; a later tick (on
 *    any instance) claims the retry with a conditional update (status retrying → running, attempts n → n + 1), again
 *    won by one instance only. After `maxAttempts` the run is "failed" and stays so (the supervisor page shows it).
 *  - A running attempt holds its slot until `leaseUntil` (start + the job's `leaseMs`), which its instance pushes
 *    forward (a heartbeat every third of the lease, at most every minute) for as long as the job runs; an attempt past
 *    its `leaseUntil` (its instance stopped: no more heartbeats) is handed back to the retry path. A long job is
 *    thus never run twice because it outlived its lease.
 *  - A slot missed while no instance was up is still run if it is at most `catchUpMs` old (e.g. the payment run
 *    of 06:00 when the server comes back at 07:30); older slots are skipped, never run late in bulk.
 *  - A run by hand (supervisor page, CLI) is its own slot (the instant asked), trigger "manual".
 * Every finished attempt is counted in the metrics (recordJobRun) and handed to `onRun`.
 * Time is an input: `tick(now)`, `runNow(name, now)`; only the production loop reads the clock.
 */
import os from 'node:os'
import { Cron } from 'croner'
import type { Db } from '../db/client'
import { isUniqueViolation } from '../db/repositories/db-errors'
import { recordJobRun } from '../observability/metrics'

export const JOB_TIMEZONE = 'Europe/Paris'

export type TJobContext = { db: Db; now: Date; scheduledFor: Date; attempt: number }

export type TJobDefinition = {
  name: string
  /** A cron pattern in Europe/Paris time (croner syntax: minute hour day month weekday). */
  schedule: string
  /** Returns a one-line summary of what the run did; throws on failure. */
  run: (context: TJobContext) => Promise<string>
  /** Attempts of one slot before it is "failed" (default 3). */
  maxAttempts?: number
  /** First retry delay; then ×4 per attempt (default 1 min: retries after 1 min, then 4 min). */
  retryDelayMs?: number
  /** How old a missed slot may be and still run (default 1 hour). */
  catchUpMs?: number
  /** A "running" attempt whose instance has not renewed it for this long is considered interrupted (default 30 min). */
  leaseMs?: number
}

export type TRunOutcome = { job: string; runId: string; status: 'succeeded' | 'retrying' | 'failed'; attempt: number; seconds: number; summary?: string; error?: string }
export type TRunReport = (outcome: TRunOutcome) => void

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`unknown job: ${name}`)
    this.name = 'UnknownJobError'
  }
}

const calendars = new Map<string, Cron>()
function calendar(pattern: string): Cron {
  let c = calendars.get(pattern)
  if (!c) {
    c = new Cron(pattern, { timezone: JOB_TIMEZONE, paused: true })
    calendars.set(pattern, c)
  }
  return c
}

/** The latest slot of the pattern at or before `now` (null if none in the last year). */
export function latestSlot(pattern: string, now: Date): Date | null {
  return calendar(pattern).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null
}

/** The next slot strictly after `now`. */
export function nextSlot(pattern: string, now: Date): Date | null {
  return calendar(pattern).nextRun(now)
}

const DEFAULT_LEASE_MS = 30 * 60_000
const leaseOf = (job: TJobDefinition) => job.leaseMs ?? DEFAULT_LEASE_MS

export function retryDelay(job: TJobDefinition, attempt: number): number {
  return (job.retryDelayMs ?? 60_000) * 4 ** Math.max(attempt - 1, 0)
}

export class Scheduler {
  readonly owner: string
  private readonly jobs: Map<string, TJobDefinition>
  private readonly busy = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private ticking: Promise<unknown> | undefined

  constructor(
    private readonly db: Db,
    jobs: TJobDefinition[],
    private readonly options: { owner?: string; onRun?: TRunReport; log?: (line: string) => void } = {},
  ) {
    this.jobs = new Map(jobs.map((j) => [j.name, j]))
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}`
  }

  job(name: string): TJobDefinition {
    const j = this.jobs.get(name)
    if (!j) throw new UnknownJobError(name)
    return j
  }

  /** One pass at `now`: due slots, due retries, interrupted runs. Returns the attempts this instance made. */
  async tick(now: Date): Promise<TRunOutcome[]> {
    await this.reclaimInterrupted(now)
    const work: Promise<TRunOutcome | null>[] = []
    for (const job of this.jobs.values()) {
      if (this.busy.has(job.name)) continue
      const slot = latestSlot(job.schedule, now)
      if (slot && now.getTime() - slot.getTime() <= (job.catchUpMs ?? 3_600_000)) work.push(this.runSlot(job, slot, now, 'schedule', null))
    }
    const retries = await this.db.jobRun.findMany({ where: { status: 'retrying', nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: 'asc' }, take: 20 })
    for (const r of retries) {
      const job = this.jobs.get(r.job)
      if (!job || this.busy.has(job.name)) continue
      work.push(this.retry(job, r.id, r.attempts, r.scheduledFor, now))
    }
    return (await Promise.all(work)).filter((o): o is TRunOutcome => o !== null)
  }

  /** A run by hand (supervisor page, CLI): a slot of its own at `now`. */
  async runNow(name: string, now: Date, actorUserId: string | null = null): Promise<TRunOutcome> {
    const job = this.job(name)
    const outcome = await this.runSlot(job, now, now, 'manual', actorUserId)
    // Two requests in the same millisecond: the second one found the slot taken.
    if (!outcome) throw new Error(`job ${name} was started by someone else at this very instant`)
    return outcome
  }

  private async runSlot(job: TJobDefinition, slot: Date, now: Date, trigger: 'schedule' | 'manual', actorUserId: string | null): Promise<TRunOutcome | null> {
    let runId: string
    try {
      const row = await this.db.jobRun.create({ data: { job: job.name, scheduledFor: slot, trigger, actorUserId, status: 'running', attempts: 1, startedAt: now, leaseUntil: new Date(now.getTime() + leaseOf(job)), owner: this.owner }, select: { id: true } })
      runId = row.id
    } catch (error) {
      if (isUniqueViolation(error)) return null // another instance (or an earlier tick) has this slot
      throw error
    }
    return this.attempt(job, runId, 1, slot, now)
  }

  private async retry(job: TJobDefinition, runId: string, attempts: number, slot: Date, now: Date): Promise<TRunOutcome | null> {
    const won = await this.db.jobRun.updateMany({ where: { id: runId, status: 'retrying', attempts }, data: { status: 'running', attempts: attempts + 1, startedAt: now, leaseUntil: new Date(now.getTime() + leaseOf(job)), finishedAt: null, owner: this.owner, nextAttemptAt: null } })
    if (won.count !== 1) return null
    return this.attempt(job, runId, attempts + 1, slot, now)
  }

  private async attempt(job: TJobDefinition, runId: string, attempt: number, slot: Date, now: Date): Promise<TRunOutcome> {
    this.busy.add(job.name)
    const started = performance.now()
    // The heartbeat: while the job runs, its lease is pushed forward (the attempt's `now` plus the time it has been
    // running plus the lease), only while this instance still owns the running attempt.
    const lease = leaseOf(job)
    const heartbeat = setInterval(
      () => {
        const leaseUntil = new Date(now.getTime() + (performance.now() - started) + lease)
        this.db.jobRun
          .updateMany({ where: { id: runId, status: 'running', owner: this.owner }, data: { leaseUntil } })
          .catch((error: unknown) => this.options.log?.(JSON.stringify({ msg: 'job heartbeat failed', job: job.name, error: error instanceof Error ? error.message : String(error) })))
      },
      Math.max(20, Math.min(lease / 3, 60_000)),
    )
    heartbeat.unref()
    let outcome: TRunOutcome
    try {
      const summary = await job.run({ db: this.db, now, scheduledFor: slot, attempt })
      const durationMs = Math.round(performance.now() - started)
      await this.db.jobRun.update({ where: { id: runId }, data: { status: 'succeeded', finishedAt: new Date(now.getTime() + durationMs), durationMs, summary: summary.slice(0, 500), error: null } })
      outcome = { job: job.name, runId, status: 'succeeded', attempt, seconds: durationMs / 1000, summary }
    } catch (error) {
      const durationMs = Math.round(performance.now() - started)
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000)
      const giveUp = attempt >= (job.maxAttempts ?? 3)
      await this.db.jobRun.update({
        where: { id: runId },
        data: { status: giveUp ? 'failed' : 'retrying', finishedAt: new Date(now.getTime() + durationMs), durationMs, error: message, nextAttemptAt: giveUp ? null : new Date(now.getTime() + retryDelay(job, attempt)) },
      })
      outcome = { job: job.name, runId, status: giveUp ? 'failed' : 'retrying', attempt, seconds: durationMs / 1000, error: message }
    } finally {
      clearInterval(heartbeat)
      this.busy.delete(job.name)
    }
    recordJobRun(job.name, outcome.status === 'succeeded' ? 'success' : 'failure', outcome.seconds)
    this.options.onRun?.(outcome)
    this.options.log?.(JSON.stringify({ msg: 'job run', ...outcome, owner: this.owner }))
    return outcome
  }

  /** Attempts still "running" past their lease (no heartbeat: their instance stopped) go back to the retry path. */
  private async reclaimInterrupted(now: Date): Promise<void> {
    const running = await this.db.jobRun.findMany({ where: { status: 'running' }, select: { id: true, job: true, attempts: true, startedAt: true, leaseUntil: true } })
    for (const r of running) {
      const job = this.jobs.get(r.job)
      if (!job) continue
      // Rows written before the heartbeat existed have no leaseUntil: their start plus the lease.
      const until = r.leaseUntil?.getTime() ?? r.startedAt.getTime() + leaseOf(job)
      if (now.getTime() <= until) continue
      const giveUp = r.attempts >= (job.maxAttempts ?? 3)
      await this.db.jobRun.updateMany({
        where: { id: r.id, status: 'running', attempts: r.attempts, leaseUntil: r.leaseUntil },
        data: { status: giveUp ? 'failed' : 'retrying', error: 'interrupted: the instance running it stopped', nextAttemptAt: giveUp ? null : now },
      })
    }
  }

  /** The production loop: a tick now and every `everyMs` (default 20 s), one at a time. */
  start(everyMs = 20_000, clock: () => Date = () => new Date()): void {
    const once = () => {
      if (this.ticking) return
      this.ticking = this.tick(clock())
        .catch((error: unknown) => this.options.log?.(JSON.stringify({ msg: 'scheduler tick failed', error: error instanceof Error ? error.message : String(error) })))
        .finally(() => (this.ticking = undefined))
    }
    once()
    this.timer = setInterval(once, everyMs)
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    await this.ticking
  }
}
