import { afterAll, describe, expect, it } from 'vitest'
import { createPrismaClient, getDb, type Db } from '@/lib/db/client'
import { latestSlot, nextSlot, Scheduler, type TJobDefinition } from '@/lib/jobs/scheduler'
import { getJobsOverview, runJobNow } from '@/lib/services/system/jobs'

/**
 * Issue 14 item 3 (ADR 0011): jobs on a schedule, each slot run once whatever the number of instances; a job that
 * throws is retried with back-off, then shows as failed on the supervisor page; a run by hand is audited and
 * reserved to supervisors.
 */
const clients: Db[] = []
function instance(): Db {
  const db = createPrismaClient(process.env.DATABASE_URL)
  clients.push(db)
  return db
}
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()))
})

describe('the calendar (croner, Europe/Paris)', () => {
  it('the payment run is on Tuesdays and Fridays at 06:00 Paris time, summer and winter', () => {
    // Friday 4 December 2026 05:30 UTC = 06:30 Paris (UTC+1): the slot of 06:00 is due; the next one is Tuesday 8.
    expect(latestSlot('0 6 * * 2,5', new Date('2026-12-04T05:30:00Z'))?.toISOString()).toBe('2026-12-04T05:00:00.000Z')
    expect(nextSlot('0 6 * * 2,5', new Date('2026-12-04T05:30:00Z'))?.toISOString()).toBe('2026-12-08T05:00:00.000Z')
    // Summer time (UTC+2): Tuesday 7 July 2026, 06:00 Paris = 04:00 UTC.
    expect(nextSlot('0 6 * * 2,5', new Date('2026-07-04T00:00:00Z'))?.toISOString()).toBe('2026-07-07T04:00:00.000Z')
    // A slot at exactly `now` is due now.
    expect(latestSlot('* * * * *', new Date('2026-12-04T10:00:00Z'))?.toISOString()).toBe('2026-12-04T10:00:00.000Z')
  })
})

describe('one run per slot whatever the number of instances', () => {
  it('two schedulers (two instances, two connections) ticking at the same instant run the slot once', async () => {
    let calls = 0
    const job: TJobDefinition = {
      name: 'race-test',
      schedule: '0 6 * * 2,5',
      run: async () => {
        calls++
        await new Promise((r) => setTimeout(r, 50))
        return 'done'
      },
    }
    const now = new Date('2026-12-04T05:00:20Z') // Friday 06:00:20 Paris
    const a = new Scheduler(instance(), [job], { owner: 'instance-a' })
    const b = new Scheduler(instance(), [job], { owner: 'instance-b' })
    const [ra, rb] = await Promise.all([a.tick(now), b.tick(now)])
    expect(calls).toBe(1)
    expect(ra.length + rb.length).toBe(1)
    // Later ticks in the same slot (every 20 s on each instance) do not run it again.
    await Promise.all([a.tick(new Date('2026-12-04T05:00:40Z')), b.tick(new Date('2026-12-04T05:01:00Z'))])
    expect(calls).toBe(1)
    const runs = await getDb().jobRun.findMany({ where: { job: 'race-test' } })
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ status: 'succeeded', trigger: 'schedule', attempts: 1, summary: 'done', scheduledFor: new Date('2026-12-04T05:00:00Z') })
    expect(['instance-a', 'instance-b']).toContain(runs[0]!.owner)
    // Outside the slot's catch-up window (default 1 hour) nothing runs; the next slot (Tuesday) runs once.
    await a.tick(new Date('2026-12-04T09:00:00Z'))
    expect(calls).toBe(1)
    await Promise.all([a.tick(new Date('2026-12-08T05:00:05Z')), b.tick(new Date('2026-12-08T05:00:05Z'))])
    expect(calls).toBe(2)
  })
})

describe('a job that throws', () => {
  it('is retried with back-off (1 min, then 4 min), by one instance, then shows as failed on the supervisor page', async () => {
    let calls = 0
    const job: TJobDefinition = {
      name: 'flaky-test',
      schedule: '30 2 * * *',
      maxAttempts: 3,
      run: async () => {
        calls++
        throw new Error(`SMTP server unreachable (attempt ${calls})`)
      },
    }
    const a = new Scheduler(instance(), [job], { owner: 'a' })
    const b = new Scheduler(instance(), [job], { owner: 'b' })
    const t0 = new Date('2026-12-04T01:30:00Z') // 02:30 Paris
    const first = await a.tick(t0)
    expect(first).toEqual([expect.objectContaining({ status: 'retrying', attempt: 1 })])
    const run = await getDb().jobRun.findFirstOrThrow({ where: { job: 'flaky-test' } })
    expect(run).toMatchObject({ status: 'retrying', attempts: 1, error: 'SMTP server unreachable (attempt 1)', nextAttemptAt: new Date('2026-12-04T01:31:00Z') })
    // Not before the back-off has passed.
    await Promise.all([a.tick(new Date('2026-12-04T01:30:40Z')), b.tick(new Date('2026-12-04T01:30:40Z'))])
    expect(calls).toBe(1)
    // Both instances see the retry due: one takes it.
    const t1 = new Date('2026-12-04T01:31:00Z')
    const [r1a, r1b] = await Promise.all([a.tick(t1), b.tick(t1)])
    expect(calls).toBe(2)
    expect([...r1a, ...r1b]).toEqual([expect.objectContaining({ status: 'retrying', attempt: 2 })])
    expect(await getDb().jobRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ attempts: 2, nextAttemptAt: new Date('2026-12-04T01:35:00Z') })
    await a.tick(new Date('2026-12-04T01:34:00Z'))
    expect(calls).toBe(2)
    const last = await b.tick(new Date('2026-12-04T01:35:00Z'))
    expect(last).toEqual([expect.objectContaining({ status: 'failed', attempt: 3 })])
    // Failed for good: no more attempts.
    await a.tick(new Date('2026-12-04T02:30:00Z'))
    expect(calls).toBe(3)
    // What the supervisor page shows (the service it calls).
    const { jobs, problems } = await getJobsOverview(getDb(), new Date('2026-12-04T09:00:00Z'), [job])
    expect(jobs[0]).toMatchObject({ name: 'flaky-test', failures: 1, lastRun: { status: 'failed', attempts: 3, error: 'SMTP server unreachable (attempt 3)' }, nextRun: new Date('2026-12-05T01:30:00Z') })
    expect(jobs[0]!.lastRun!.durationMs).toBeGreaterThanOrEqual(0)
    expect(problems.map((p) => p.id)).toContain(run.id)
  })

  it('a run left "running" by a stopped instance is taken back after its lease and retried', async () => {
    let calls = 0
    const job: TJobDefinition = { name: 'lease-test', schedule: '0 3 * * *', leaseMs: 10 * 60_000, run: async () => `run ${++calls}` }
    const db = getDb()
    await db.jobRun.create({ data: { job: 'lease-test', scheduledFor: new Date('2026-12-04T02:00:00Z'), trigger: 'schedule', status: 'running', attempts: 1, startedAt: new Date('2026-12-04T02:00:00Z'), owner: 'dead-instance' } })
    const s = new Scheduler(instance(), [job])
    await s.tick(new Date('2026-12-04T02:05:00Z'))
    expect(calls).toBe(0) // within the lease: maybe still running elsewhere
    const out = await s.tick(new Date('2026-12-04T02:11:00Z'))
    expect(out).toEqual([expect.objectContaining({ status: 'succeeded', attempt: 2 })])
    expect(calls).toBe(1)
  })
  it('a job that runs longer than its lease keeps its slot: its heartbeat pushes the lease forward, no other instance runs it again (ADR 0011)', async () => {
    let calls = 0
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const job: TJobDefinition = {
      name: 'long-test',
      schedule: '0 4 * * *',
      leaseMs: 300, // a heartbeat every 100 ms
      run: async () => {
        calls++
        await gate
        return 'done'
      },
    }
    const t0 = new Date('2026-12-04T03:00:00Z')
    const a = new Scheduler(instance(), [job], { owner: 'instance-a' })
    const b = new Scheduler(instance(), [job], { owner: 'instance-b' })
    const first = a.tick(t0)
    await new Promise((r) => setTimeout(r, 1000)) // 1 s of work: more than three leases
    const row = await getDb().jobRun.findFirstOrThrow({ where: { job: 'long-test' } })
    expect(row.status).toBe('running')
    expect(row.leaseUntil!.getTime()).toBeGreaterThan(t0.getTime() + 900) // renewed, not start + 300 ms
    // Another instance ticks 1 s later on the same clock: the attempt is alive, nothing is taken back or run again.
    expect(await b.tick(new Date(t0.getTime() + 1000))).toEqual([])
    expect(calls).toBe(1)
    release()
    expect(await first).toEqual([expect.objectContaining({ status: 'succeeded', attempt: 1 })])
    expect(await getDb().jobRun.findMany({ where: { job: 'long-test' }, select: { status: true, attempts: true, owner: true } })).toEqual([{ status: 'succeeded', attempts: 1, owner: 'instance-a' }])
    // Once its instance stops renewing (simulated: a lease in the past), the attempt is interrupted and retried.
    await getDb().jobRun.create({ data: { job: 'long-test', scheduledFor: new Date('2026-12-05T03:00:00Z'), trigger: 'schedule', status: 'running', attempts: 1, startedAt: new Date('2026-12-05T03:00:00Z'), leaseUntil: new Date('2026-12-05T03:00:01Z'), owner: 'dead-instance' } })
    release = () => undefined
    const retried = await b.tick(new Date('2026-12-05T03:00:02Z'))
    expect(retried).toEqual([expect.objectContaining({ status: 'succeeded', attempt: 2 })])
  })
})

describe('run now (supervisor page)', () => {
  const staff = async (email: string) => {
    const u = await getDb().user.findFirstOrThrow({ where: { email }, select: { id: true, role: true } })
    return { id: u.id, role: u.role as 'advisor' | 'supervisor' }
  }
  const ctx = { now: new Date('2026-12-04T10:15:00Z'), ip: '203.0.113.7', userAgent: 'vitest' }

  it('is refused to an advisor (403, audited as denied, nothing run) and runs for a supervisor, audited', async () => {
    const db = getDb()
    const advisor = await db.user.findFirstOrThrow({ where: { role: 'advisor' }, select: { id: true, role: true } })
    const supervisor = await staff('isabelle.moreau@cpam-paris.example.fr')
    expect(supervisor.role).toBe('supervisor')
    await expect(runJobNow({ actor: { id: advisor.id, role: 'advisor' }, input: { job: 'expiry' }, ...ctx })).rejects.toMatchObject({ code: 'forbidden', status: 403 })
    expect(await db.jobRun.count({ where: { job: 'expiry' } })).toBe(0)
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: 'job.run', actorUserId: advisor.id } })).toMatchObject({ outcome: 'denied', targetId: 'expiry' })
    // An unknown job name is refused.
    await expect(runJobNow({ actor: supervisor, input: { job: 'rm -rf' }, ...ctx })).rejects.toMatchObject({ code: 'jobs.errors.unknownJob', status: 404 })
    // An expired pending contact change is removed by the expiry job run by hand.
    const insured = await db.insured.findFirstOrThrow({ where: { user: { isNot: null } }, select: { id: true, user: { select: { id: true } } } })
    await db.pendingContactChange.create({ data: { insuredId: insured.id, userId: insured.user!.id, channel: 'email', newValue: 'new@example.org', codeHash: 'x', expiresAt: new Date('2026-12-04T10:00:00Z') } })
    // Sign-in sessions: one revoked two days ago and one past its end go; one revoked an hour ago and an open one stay.
    const userId = insured.user!.id
    const h = 3_600_000
    const at = (ms: number) => new Date(ctx.now.getTime() + ms)
    await db.authSession.createMany({
      data: [
        { id: `exp-old-revoked-${process.pid}`, userId, createdAt: at(-60 * h), expiresAt: at(-40 * h), revokedAt: at(-48 * h) },
        { id: `exp-old-ended-${process.pid}`, userId, createdAt: at(-40 * h), expiresAt: at(-28 * h) },
        { id: `exp-recent-revoked-${process.pid}`, userId, createdAt: at(-2 * h), expiresAt: at(10 * h), revokedAt: at(-1 * h) },
        { id: `exp-open-${process.pid}`, userId, createdAt: at(-1 * h), expiresAt: at(11 * h) },
      ],
    })
    const outcome = await runJobNow({ actor: supervisor, input: { job: 'expiry' }, ...ctx })
    expect(outcome).toMatchObject({ status: 'succeeded', job: 'expiry' })
    expect(outcome.summary).toContain('2 ended sessions')
    expect((await db.authSession.findMany({ where: { id: { startsWith: 'exp-' } }, select: { id: true }, orderBy: { id: 'asc' } })).map((s) => s.id)).toEqual([`exp-open-${process.pid}`, `exp-recent-revoked-${process.pid}`])
    expect(outcome.summary).toMatch(/^1 contact changes/)
    expect(await db.pendingContactChange.count({ where: { insuredId: insured.id } })).toBe(0)
    expect(await db.jobRun.findFirstOrThrow({ where: { job: 'expiry' } })).toMatchObject({ trigger: 'manual', actorUserId: supervisor.id, status: 'succeeded', scheduledFor: ctx.now })
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'job.run', actorUserId: supervisor.id } })
    expect(audit).toMatchObject({ outcome: 'success', targetType: 'job', targetId: 'expiry', ip: '203.0.113.7' })
    expect(JSON.parse(audit.details)).toMatchObject({ runId: outcome.runId, status: 'succeeded' })
  })
})
