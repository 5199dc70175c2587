/**
 * The batch command of SIMULATION-API.md ("Where it is served"): `npm run --silent liquidate -- FILE.jsonl`
 * (or `-` for standard input), run as a real process against the test database (DATABASE_URL), and its
 * `--save` mode (docs/decisions/0005-batch-liquidation.md).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { insertClaimsWithPayments } from '@/lib/db/repositories/claims'
import { createEngine } from '@/lib/domain/reimbursement/engine'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { parseLine } from '@/lib/services/simulation/simulate-lines'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'
import { insured } from '@/prisma/seed/demo-data'
import { nirOf } from '@/prisma/seed/seed-demo'

const root = path.resolve(__dirname, '..', '..')
const SAMPLE = 'tests/fixtures/liquidate/sample.jsonl'
const INVALID = 'tests/fixtures/liquidate/invalid.jsonl'
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liquidate-test-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

type Out = { code: number; lines: Record<string, unknown>[]; stderr: string }

function run(args: string[], stdin?: string): Promise<Out> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/liquidate.ts', ...args], { cwd: root, env: process.env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
      resolve({ code: code ?? -1, lines, stderr })
    })
    if (stdin !== undefined) child.stdin.end(stdin)
    else child.stdin.end()
  })
}

function writeLines(name: string, lines: object[]): string {
  const file = path.join(tmp, name)
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return file
}

const amounts = (r: Record<string, unknown>) => {
  const { base, rate, amoGross, localRegime, participation, franchise, carriedForward, amoPaid, complementary, patient } = r
  return { base, rate, amoGross, localRegime, participation, franchise, carriedForward, amoPaid, complementary, patient }
}

describe('liquidate: JSON Lines in, one result per line out, one batch', () => {
  it('computes the RULEBOOK examples in input order, exit code 0, same results as the engine on the whole batch', async () => {
    const { code, lines } = await run([SAMPLE])
    expect(code).toBe(0)
    const input = fs.readFileSync(path.join(root, SAMPLE), 'utf8').trim().split('\n')
    expect(lines.map((l) => l.id)).toEqual(input.map((l) => (JSON.parse(l) as { id: string }).id))
    // SIMULATION-API worked example / RULEBOOK #1.
    expect(lines[0]).toMatchObject({ id: 'ex1', base: 2500, rate: 70, amoGross: 1750, participation: 100, amoPaid: 1650, complementary: 750, patient: 100 })
    // RULEBOOK #11 and Decisions: 0.40 € carried forward, then deducted once from the next payment of the same beneficiary.
    const byId = new Map(lines.map((l) => [l.id, l]))
    expect(byId.get('ex11b')).toMatchObject({ franchise: 60, carriedForward: 40, amoPaid: 0 })
    expect(byId.get('ex11c')).toMatchObject({ franchise: 40, amoPaid: 1615 })
    const engine = createEngine(new RuleSet(bundledRuleRows), bundledActs)
    const expected = engine.simulateBatch(input.map((l) => {
      const p = parseLine(JSON.parse(l))
      if (!p.ok) throw new Error('fixture line invalid')
      return p.line
    }))
    expected.forEach((o, i) => {
      if (!o.ok) throw new Error('engine refused a fixture line')
      expect(amounts(lines[i]!)).toEqual(amounts(o.result as unknown as Record<string, unknown>))
      expect(lines[i]!.steps).toEqual(JSON.parse(JSON.stringify(o.result.steps)))
    })
  })

  it('rejected lines hold errors naming the field (English by default), the others are still computed; exit code 1', async () => {
    const { code, lines } = await run([INVALID])
    expect(code).toBe(1)
    expect(lines).toHaveLength(8)
    const paths = lines.map((l) => (l.errors as { path: string }[] | undefined)?.map((e) => e.path) ?? null)
    expect(paths).toEqual([null, ['careDate'], ['act'], [''], ['colour'], null, ['quantity'], null])
    expect(lines.map((l) => l.id)).toEqual(['ok1', 'bad-date', 'bad-act', undefined, 'bad-field', 'ok2', 'bad-qty', 'ok3'])
    const messages = lines.flatMap((l) => (l.errors as { message: string }[] | undefined) ?? []).map((e) => e.message)
    expect(messages[0]).toMatch(/real calendar date/)
    expect(messages[1]).toMatch(/Unknown act code "ZZZ"/)
    expect(messages[2]).toMatch(/not valid JSON/)
    // The batch continues across rejected lines: ok2 and ok3 share the beneficiary p2 (RULEBOOK #11).
    expect(lines[7]).toMatchObject({ id: 'ok3', carriedForward: 40 })
  })

  it('--lang fr answers in French', async () => {
    const { code, lines } = await run([INVALID, '--lang', 'fr'])
    expect(code).toBe(1)
    expect((lines[1]!.errors as { message: string }[])[0]!.message).toMatch(/date des soins/)
  })

  it('"-" reads standard input, with the same output as the file', async () => {
    const fromFile = await run([SAMPLE])
    const fromStdin = await run(['-'], fs.readFileSync(path.join(root, SAMPLE), 'utf8'))
    expect(fromStdin.code).toBe(0)
    expect(fromStdin.lines).toEqual(fromFile.lines)
  })

  it('bad usage exits with 2 and a message', async () => {
    const r = await run(['tests/fixtures/liquidate/missing.jsonl'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cannot read/)
    expect((await run([SAMPLE, '--batch-size', '0'])).code).toBe(2)
  })
})

describe('liquidate --save: claims and payments of the matching insured persons', () => {
  const martin = insured.find((p) => p.birthName === 'Martin')!
  const martinNir = nirOf(martin)

  async function ids() {
    const db = getDb()
    const m = await db.insured.findUniqueOrThrow({ where: { nir: martinNir.nir }, select: { id: true } })
    const lea = await db.beneficiary.findFirstOrThrow({ where: { firstNames: 'Léa', lastName: 'Martin' }, select: { id: true, ownNir: true } })
    const hugo = await db.beneficiary.findFirstOrThrow({ where: { firstNames: 'Hugo', lastName: 'Martin' }, select: { id: true, ownNir: true } })
    return { martinId: m.id, lea, hugo }
  }

  it('stores valid lines for the insured (NIR 13 or 15) and beneficiaries (id or own NIR), pays the AMO share; an invalid or unmatched line stores nothing', async () => {
    const { martinId, lea, hugo } = await ids()
    const file = writeLines('save.jsonl', [
      { id: 's1', careDate: '2023-06-15', act: 'G', feeCharged: 2500, birthDate: martin.birthDate, beneficiaryId: martinNir.nir, professionalId: '10003456789' },
      { id: 's2', careDate: '2023-06-15', act: 'PH65', feeCharged: 1000, birthDate: martin.birthDate, beneficiaryId: `${martinNir.nir}${martinNir.key}`, professionalId: '10003456789' },
      { id: 's3', careDate: '2024-06-10', act: 'PH65', feeCharged: 1000, birthDate: martin.birthDate, beneficiaryId: martinNir.nir },
      { id: 's4', careDate: '2024-06-10', act: 'PH15', feeCharged: 400, birthDate: martin.birthDate, beneficiaryId: martinNir.nir },
      { id: 's5', careDate: '2024-06-10', act: 'G', birthDate: '2012-03-14', beneficiaryId: lea.id },
      { id: 's6', careDate: '2025-02-10', act: 'G', birthDate: '2018-09-02', beneficiaryId: hugo.ownNir },
      { id: 'unknown', careDate: '2025-02-10', act: 'G', birthDate: '1990-01-01', beneficiaryId: '1900175112999' },
      { id: 'no-beneficiary', careDate: '2025-02-10', act: 'G', birthDate: '1990-01-01' },
      { id: 'bad', careDate: '2025-02-31', act: 'G', birthDate: '1990-01-01', beneficiaryId: martinNir.nir },
    ])
    const before = await getDb().claimLine.count()
    const { code, lines, stderr } = await run([file, '--save', '--paid-on', '2026-11-30'])
    expect(code, stderr).toBe(1)
    expect(lines.map((l) => l.id)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 'unknown', 'no-beneficiary', 'bad'])
    expect(lines[6]!.errors).toEqual([{ path: 'beneficiaryId', message: expect.stringMatching(/No insured person or beneficiary matches/) }])
    expect((lines[7]!.errors as { path: string }[])[0]!.path).toBe('beneficiaryId')
    expect((lines[8]!.errors as { path: string }[])[0]!.path).toBe('careDate')
    expect(await getDb().claimLine.count()).toBe(before + 6)

    const claims = await getDb().claim.findMany({ where: { source: 'batch' }, include: { lines: { orderBy: { lineNo: 'asc' } } }, orderBy: { reference: 'asc' } })
    // s1 and s2: same person, day and professional → one claim of two lines (the 13- and 15-digit NIR are the same person).
    expect(claims.map((c) => [c.insuredId === martinId, c.beneficiaryId, c.careDate, c.lines.map((l) => l.act)])).toEqual([
      [true, null, '2023-06-15', ['G', 'PH65']],
      [true, null, '2024-06-10', ['PH65', 'PH15']],
      [true, lea.id, '2024-06-10', ['G']],
      [true, hugo.id, '2025-02-10', ['G']],
    ])
    const [first, second] = claims
    expect(first!.professionalId).not.toBeNull()
    expect(first!.lines[0]).toMatchObject({ base: 2500, amoGross: 1750, participation: 100, amoPaid: 1650, complementary: 750, patient: 100, feeCharged: 2500, careType: 'doctor', paidOn: '2026-11-30' })
    expect(JSON.parse(first!.lines[0]!.steps)[0]).toMatchObject({ code: 'base.tariff', rule: 'act.G.base' })
    expect(first!.totalAmoPaid).toBe(first!.lines.reduce((s, l) => s + l.amoPaid, 0))
    expect(first!.totalCharged).toBe(2500 + 1000)
    expect(second!.lines[1]).toMatchObject({ franchise: 60, carriedForward: 40, amoPaid: 0 })

    // One payment for Martin's file in this transaction: the AMO paid of every stored line.
    const payments = await getDb().payment.findMany({ where: { lines: { some: { claim: { source: 'batch' } } } }, include: { lines: true } })
    expect(payments).toHaveLength(1)
    expect(payments[0]).toMatchObject({ insuredId: martinId, paidOn: '2026-11-30', kind: 'reimbursement', status: 'paid' })
    expect(payments[0]!.amount).toBe(claims.flatMap((c) => c.lines).reduce((s, l) => s + l.amoPaid, 0))
    expect(payments[0]!.lines).toHaveLength(6)

    // The 0.40 € still due at the end is kept (RULEBOOK #11 and Decisions: never lost).
    const carry = await getDb().deductionCarryOver.findMany({ where: { originLineId: second!.lines[1]!.id } })
    expect(carry).toEqual([expect.objectContaining({ insuredId: martinId, beneficiaryId: null, kind: 'franchise', amount: 40, year: 2024, settledAt: null })])

    // A rerun stores the same lines again under new references (no collision).
    const again = await run([file, '--save', '--paid-on', '2026-11-30'])
    expect(again.code).toBe(1)
    expect(await getDb().claimLine.count()).toBe(before + 12)
    expect(new Set((await getDb().claim.findMany({ where: { source: 'batch' }, select: { reference: true } })).map((c) => c.reference)).size).toBe(8)
  })

  it('RULEBOOK §4 annual cap across runs: what a person already paid in the database counts, so a later run does not exceed 50 €', async () => {
    // 2027: no stored care yet. First run: 30 GP visits (2 € each) → the participations stop at 50 €.
    const visits = Array.from({ length: 30 }, (_, i) => ({ id: `v${i}`, careDate: `2027-${String(1 + Math.floor(i / 3)).padStart(2, '0')}-0${1 + (i % 3)}`, act: 'G', birthDate: martin.birthDate, beneficiaryId: martinNir.nir, professionalId: '10003456789' }))
    const first = await run([writeLines('cap1.jsonl', visits), '--save', '--paid-on', '2027-12-01'])
    expect(first.code, first.stderr).toBe(0)
    expect(first.lines.reduce((n, l) => n + (l.participation as number), 0)).toBe(5000)
    // Second run, later: the stored 50 € count; nothing more is due this year, but 2028 starts afresh.
    const second = await run([
      writeLines('cap2.jsonl', [
        { id: 'late-2027', careDate: '2027-12-15', act: 'G', birthDate: martin.birthDate, beneficiaryId: `${martinNir.nir}${martinNir.key}` },
        { id: 'new-year', careDate: '2028-01-05', act: 'G', birthDate: martin.birthDate, beneficiaryId: `${martinNir.nir}${martinNir.key}` },
      ]),
      '--save',
      '--paid-on',
      '2028-01-10',
    ])
    expect(second.code, second.stderr).toBe(0)
    expect(second.lines.map((l) => [l.id, l.participation])).toEqual([
      ['late-2027', 0],
      ['new-year', 200],
    ])
  })

  it('a failing transaction rolls back whole: only whole batches are stored, and the output shows only them', async () => {
    const { martinId } = await ids()
    const file = writeLines(
      'rollback.jsonl',
      Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, careDate: `2025-03-${String(i + 1).padStart(2, '0')}`, act: 'G', birthDate: martin.birthDate, beneficiaryId: martinNir.nir })),
    )
    const before = await getDb().claimLine.count({ where: { claim: { insuredId: martinId } } })
    const { code, lines, stderr } = await run([file, '--save', '--batch-size', '3', '--fail-after-batches', '2'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/2 batch\(es\) with 6 line\(s\) were committed/)
    expect(lines.map((l) => l.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5'])
    const stored = await getDb().claimLine.findMany({ where: { claim: { insuredId: martinId, source: 'batch' }, careDate: { startsWith: '2025-03' } }, select: { careDate: true } })
    expect(await getDb().claimLine.count({ where: { claim: { insuredId: martinId } } })).toBe(before + 6)
    expect(stored.map((l) => l.careDate).sort()).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06'])
  })

  it('a kill -9 in the middle of a run leaves only whole batches: the stored lines are a whole number of batches, at least those printed', async () => {
    const { martinId } = await ids()
    const batchSize = 250
    const total = 60_000
    const file = writeLines(
      'kill.jsonl',
      Array.from({ length: total }, (_, i) => ({ id: `k${i}`, careDate: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}`, act: 'G', birthDate: martin.birthDate, beneficiaryId: martinNir.nir })),
    )
    // This run's claims only (received on a date no other test uses): a test that timed out may still be writing.
    const paidOn = '2025-12-29'
    const count = () => getDb().claimLine.count({ where: { claim: { insuredId: martinId, source: 'batch', receivedOn: paidOn } } })
    expect(await count()).toBe(0)
    // node itself (not npx/tsx wrappers), so that SIGKILL hits the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/liquidate.ts', file, '--save', '--paid-on', paidOn, '--batch-size', String(batchSize)], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let printed = 0
    const killed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)))
    child.stdout.on('data', (d: Buffer) => {
      for (const byte of d) if (byte === 10) printed++
      // Kill once two batches have been printed (committed), while later ones are being computed and written.
      if (printed >= 2 * batchSize && !child.killed) child.kill('SIGKILL')
    })
    expect(await killed).toBe('SIGKILL')
    const stored = await count()
    expect(stored).toBeLessThan(total)
    expect(stored % batchSize).toBe(0)
    expect(stored).toBeGreaterThanOrEqual(Math.floor(printed / batchSize) * batchSize)
    // Each stored claim is whole too: its totals are the sums of its stored lines.
    const claims = await getDb().claim.findMany({ where: { insuredId: martinId, source: 'batch', receivedOn: paidOn }, select: { totalAmoPaid: true, lines: { select: { amoPaid: true } } } })
    for (const c of claims) expect(c.totalAmoPaid).toBe(c.lines.reduce((sum, l) => sum + l.amoPaid, 0))
  }, 120_000)
})

describe('insertClaimsWithPayments (the repository the seed shares)', () => {
  it('writes claims with their lines, totals, a payment and a carried-forward row in one call, through the Prisma client', async () => {
    const db = getDb()
    const m = await db.insured.findUniqueOrThrow({ where: { nir: nirOf(insured.find((p) => p.birthName === 'Martin')!).nir }, select: { id: true } })
    const engine = createEngine(new RuleSet(bundledRuleRows), bundledActs)
    const parsed = parseLine({ careDate: '2024-06-10', act: 'PH15', feeCharged: 400, birthDate: '1985-05-17', situations: [] })
    if (!parsed.ok) throw new Error('invalid')
    const outcome = engine.simulate(parsed.line)
    if (!outcome.ok) throw new Error('refused')
    const tag = `T${Date.now().toString(36)}`
    await insertClaimsWithPayments(db, {
      payments: [{ id: `${tag}p`, reference: `${tag}-P`, insuredId: m.id, paidOn: '2024-06-20', amount: outcome.result.amoPaid, kind: 'reimbursement', status: 'paid', ibanMasked: null }],
      claims: [
        {
          id: `${tag}c`,
          reference: `${tag}-C`,
          insuredId: m.id,
          beneficiaryId: null,
          professionalId: null,
          source: 'fse',
          careDate: '2024-06-10',
          receivedOn: '2024-06-11',
          status: 'paid',
          tiersPayant: true,
          lines: [{ id: `${tag}l`, lineNo: 1, input: parsed.line, result: outcome.result, label: 'Boîte de médicaments', careType: 'medicine-15', paymentId: `${tag}p`, paidOn: '2024-06-20' }],
        },
      ],
      carryOvers: [{ id: `${tag}k`, insuredId: m.id, beneficiaryId: null, kind: 'franchise', amount: 40, year: 2024, originLineId: `${tag}l` }],
    })
    const claim = await db.claim.findUniqueOrThrow({ where: { id: `${tag}c` }, include: { lines: { include: { payment: true } } } })
    expect(claim).toMatchObject({ tiersPayant: true, totalCharged: 400, totalAmoPaid: outcome.result.amoPaid, totalComplementary: outcome.result.complementary, totalPatient: outcome.result.patient })
    expect(claim.createdAt).toBeInstanceOf(Date)
    expect(claim.lines[0]).toMatchObject({ label: 'Boîte de médicaments', franchise: outcome.result.franchise, situations: '', payment: { reference: `${tag}-P` } })
    expect(await db.deductionCarryOver.count({ where: { originLineId: `${tag}l` } })).toBe(1)
  })
})
