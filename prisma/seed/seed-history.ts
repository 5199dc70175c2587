/**
 * The demo history: 27+ months of realistic care for every demo insured person and beneficiary (GP,
 * specialists, dentist, physiotherapy, nurse, pharmacy, lab, teleconsultations, one hospital stay),
 * every amount computed by the reimbursement engine from the dated rules, and payments grouped as a
 * caisse does: one transfer per insured person on each payment run (Tuesdays and Fridays), about 4–6
 * days after an electronic claim (feuille de soins électronique) and 2–4 weeks after a paper one.
 *
 * Deterministic for a given `today`: the same persons get the same care on every run.
 */
import type { Db } from '../../lib/db/client'
import { insertClaimsWithPayments, type NewCarryOver, type NewClaim, type NewClaimLine, type NewPayment } from '../../lib/db/repositories/claims'
import { addDays, addMonths, parseCalendarDate, type CalendarDate } from '../../lib/domain/dates'
import { maskIban } from '../../lib/domain/iban'
import { createEngine, DeductionLedger } from '../../lib/domain/reimbursement/engine'
import type { ClaimLineInput, Complementary, Regime, Situation } from '../../lib/domain/reimbursement/types'
import { RuleSet } from '../../lib/domain/rules/rule-set'
import { bundledActs, bundledRuleRows } from '../rules'
import { insured as demoInsured, professionals, type TDemoInsured } from './demo-data'
import { nirOf } from './demo-nir'

const HISTORY_MONTHS = 28

/** A deterministic PRNG (mulberry32) seeded from a person's key. */
function prng(key: string): () => number {
  let seed = 0
  for (const ch of key) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = seed
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Person {
  key: string
  insured: TDemoInsured
  insuredId: string
  beneficiaryId: string | null
  birthDate: string
  /** Care in the person's history (beneficiaries: children). */
  child: boolean
}

interface Visit {
  date: CalendarDate
  professional: string
  act: string
  feeCharged?: number
  quantity?: number
  situations?: Situation[]
  pathway?: ClaimLineInput['pathway']
  paper?: boolean
}

const weekday = (d: CalendarDate): number => new Date(`${d}T00:00:00Z`).getUTCDay()

/** The caisse's next payment run (Tuesday or Friday) on or after `d`. */
function nextPaymentRun(d: CalendarDate): CalendarDate {
  let day = d
  while (weekday(day) !== 2 && weekday(day) !== 5) day = addDays(day, 1)
  return day
}

/** Moves a Sunday visit to Monday (practices are closed). */
function workday(d: CalendarDate): CalendarDate {
  return weekday(d) === 0 ? addDays(d, 1) : d
}

function complementaryOf(p: TDemoInsured): Complementary {
  if (!p.mutuelle) return 'none'
  return p.mutuelle.kind === 'overrun' ? { overrunCoverPercent: p.mutuelle.overrunPercent ?? 100 } : 'ticket-moderateur'
}

/** The care a person receives between `from` and `to` (inclusive), by persona. */
function careOf(person: Person, from: CalendarDate, to: CalendarDate): Visit[] {
  const rnd = prng(`${person.key}:${from}`)
  const visits: Visit[] = []
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const p = person.insured
  const gp = p.doctor?.key ?? (p.organisation === 'paris' ? 'gp-paris' : p.organisation === 'rhone' ? 'gp-lyon' : p.organisation === 'bas-rhin' ? 'gp-strasbourg' : 'gp-dijon')
  const city = p.organisation === 'paris' ? 'paris' : p.organisation === 'rhone' ? 'lyon' : p.organisation === 'bas-rhin' ? 'strasbourg' : 'dijon'
  const pharmacy = `pharmacy-${city}`
  const lab = `lab-${city}`
  const within = (d: CalendarDate) => d >= from && d <= to

  // A GP visit every 5–10 weeks (children: every 4–8 weeks), often followed by the pharmacy and sometimes the lab.
  let d = addDays(from, Math.floor(rnd() * 30))
  while (within(d)) {
    const date = workday(d)
    const tele = !person.child && rnd() < 0.15
    if (person.child && person.key.endsWith('hugo') && rnd() < 0.5) {
      visits.push({ date, professional: 'pediatrician-paris', act: 'CS', feeCharged: 4500 })
    } else {
      visits.push({ date, professional: gp, act: tele ? 'TCG' : 'G' })
    }
    if (rnd() < 0.7) {
      const boxes = 1 + Math.floor(rnd() * 3)
      for (let i = 0; i < boxes; i++) {
        const [act, price] = pick([['PH65', 412], ['PH65', 758], ['PH65', 1235], ['PH30', 389], ['PH15', 296], ['PH65', 2190]] as const)
        visits.push({ date, professional: pharmacy, act, feeCharged: price })
      }
    }
    if (!person.child && rnd() < 0.2) visits.push({ date: workday(addDays(date, 3)), professional: lab, act: 'BIO', feeCharged: pick([1890, 2430, 3510]) })
    d = addDays(d, (person.child ? 28 : 35) + Math.floor(rnd() * (person.child ? 28 : 35)))
  }

  // The dentist once or twice a year.
  for (let m = 3 + Math.floor(rnd() * 4); ; m += 6 + Math.floor(rnd() * 6)) {
    const date = workday(addDays(from, m * 30))
    if (!within(date)) break
    visits.push({ date, professional: `dentist-${city}`, act: 'DC' })
  }

  switch (person.key) {
    case 'jonathan': {
      // Back pain in spring 2025: a specialist (sector 2 OPTAM, 60 €) then 8 physiotherapy sessions.
      visits.push({ date: '2025-03-11' as CalendarDate, professional: 'rhumato-paris', act: 'CS', feeCharged: 6000 })
      for (let i = 0; i < 8; i++) visits.push({ date: workday(addDays('2025-03-17' as CalendarDate, i * 3)), professional: 'kine-paris', act: 'KINE' })
      // Recent care, so the account shows a payment of the last days and one still being processed.
      const recent = workday(addDays(to, -7))
      visits.push({ date: recent, professional: gp, act: 'G' }, { date: recent, professional: pharmacy, act: 'PH65', feeCharged: 758 })
      visits.push({ date: workday(addDays(to, -1)), professional: 'dentist-paris', act: 'DC' })
      break
    }
    case 'bernard': {
      // ALD 8 (type 2 diabetes): endocrinologist every 6 months (sector 2, 60 €), nurse, lab and treatment — all at 100 %.
      for (let date = addDays(from, 20); within(date); date = addDays(date, 182)) {
        visits.push({ date: workday(date), professional: 'endocrino-dijon', act: 'CS', feeCharged: 6000, situations: ['ald'] })
        visits.push({ date: workday(addDays(date, -7)), professional: lab, act: 'BIO', feeCharged: 3510, situations: ['ald'] })
      }
      for (let date = addDays(from, 5); within(date); date = addDays(date, 30)) {
        visits.push({ date: workday(date), professional: pharmacy, act: 'PH65', feeCharged: 2190, situations: ['ald'] })
        visits.push({ date: workday(date), professional: pharmacy, act: 'PH100', feeCharged: 4485, situations: ['ald'] })
      }
      // A planned surgical stay (not related to the ALD): 3 days with an act ≥ 120 €.
      const stay = '2026-05-04' as CalendarDate
      if (within(stay)) {
        visits.push({ date: stay, professional: 'hospital-dijon', act: 'HOSP', feeCharged: 400000, paper: true })
        visits.push({ date: stay, professional: 'hospital-dijon', act: 'FJH', quantity: 3, paper: true })
      }
      break
    }
    case 'claire': {
      // Alsace-Moselle: a nurse for a week after a sprain.
      for (let i = 0; i < 5; i++) visits.push({ date: workday(addDays('2025-11-03' as CalendarDate, i)), professional: 'nurse-strasbourg', act: 'AMI1', quantity: 2 })
      break
    }
    case 'mei': {
      // A student in Lyon: psychiatrist (direct access under 26), before her médecin traitant was declared.
      for (const date of ['2025-02-12', '2025-03-12', '2025-04-16', '2025-10-08'] as CalendarDate[]) visits.push({ date, professional: 'psychiatrist-lyon', act: 'CNPSY' })
      break
    }
    case 'sophie': {
      // Pregnancy follow-up with the gynaecologist (direct access); from the 6th month, maternity cover.
      for (let date = '2026-06-09' as CalendarDate; within(date); date = addDays(date, 30)) {
        visits.push({ date: workday(date), professional: 'gyneco-paris', act: 'CS', feeCharged: 5000, pathway: 'direct-access' })
        visits.push({ date: workday(addDays(date, 2)), professional: lab, act: 'BIO', feeCharged: 2430 })
      }
      break
    }
    case 'lea': {
      visits.push({ date: '2025-06-23' as CalendarDate, professional: pharmacy, act: 'PH65', feeCharged: 1598 })
      break
    }
  }
  return visits.filter((v) => within(v.date)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/** Situations that apply to a person on a date (coverage periods), merged with the visit's own. */
function situationsOn(p: TDemoInsured, person: Person, v: Visit): Situation[] {
  const out = new Set<Situation>(v.situations ?? [])
  for (const c of p.coverages ?? []) {
    if (person.beneficiaryId) continue
    if (v.date < c.from || (c.to && v.date > c.to)) continue
    if (c.kind === 'css' || c.kind === 'maternity' || c.kind === 'ame' || c.kind === 'invalidity') out.add(c.kind)
  }
  return [...out]
}

export async function seedHistory(db: Db, today: string): Promise<{ claims: number; lines: number; payments: number }> {
  const end = parseCalendarDate(today)
  if (!end) throw new Error(`seed history: bad date ${today}`)
  const engine = createEngine(new RuleSet(bundledRuleRows), bundledActs)
  const startMonth = `${addMonths(end, -HISTORY_MONTHS).slice(0, 7)}-01` as CalendarDate
  const lastCare = addDays(end, -1)

  const rows = await db.insured.findMany({
    select: { id: true, nir: true, iban: true, beneficiaries: { select: { beneficiary: { select: { id: true, firstNames: true, birthDate: true } } } } },
  })
  const proRows = await db.healthProfessional.findMany({ select: { id: true, rpps: true } })
  const proId = new Map(proRows.map((r) => [r.rpps, r.id]))
  const proKey = new Map(professionals.map((p) => [p.key, proId.get(p.rpps)!]))

  const claims: NewClaim[] = []
  const payments: NewPayment[] = []
  const carryOvers: NewCarryOver[] = []
  let claimNo = 0
  let paymentNo = 0
  let lineCount = 0

  for (const p of demoInsured) {
    const { nir } = nirOf(p)
    const row = rows.find((r) => r.nir === nir)
    if (!row) continue
    const persons: Person[] = [{ key: p.key, insured: p, insuredId: row.id, beneficiaryId: null, birthDate: p.birthDate, child: false }]
    for (const b of p.beneficiaries ?? []) {
      const link = row.beneficiaries.find((l) => l.beneficiary.firstNames === b.firstNames && l.beneficiary.birthDate === b.birthDate)
      if (link) persons.push({ key: b.key, insured: p, insuredId: row.id, beneficiaryId: link.beneficiary.id, birthDate: b.birthDate, child: true })
    }
    const rightsFrom = (p.rightsFrom > startMonth ? p.rightsFrom : startMonth) as CalendarDate

    // Every line of the household, in date order, as one batch: caps and carried-forward deductions accumulate per person.
    type Pending = { person: Person; visit: Visit; line: ClaimLineInput }
    const pending: Pending[] = []
    for (const person of persons) {
      for (const visit of careOf(person, rightsFrom, lastCare)) {
        const hasDoctor = p.doctor && visit.date >= p.doctor.declaredOn
        const pathway = visit.pathway ?? (person.child || hasDoctor || visit.act !== 'G' ? 'coordinated' : 'out-of-pathway')
        const line: ClaimLineInput = {
          careDate: visit.date,
          act: visit.act,
          quantity: visit.quantity ?? 1,
          sector: (professionals.find((x) => x.key === visit.professional)?.sector ?? '1') as ClaimLineInput['sector'],
          regime: p.regime as Regime,
          birthDate: person.birthDate,
          pathway: visit.act === 'TCG' && !hasDoctor && !person.child ? 'out-of-pathway' : pathway,
          situations: situationsOn(p, person, visit),
          complementary: complementaryOf(p),
          beneficiaryId: person.beneficiaryId ?? person.insuredId,
          professionalId: visit.professional,
        }
        if (visit.feeCharged !== undefined) line.feeCharged = visit.feeCharged
        pending.push({ person, visit, line })
      }
    }
    pending.sort((a, b) => (a.line.careDate < b.line.careDate ? -1 : a.line.careDate > b.line.careDate ? 1 : 0))
    const ledger = new DeductionLedger()
    const outcomes = engine.simulateBatch(
      pending.map((x) => x.line),
      ledger,
    )

    // Claims: one per person, professional and day; received the same day (electronic) or 1–2 weeks later (paper).
    const byClaim = new Map<string, NewClaim>()
    const lastCarried = new Map<string, string>()
    const paymentsOfInsured = new Map<string, NewPayment>()
    const ibanMasked = row.iban ? maskIban(row.iban) : null
    outcomes.forEach((outcome, i) => {
      if (!outcome.ok) throw new Error(`seed history: ${p.key} ${JSON.stringify(pending[i]!.line)} ${JSON.stringify(outcome.errors)}`)
      const { person, visit, line } = pending[i]!
      const claimKey = `${person.key}|${visit.professional}|${visit.date}`
      let claim = byClaim.get(claimKey)
      if (!claim) {
        claimNo++
        const receivedOn = visit.paper ? addDays(visit.date, 9) : visit.date
        claim = {
          id: `seed-claim-${claimNo}`,
          reference: `FS${visit.date.replace(/-/g, '')}${String(claimNo).padStart(6, '0')}`,
          insuredId: person.insuredId,
          beneficiaryId: person.beneficiaryId,
          professionalId: proKey.get(visit.professional) ?? null,
          source: visit.paper ? 'paper' : 'fse',
          careDate: visit.date,
          receivedOn,
          status: 'paid',
          tiersPayant: visit.act.startsWith('PH') || visit.act === 'BIO' || visit.act === 'HOSP' || visit.act === 'FJH' || line.situations.includes('css'),
          lines: [],
        }
        byClaim.set(claimKey, claim)
        claims.push(claim)
      }
      const result = outcome.result
      // Processing: 4 days after an electronic claim, 14 after a paper one, then the next payment run.
      const processed = addDays(claim.receivedOn as CalendarDate, visit.paper ? 14 : 4)
      const paidOn = nextPaymentRun(processed)
      const paid = paidOn <= end
      let paymentId: string | null = null
      if (paid && result.amoPaid > 0 && ibanMasked) {
        const key = paidOn
        let payment = paymentsOfInsured.get(key)
        if (!payment) {
          paymentNo++
          payment = { id: `seed-payment-${paymentNo}`, reference: `VIR${paidOn.replace(/-/g, '')}${String(paymentNo).padStart(6, '0')}`, insuredId: person.insuredId, paidOn, amount: 0, kind: 'reimbursement', status: 'paid', ibanMasked }
          paymentsOfInsured.set(key, payment)
          payments.push(payment)
        }
        payment.amount += result.amoPaid
        paymentId = payment.id
      }
      const lineId = `${claim.id}-${claim.lines.length + 1}`
      const newLine: NewClaimLine = {
        id: lineId,
        lineNo: claim.lines.length + 1,
        input: line,
        result,
        careType: engine.acts.get(line.act)!.careType,
        paymentId,
        paidOn: paid && ibanMasked ? paidOn : null,
      }
      claim.lines.push(newLine)
      if (!paid) claim.status = 'processing'
      else if (!ibanMasked) claim.status = 'awaiting-bank-details'
      if (result.carriedForward > 0) lastCarried.set(line.beneficiaryId!, lineId)
      lineCount++
    })
    for (const due of ledger.pending()) {
      const origin = lastCarried.get(due.beneficiary)
      if (!origin) continue
      const isInsured = due.beneficiary === row.id
      const year = Number(end.slice(0, 4))
      if (due.participation > 0) carryOvers.push({ id: `seed-carry-${carryOvers.length + 1}`, insuredId: row.id, beneficiaryId: isInsured ? null : due.beneficiary, kind: 'participation', amount: due.participation, year, originLineId: origin })
      if (due.franchises > 0) carryOvers.push({ id: `seed-carry-${carryOvers.length + 1}`, insuredId: row.id, beneficiaryId: isInsured ? null : due.beneficiary, kind: 'franchise', amount: due.franchises, year, originLineId: origin })
    }
  }

  await db.$transaction(async (tx) => {
    await insertClaimsWithPayments(tx, { claims, payments, carryOvers })
  })
  return { claims: claims.length, lines: lineCount, payments: payments.length }
}
