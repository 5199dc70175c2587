import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'

const run = promisify(execFile)
const PROCESSES = 4

/**
 * Issue 14 (scheduled jobs across instances): the scheduler's promise — one run per slot whatever the number of
 * instances (ADR 0011) — checked with real processes, each with its own connection to the same database, ticking at
 * the same moment, as the instances of `npm run cluster` do. The job writes to a file shared by the processes, so a
 * second run anywhere would show.
 */
describe('the scheduler across real processes', () => {
  it(`${PROCESSES} processes ticking at the same instant run each slot once, and the slot's run row says who`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sched-'))
    const runLog = path.join(dir, 'runs.log')
    fs.writeFileSync(runLog, '')
    // Friday 4 Dec 2026 06:00:20 Paris, then Tuesday 8 Dec 06:00:05: two slots of the job's calendar.
    const ticks = ['2026-12-04T05:00:20Z', '2026-12-08T05:00:05Z']
    const env = { ...process.env, RUN_LOG: runLog, TICK_AT: ticks.join(','), START_AT: String(Date.now() + 10_000) }
    const children = await Promise.all(
      Array.from({ length: PROCESSES }, () => run(process.execPath, ['--import', 'tsx', 'tests/support/scheduler-child.ts'], { env, timeout: 60_000 })),
    )
    const reports = children.map((c) => JSON.parse(c.stdout.trim().split('\n').at(-1)!) as { owner: string; ran: string[] })
    const lines = fs.readFileSync(runLog, 'utf8').trim().split('\n')
    fs.rmSync(dir, { recursive: true, force: true })
    // Each slot ran exactly once in all, whichever process won it.
    expect(lines.map((l) => l.split(' ')[1]).sort()).toEqual(['2026-12-04T05:00:00.000Z', '2026-12-08T05:00:00.000Z'])
    expect(reports.flatMap((r) => r.ran).sort()).toEqual(ticks.map((t) => `succeeded@${t}`).sort())
    const runs = await getDb().jobRun.findMany({ where: { job: 'cross-process' }, orderBy: { scheduledFor: 'asc' } })
    expect(runs.map((r) => ({ slot: r.scheduledFor.toISOString(), status: r.status, attempts: r.attempts }))).toEqual([
      { slot: '2026-12-04T05:00:00.000Z', status: 'succeeded', attempts: 1 },
      { slot: '2026-12-08T05:00:00.000Z', status: 'succeeded', attempts: 1 },
    ])
    // The run row names the process that wrote the file line.
    for (const r of runs) expect(lines).toContain(`${r.owner} ${r.scheduledFor.toISOString()}`)
  }, 90_000)
})
