import 'server-only'
import { z } from 'zod'
import type { Db } from '@/lib/db/client'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { can, type Role } from '@/lib/auth/permissions'
import { AppError } from '@/lib/errors'
import { JOB_NAMES, portalJobs, type TJobName } from '@/lib/jobs/registry'
import { nextSlot, Scheduler, type TJobDefinition, type TRunOutcome } from '@/lib/jobs/scheduler'

/** The supervisor page of the scheduled jobs (/conseiller/taches, ADR 0011): what it shows and its "run now". */

export type TJobRunDto = { id: string; job: string; status: string; trigger: string; scheduledFor: Date; startedAt: Date; durationMs: number | null; attempts: number; summary: string | null; error: string | null; nextAttemptAt: Date | null }
export type TJobOverview = {
  name: TJobName
  schedule: string
  nextRun: Date | null
  lastRun: TJobRunDto | null
  /** Runs that ended "failed" in the last 7 days. */
  failures: number
  lastFailure: TJobRunDto | null
}

const runSelect = { id: true, job: true, status: true, trigger: true, scheduledFor: true, startedAt: true, durationMs: true, attempts: true, summary: true, error: true, nextAttemptAt: true } as const

export async function getJobsOverview(db: Db, now: Date, jobs: TJobDefinition[] = portalJobs()): Promise<{ jobs: TJobOverview[]; problems: TJobRunDto[] }> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000)
  const out: TJobOverview[] = []
  for (const j of jobs) {
    const [lastRun, failures, lastFailure] = await Promise.all([
      db.jobRun.findFirst({ where: { job: j.name }, orderBy: { startedAt: 'desc' }, select: runSelect }),
      db.jobRun.count({ where: { job: j.name, status: 'failed', startedAt: { gte: weekAgo } } }),
      db.jobRun.findFirst({ where: { job: j.name, status: { in: ['failed', 'retrying'] } }, orderBy: { startedAt: 'desc' }, select: runSelect }),
    ])
    out.push({ name: j.name as TJobName, schedule: j.schedule, nextRun: nextSlot(j.schedule, now), lastRun, failures, lastFailure })
  }
  const problems = await db.jobRun.findMany({ where: { status: { in: ['failed', 'retrying'] }, startedAt: { gte: weekAgo } }, orderBy: { startedAt: 'desc' }, take: 20, select: runSelect })
  return { jobs: out, problems }
}

export const ZJobRef = z.object({ job: z.enum(JOB_NAMES) })

type TRunNowInput = { actor: { id: string; role: Role }; input: unknown; now: Date; ip: string | null; userAgent: string | null; jobs?: TJobDefinition[] }

/**
 * Supervisor: runs one job now, in this process (its own slot, trigger "manual"), and audits who asked and how it
 * ended. An advisor is refused (403) and the refusal is audited too. A failed manual run is retried by the schedule.
 */
export async function runJobNow({ actor, input, now, ip, userAgent, jobs }: TRunNowInput): Promise<TRunOutcome> {
  const db = getDb()
  const parsed = ZJobRef.safeParse(input)
  if (!can(actor.role, 'update:jobs:any')) {
    await writeAudit(db, { actorUserId: actor.id, actorRole: actor.role, action: 'job.run', targetType: 'job', targetId: parsed.success ? parsed.data.job : undefined, outcome: 'denied', ip, userAgent })
    throw new AppError('forbidden', 403)
  }
  if (!parsed.success) throw new AppError('jobs.errors.unknownJob', 404)
  const scheduler = new Scheduler(db, jobs ?? portalJobs(), { owner: `manual:${process.pid}` })
  const outcome = await scheduler.runNow(parsed.data.job, now, actor.id)
  await writeAudit(db, {
    actorUserId: actor.id,
    actorRole: actor.role,
    action: 'job.run',
    targetType: 'job',
    targetId: parsed.data.job,
    outcome: outcome.status === 'succeeded' ? 'success' : 'failure',
    ip,
    userAgent,
    details: { runId: outcome.runId, status: outcome.status, summary: outcome.summary ?? null, error: outcome.error ?? null },
  })
  return outcome
}
