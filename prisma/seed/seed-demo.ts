import type { Db } from '../../lib/db/client'
import { buildNir } from '../../lib/domain/nir'
import { nirOf } from './demo-nir'
import { parisToday as parisDay } from '../../lib/domain/paris-today'
import { buildFrenchIban, maskIban } from '../../lib/domain/iban'
import { computeDailyAmount, leaveSchedule } from '../../lib/domain/daily-allowances/compute'
import { calendarDate, compareDates } from '../../lib/domain/dates'
import { RuleSet } from '../../lib/domain/rules/rule-set'
import { insertRuleRows } from '../../lib/db/repositories/rules'
import { bundledRuleRows } from '../rules'
import { seedHistory } from './seed-history'
import { seedAgenda } from './seed-agenda'
import { seedApps } from './seed-apps'
import { seedBackOffice } from './seed-backoffice'
import { seedAffiliation } from './seed-affiliation'
import { seedQueue } from './seed-queue'
import { hashRecoveryCode } from '../../lib/auth/totp'
import { DEMO_INSURED_PASSWORD, DEMO_RECOVERY_CODES, DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET, WEEKDAYS_0830_1730, insured, officeHours, organisations, professionals, staff } from './demo-data'
import { allCaisses } from './cpam-list'

export { nirOf }


export type THasher = (password: string) => Promise<string>

/** Tables in an order that respects foreign keys when deleting (children first). */
const TABLES_CHILD_FIRST = [
  'outboxMessage',
  'auditEvent',
  'message',
  'messageThread',
  'appointment',
  'appointmentSlot',
  'procedureEvent',
  'upload',
  'procedure',
  'cardOrderEvent',
  'cardOrder',
  'card',
  'issuedDocument',
  'dailyAllowance',
  'sickLeave',
  'deductionCarryOver',
  'claimLine',
  'claim',
  'payment',
  'ruleParameter',
  'coveragePeriod',
  'beneficiaryLink',
  'beneficiary',
  'savedQueueFilter',
  'authSession',
  'recoveryCode',
  'passwordResetCode',
  'user',
  'insured',
  'healthProfessional',
  'closedDay',
  'openingHour',
  'receptionPoint',
  'organisation',
] as const

export async function clearAll(db: Db): Promise<void> {
  for (const table of TABLES_CHILD_FIRST) {
    await (db[table] as unknown as { deleteMany: (args?: object) => Promise<unknown> }).deleteMany({})
  }
}

function serial(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(10, '0')}`
}

/**
 * Writes the demo world (organisations, offices, professionals, insured persons and their families, accounts, staff).
 * Deterministic: the same data on every run, so the README's accounts and the tests can rely on it.
 */
/** Today in Europe/Paris, "YYYY-MM-DD" (the demo history ends the day before). */
export function parisToday(): string {
  return parisDay(new Date())
}

export async function seedDemo(db: Db, hash: THasher, options: { today?: string } = {}): Promise<{ insured: number; users: number; rules: number; claims: number; lines: number; payments: number }> {
  const today = options.today ?? parisToday()
  const [insuredHash, staffHash] = await Promise.all([hash(DEMO_INSURED_PASSWORD), hash(DEMO_STAFF_PASSWORD)])
  const orgIds = new Map<string, string>()
  const pointIds = new Map<string, string>()
  const proIds = new Map<string, string>()
  let users = 0

  await db.$transaction(async (tx) => {
    for (const o of organisations) {
      const org = await tx.organisation.create({
        data: {
          code: o.code,
          kind: o.kind,
          name: o.name,
          regimeCode: o.regimeCode,
          department: o.department,
          addressLine1: o.addressLine1,
          addressLine2: o.addressLine2 ?? null,
          postalCode: o.postalCode,
          city: o.city,
          phone: o.phone,
          englishPhone: o.englishPhone ?? null,
          email: o.email ?? null,
          openingHours: JSON.stringify(o.hours),
        },
        select: { id: true },
      })
      orgIds.set(o.key, org.id)
      for (const p of o.receptionPoints) {
        const point = await tx.receptionPoint.create({
          data: {
            organisationId: org.id,
            name: p.name,
            addressLine1: p.addressLine1,
            postalCode: p.postalCode,
            city: p.city,
            phone: p.phone ?? o.phone,
            byAppointment: p.byAppointment ?? true,
            openingHours: { create: (p.hours ?? officeHours).map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes })) },
            closedDays: { create: [{ date: '2026-12-25', reason: 'Noël' }, { date: '2027-01-01', reason: "Jour de l'an" }, { date: '2026-12-24', reason: 'Fermeture exceptionnelle (veille de Noël)' }] },
          },
          select: { id: true },
        })
        pointIds.set(p.key, point.id)
      }
    }

    // Every other caisse of France (no reception point, no staff): a move there moves the file there.
    const demoCpamDepartments = new Set(organisations.filter((o) => o.kind === 'cpam').map((o) => o.department))
    await tx.organisation.createMany({
      data: allCaisses(demoCpamDepartments).map((c) => ({
        code: c.code, kind: c.kind, name: c.name, regimeCode: '01', department: c.department, addressLine1: 'Service des assurés', postalCode: c.postalCode, city: c.city,
        phone: '3646', englishPhone: '+33 9 74 75 36 46', openingHours: JSON.stringify(WEEKDAYS_0830_1730),
      })),
    })

    for (const p of professionals) {
      const pro = await tx.healthProfessional.create({
        data: {
          rpps: p.rpps,
          kind: p.kind ?? 'person',
          title: p.title ?? null,
          firstName: p.firstName ?? null,
          lastName: p.lastName,
          specialty: p.specialty,
          sector: p.sector,
          addressLine1: p.addressLine1 ?? null,
          postalCode: p.postalCode,
          city: p.city,
        },
        select: { id: true },
      })
      proIds.set(p.key, pro.id)
    }

    let cardNo = 1
    for (const p of insured) {
      const { nir, key, kind } = nirOf(p)
      const organisationId = orgIds.get(p.organisation)
      if (!organisationId) throw new Error(`seed: unknown organisation ${p.organisation}`)
      const iban = p.bank ? buildFrenchIban(p.bank.bank, p.bank.branch, p.bank.account) : null
      const row = await tx.insured.create({
        data: {
          nir,
          nirKey: key,
          nirKind: kind,
          sex: p.sex,
          birthName: p.birthName,
          usualName: p.usualName ?? null,
          firstNames: p.firstNames,
          birthDate: p.birthDate,
          birthPlace: p.birthPlace,
          birthCountry: p.birthCountry,
          nationality: p.nationality,
          addressLine1: p.addressLine1,
          postalCode: p.postalCode,
          city: p.city,
          email: p.email ?? null,
          phone: p.phone ?? null,
          preferredLocale: p.preferredLocale,
          iban,
          bic: p.bank?.bic ?? null,
          bankHolder: p.bank ? `${p.firstNames.split(' ')[0]} ${p.usualName ?? p.birthName}`.toUpperCase() : null,
          regime: p.regime,
          managementCode: p.managementCode,
          organisationId,
          affiliationStatus: p.affiliationStatus,
          rightsFrom: p.rightsFrom,
          rightsTo: p.rightsTo ?? null,
          amcCode: p.mutuelle?.amcCode ?? null,
          mutuelleName: p.mutuelle?.name ?? null,
          complementaryKind: p.mutuelle?.kind ?? 'none',
          mutuelleOverrunPercent: p.mutuelle?.overrunPercent ?? null,
          doctorId: p.doctor ? (proIds.get(p.doctor.key) ?? null) : null,
          doctorDeclaredOn: p.doctor?.declaredOn ?? null,
          employerName: p.employerName ?? null,
        },
        select: { id: true },
      })

      for (const c of p.coverages ?? []) {
        await tx.coveragePeriod.create({
          data: { insuredId: row.id, kind: c.kind, from: c.from, to: c.to ?? null, label: c.label ?? null, monthlyParticipation: c.monthlyParticipation ?? null },
        })
      }

      for (const b of p.beneficiaries ?? []) {
        const [by, bm] = b.birthDate.split('-').map(Number) as [number, number]
        const own = b.ownNir ? buildNir({ sex: b.sex, birthYear: by, birthMonth: bm, department: b.ownNir.department, commune: b.ownNir.commune, order: b.ownNir.order }) : null
        await tx.beneficiary.create({
          data: {
            firstNames: b.firstNames,
            lastName: b.lastName,
            birthDate: b.birthDate,
            sex: b.sex,
            ownNir: own?.nir ?? null,
            ownNirKey: own?.key ?? null,
            links: { create: { insuredId: row.id, rank: b.rank, relationship: 'child', from: b.birthDate } },
          },
        })
      }

      if (p.vitale) {
        await tx.card.create({ data: { kind: 'vitale', insuredId: row.id, serialNumber: serial('V', cardNo++), issuedOn: p.vitale.issuedOn, status: 'active' } })
      }

      const rules = new RuleSet(bundledRuleRows)
      for (const l of p.sickLeaves ?? []) {
        // Daily amount with the cap in force at the leave's start (RULEBOOK §6); periods paid by the seed date.
        const amount = computeDailyAmount(l.salaries, calendarDate(l.startDate), rules)
        if (!amount.ok) throw new Error(`seed: sick leave ${l.reference}: ${amount.error}`)
        const schedule = leaveSchedule({ startDate: calendarDate(l.startDate), endDate: calendarDate(l.endDate), waitingDays: 3, dailyGross: amount.value.dailyGross }, rules)
        if (!schedule.ok) throw new Error(`seed: sick leave ${l.reference}: ${schedule.error}`)
        const due = schedule.value.periods.filter((x) => compareDates(x.payOn, calendarDate(today)) <= 0)
        const leave = await tx.sickLeave.create({
          data: {
            reference: l.reference, insuredId: row.id, kind: 'illness', startDate: l.startDate, endDate: l.endDate, employerName: p.employerName ?? null,
            salary1: l.salaries[0], salary2: l.salaries[1], salary3: l.salaries[2], waitingDays: 3, dailyGross: amount.value.dailyGross,
            status: due.length === schedule.value.periods.length ? 'closed' : 'in-payment',
          },
          select: { id: true },
        })
        for (const x of due) {
          const payment = await tx.payment.create({ data: { reference: `IJ-${l.reference.slice(3)}-${x.fromDate.replace(/-/g, '')}`, insuredId: row.id, paidOn: x.payOn, amount: x.net, kind: 'daily-allowance', ibanMasked: iban ? maskIban(iban) : null }, select: { id: true } })
          await tx.dailyAllowance.create({ data: { sickLeaveId: leave.id, fromDate: x.fromDate, toDate: x.toDate, days: x.days, dailyGross: x.dailyGross, gross: x.gross, csg: x.csg, crds: x.crds, net: x.net, taxable: x.taxable, paymentId: payment.id, paidOn: x.payOn } })
        }
      }

      if (p.vitaleOrder) {
        const o = p.vitaleOrder
        const steps = ['requested', 'photo-checked', 'in-production', 'sent'].slice(0, ['requested', 'photo-checked', 'in-production', 'sent'].indexOf(o.status) + 1)
        await tx.cardOrder.create({
          data: {
            reference: o.reference, kind: 'vitale', insuredId: row.id, status: o.status, estimatedDelivery: o.estimatedDelivery,
            shippingAddress: JSON.stringify({ addressLine1: p.addressLine1, addressLine2: null, postalCode: p.postalCode, city: p.city, country: 'FR' }),
            inProgressKey: `vitale:insured:${row.id}`, requestedAt: new Date(`${o.requestedOn}T09:00:00Z`),
            events: { create: steps.map((status, i) => ({ status, at: new Date(Date.parse(`${o.requestedOn}T09:00:00Z`) + i * 2 * 86_400_000) })) },
          },
        })
      }

      if (p.account) {
        await tx.user.create({
          data: {
            role: 'insured',
            insuredId: row.id,
            displayName: `${p.firstNames.split(' ')[0]} ${p.usualName ?? p.birthName}`,
            passwordHash: insuredHash,
            // Locked by his caisse (wrong passwords only ever lock for a while, ADR 0004).
            ...(p.account.locked ? { lockedAt: new Date('2026-11-20T09:12:00Z'), lockedReason: 'advisor' } : {}),
          },
        })
        users++
      }

      // Affiliation requests (the in-progress person's included): seed-affiliation.ts, once the advisors exist.
    }

    for (const s of staff) {
      await tx.user.create({
        data: {
          role: s.role,
          email: s.email,
          displayName: s.displayName,
          passwordHash: staffHash,
          organisationId: orgIds.get(s.organisation) ?? null,
          receptionPointId: s.receptionPoint ? (pointIds.get(s.receptionPoint) ?? null) : null,
          // Two-factor sign-in on, with the documented demo secret and recovery codes (README).
          totpSecret: DEMO_STAFF_TOTP_SECRET,
          totpEnabledAt: new Date('2026-01-05T08:00:00Z'),
          recoveryCodes: { create: DEMO_RECOVERY_CODES.map((c) => ({ codeHash: hashRecoveryCode(c) })) },
        },
      })
      users++
    }
  }, { timeout: 120_000, maxWait: 30_000 }) // not Prisma's 5 s default: on a loaded machine the transaction expired half-way and its last writes failed (a foreign key on PostgreSQL)

  // The dated rules (prisma/rules) into the RuleParameter table, then 27+ months of care computed from them.
  const rules = await insertRuleRows(db, bundledRuleRows)
  const history = await seedHistory(db, today)
  await seedAgenda(db, today)
  await seedBackOffice(db, today)
  await seedAffiliation(db, today)
  await seedApps(db)
  await seedQueue(db, today)
  return { insured: insured.length, users, rules, ...history }
}
