import { beforeEach, describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/lib/db/client'
import { findSessionUser } from '@/lib/db/repositories/users'
import { verifyPassword } from '@/lib/auth/password'
import { buildNir, buildTemporaryNir } from '@/lib/domain/nir'
import type { CalendarDate } from '@/lib/domain/dates'
import { authenticate } from '@/lib/services/auth/authenticate'
import { createLoginLimiter } from '@/lib/services/auth/login-rate-limit'
import { createDbSignInThrottle, DEFAULT_THROTTLE_POLICY } from '@/lib/services/auth/sign-in-throttle'
import { ACCESS_CODE_MAX_ATTEMPTS, ACCESS_CODE_MINUTES } from '@/lib/services/auth/access-code'
import { ACTIVATION_SMS_TEMPLATE, requestAccountActivation } from '@/lib/services/auth/request-account-activation'
import { setFirstPassword } from '@/lib/services/auth/set-first-password'
import { sendAccessCode } from '@/lib/services/back-office/send-access-code'
import { getInsuredHome } from '@/lib/services/home/get-insured-home'
import { getRuleSet } from '@/lib/services/simulation/rule-engine'
import { DEMO_INSURED_PASSWORD, insured as demoInsured } from '@/prisma/seed/demo-data'
import { nirOf } from '@/prisma/seed/seed-demo'
import { codeOf, ctx, NOW, staffActor } from '../support/procedures'

/**
 * Account activation and the first carte Vitale (issue 7, seed 003): with a permanent number the person asks for an
 * ameli account and gets a 4-digit "code provisoire" by SMS; with a temporary number the site says "Votre situation
 * actuelle ne vous permet pas de créer immédiatement votre compte ameli"; the first sign-in with NIR + code asks for a
 * new password; then the insured space invites them to order their first carte Vitale.
 */

const PARIS = 'camille.roux@cpam-paris.example.fr'
const RHONE = 'julie.fontaine@cpam-rhone.example.fr'
const generous = () => createLoginLimiter({ ipPoints: 1000, accountPoints: 1000, durationSeconds: 900 })
let limiter = generous()
beforeEach(() => {
  limiter = generous()
})

let order = 700
type TFixture = { id: string; nir15: string; birthDate: string; postalCode: string; phone: string | null }

/** An insured person registered by an advisor, with no account: a permanent (1/2) or temporary (7/8) number. */
async function newcomer(kind: 'permanent' | 'temporary', options: { phone?: string | null; locale?: 'fr' | 'en' } = {}): Promise<TFixture> {
  const parts = { birthYear: 1991, birthMonth: 3, department: '99', commune: '404', order: order++ }
  const { nir, key } = kind === 'permanent' ? buildNir({ ...parts, sex: 2 }) : buildTemporaryNir({ ...parts, prefix: 8 })
  const org = await getDb().organisation.findFirstOrThrow({ where: { users: { some: { email: PARIS } } }, select: { id: true } })
  const phone = options.phone === undefined ? '07 11 22 33 44' : options.phone
  const row = await getDb().insured.create({
    data: {
      nir, nirKey: key, nirKind: kind, sex: 2, birthName: 'Walker', firstNames: 'Ava Grace', birthDate: '1991-03-08', birthPlace: 'Boston', birthCountry: 'US', nationality: 'US',
      addressLine1: '3 rue Oberkampf', postalCode: '75011', city: 'Paris', email: 'ava.walker@example.com', phone, preferredLocale: options.locale ?? 'en', regime: 'general',
      organisationId: org.id, affiliationStatus: kind === 'permanent' ? 'active' : 'in-progress', rightsFrom: '2026-09-01',
    },
    select: { id: true },
  })
  return { id: row.id, nir15: `${nir}${key}`, birthDate: '1991-03-08', postalCode: '75011', phone }
}

const ask = (p: Pick<TFixture, 'nir15' | 'birthDate' | 'postalCode'>, extra: Partial<{ ip: string; now: Date }> = {}) =>
  requestAccountActivation({ input: { nir: p.nir15, birthDate: p.birthDate, postalCode: p.postalCode }, ip: '198.51.100.4', userAgent: 'vitest', now: NOW, limiter, ...extra })

/** Sign-in with high limits (the sign-in throttle has its own tests in authenticate.test.ts). */
const signInLimiter = createDbSignInThrottle({ policy: { ...DEFAULT_THROTTLE_POLICY, addressFailures: 1000, lockAfterFailures: 1000, delaysSeconds: [0] } })
const signIn = (nir: string, password: string, now = NOW) => authenticate({ kind: 'insured', credentials: { nir, password }, ip: '198.51.100.4', userAgent: 'vitest', now, limiter: signInLimiter })

async function smsCodes(insuredId: string): Promise<string[]> {
  const rows = await getDb().outboxMessage.findMany({ where: { insuredId, channel: 'sms' }, orderBy: { createdAt: 'asc' } })
  return rows.map((r) => /\b(\d{4})\b/.exec(r.body)?.[1] ?? '')
}

async function lastAudit(action: string) {
  const e = await getDb().auditEvent.findFirstOrThrow({ where: { action }, orderBy: { at: 'desc' } })
  return { ...e, details: JSON.parse(e.details) as Record<string, unknown> }
}

const demoNir15 = (key: string) => {
  const n = nirOf(demoInsured.find((p) => p.key === key)!)
  return `${n.nir}${n.key}`
}

async function actorOf(insuredId: string) {
  const u = await getDb().user.findFirstOrThrow({ where: { insuredId }, select: { id: true } })
  return { id: u.id, role: 'insured' as const, insuredId, organisationId: null }
}

describe('request an account (seed 003: "Votre situation actuelle ne vous permet pas de créer immédiatement votre compte ameli")', () => {
  it('a temporary number (7/8) is refused with the seed’s message (422), before any file is looked up; audited', async () => {
    const emily = await newcomer('temporary')
    expect(await codeOf(ask(emily))).toBe('422 activation.errors.temporaryNumber')
    expect(await getDb().user.count({ where: { insuredId: emily.id } })).toBe(0)
    expect(await getDb().outboxMessage.count({ where: { insuredId: emily.id } })).toBe(0)
    expect((await lastAudit('account.activation.request')).details.outcome).toBe('temporary-number')
  })

  it('an unknown NIR, a wrong birth date or postal code, and an account already activated get the same answer and no SMS', async () => {
    const ava = await newcomer('permanent')
    const unknown = buildNir({ sex: 1, birthYear: 1970, birthMonth: 1, department: '75', commune: '101', order: 999 })
    const smsBefore = await getDb().outboxMessage.count({ where: { channel: 'sms' } })
    expect(await ask({ nir15: `${unknown.nir}${unknown.key}`, birthDate: '1970-01-01', postalCode: '75001' })).toEqual({ sent: true })
    expect((await lastAudit('account.activation.request')).details.outcome).toBe('unknown-nir')
    expect(await ask({ ...ava, birthDate: '1991-03-09' })).toEqual({ sent: true })
    expect((await lastAudit('account.activation.request')).details.outcome).toBe('identity-mismatch')
    expect(await ask({ ...ava, postalCode: '75012' })).toEqual({ sent: true })
    expect((await lastAudit('account.activation.request')).details.outcome).toBe('identity-mismatch')
    const jonathan = demoInsured.find((p) => p.key === 'jonathan')!
    expect(await ask({ nir15: demoNir15('jonathan'), birthDate: jonathan.birthDate, postalCode: jonathan.postalCode })).toEqual({ sent: true })
    expect((await lastAudit('account.activation.request')).details.outcome).toBe('already-activated')
    expect(await getDb().outboxMessage.count({ where: { channel: 'sms' } })).toBe(smsBefore)
    expect(await getDb().user.count({ where: { insuredId: ava.id } })).toBe(0)
  })

  it('without a phone number on file: the same answer, no account and no SMS (the page says to call 3646); audited', async () => {
    const noPhone = await newcomer('permanent', { phone: null })
    expect(await ask(noPhone)).toEqual({ sent: true })
    expect((await lastAudit('account.activation.request')).details.outcome).toBe('no-phone')
    expect(await getDb().user.count({ where: { insuredId: noPhone.id } })).toBe(0)
  })

  it('matching details: the account is created (no password, new password required) and a 4-digit code is texted; only its hash is stored', async () => {
    const ava = await newcomer('permanent', { locale: 'en' })
    expect(await ask(ava)).toEqual({ sent: true })
    const user = await getDb().user.findFirstOrThrow({ where: { insuredId: ava.id } })
    expect(user).toMatchObject({ role: 'insured', displayName: 'Ava Walker', passwordHash: null, mustChangePassword: true, accessCodeAttempts: 0 })
    expect(user.accessCodeExpiresAt!.getTime() - NOW.getTime()).toBe(ACCESS_CODE_MINUTES * 60_000)
    const sms = await getDb().outboxMessage.findFirstOrThrow({ where: { insuredId: ava.id, channel: 'sms' } })
    expect(sms).toMatchObject({ template: ACTIVATION_SMS_TEMPLATE, recipient: ava.phone, locale: 'en', userId: user.id })
    const [code] = await smsCodes(ava.id)
    expect(code).toMatch(/^\d{4}$/)
    expect(sms.body).toContain('temporary code')
    expect(user.accessCodeHash).not.toContain(code)
    expect(await verifyPassword(user.accessCodeHash!, code!)).toBe(true)
    const audit = await lastAudit('account.activation.request')
    expect(audit).toMatchObject({ outcome: 'success', insuredId: ava.id, targetId: user.id, actorRole: 'anonymous', ip: '198.51.100.4' })
    expect(audit.details).toMatchObject({ outcome: 'code-sent', accountCreated: true })
    expect(JSON.stringify(audit.details)).not.toContain(code)

    // A second request replaces the code; still one account.
    expect(await ask(ava)).toEqual({ sent: true })
    expect(await getDb().user.count({ where: { insuredId: ava.id } })).toBe(1)
    const codes = await smsCodes(ava.id)
    expect(codes).toHaveLength(2)
    const again = await getDb().user.findFirstOrThrow({ where: { insuredId: ava.id } })
    expect(await verifyPassword(again.accessCodeHash!, codes[1]!)).toBe(true)
  })

  it('is rate-limited per NIR (3 an hour, whether or not it exists) and per IP', async () => {
    limiter = createLoginLimiter({ ipPoints: 5, accountPoints: 3, durationSeconds: 3600 })
    const ava = await newcomer('permanent')
    for (let i = 0; i < 3; i++) await ask(ava)
    expect(await codeOf(ask(ava))).toBe('429 activation.errors.rateLimited')
    const other = await newcomer('permanent')
    await ask(other)
    expect(await codeOf(ask(other))).toBe('429 activation.errors.rateLimited') // 6th from this IP (the refused one counted)
    expect((await lastAudit('account.activation.request')).details.outcome).toBe('rate-limited')
  })

  it('bad input is a translated 400-type validation error, never a 500: NIR without key, bad date, bad postal code', async () => {
    const ava = await newcomer('permanent')
    await expect(requestAccountActivation({ input: { nir: ava.nir15.slice(0, 13), birthDate: '1991-03-08', postalCode: '75011' }, limiter, now: NOW })).rejects.toThrow(/activation.errors.nirWithKey/)
    await expect(requestAccountActivation({ input: { nir: ava.nir15, birthDate: '31/02/1991', postalCode: '75011' }, limiter, now: NOW })).rejects.toThrow(/activation.errors.birthDate/)
    await expect(requestAccountActivation({ input: { nir: ava.nir15, birthDate: '08/03/1991', postalCode: '7501' }, limiter, now: NOW })).rejects.toThrow(/activation.errors.postalCode/)
    // "DD/MM/YYYY" typed by hand is accepted.
    expect(await requestAccountActivation({ input: { nir: ava.nir15, birthDate: '08/03/1991', postalCode: '75011' }, now: NOW, limiter })).toEqual({ sent: true })
    expect(await getDb().user.count({ where: { insuredId: ava.id } })).toBe(1)
  })
})

describe('first sign-in with the temporary code, then the new password', () => {
  it('NIR + code signs in with mustChangePassword; the session says so; audited auth.login.access-code', async () => {
    const ava = await newcomer('permanent')
    await ask(ava)
    const [code] = await smsCodes(ava.id)
    const a = await signIn(ava.nir15, code!)
    expect(a).toMatchObject({ role: 'insured', name: 'Ava Walker', mustChangePassword: true })
    expect(await findSessionUser(getDb(), a.id)).toMatchObject({ mustChangePassword: true, insuredId: ava.id })
    expect(await lastAudit('auth.login.access-code')).toMatchObject({ actorUserId: a.id, insuredId: ava.id })
  })

  it('a wrong code counts a try; the 5th wrong try erases the code (ask a new one); then even the right code fails generically', async () => {
    const ava = await newcomer('permanent')
    await ask(ava)
    const [code] = await smsCodes(ava.id)
    const wrong = code === '0000' ? '1111' : '0000'
    for (let i = 1; i < ACCESS_CODE_MAX_ATTEMPTS; i++) expect(await codeOf(signIn(ava.nir15, wrong))).toBe('401 auth.invalidCredentials')
    expect((await getDb().user.findFirstOrThrow({ where: { insuredId: ava.id } })).accessCodeAttempts).toBe(ACCESS_CODE_MAX_ATTEMPTS - 1)
    expect(await codeOf(signIn(ava.nir15, wrong))).toBe('401 auth.accessCodeTooManyTries')
    const user = await getDb().user.findFirstOrThrow({ where: { insuredId: ava.id } })
    expect(user.accessCodeHash).toBeNull()
    expect(user.lockedAt).toBeNull()
    expect(await codeOf(signIn(ava.nir15, code!))).toBe('401 auth.invalidCredentials')
    // A new request gives a new code that works.
    await ask(ava)
    const codes = await smsCodes(ava.id)
    expect((await signIn(ava.nir15, codes[1]!)).mustChangePassword).toBe(true)
  })

  it('an expired code is refused with its own message', async () => {
    const ava = await newcomer('permanent')
    await ask(ava)
    const [code] = await smsCodes(ava.id)
    const later = new Date(NOW.getTime() + ACCESS_CODE_MINUTES * 60_000 + 1000)
    expect(await codeOf(signIn(ava.nir15, code!, later))).toBe('401 auth.accessCodeExpired')
    expect(await codeOf(signIn(ava.nir15, 'Some-Password-42'))).toBe('401 auth.invalidCredentials')
  })

  it('the password policy, then set-first-password: code erased, sessionVersion + 1, e-mail, audit; normal sign-in with the new password', async () => {
    const ava = await newcomer('permanent', { locale: 'fr' })
    await ask(ava)
    const [code] = await smsCodes(ava.id)
    const signed = await signIn(ava.nir15, code!)
    const actor = await actorOf(ava.id)
    const set = (password: string, confirmation = password) => setFirstPassword({ actor, input: { password, confirmation }, ...ctx })
    const issues = async (password: string, confirmation = password) => {
      try {
        await set(password, confirmation)
      } catch (error) {
        if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join('.')} ${i.message}`)
        throw error
      }
      throw new Error('expected a refusal')
    }
    expect(await issues('short1')).toEqual(['password activation.errors.passwordTooShort'])
    expect(await issues('onlyletterslong')).toEqual(['password activation.errors.passwordLettersDigits'])
    expect(await issues(`x${ava.nir15.slice(0, 13)}`)).toEqual(['password activation.errors.passwordPersonal'])
    expect(await issues('Walker-08031991')).toEqual(['password activation.errors.passwordPersonal'])
    // Every problem at once: the policy next to the password, the mismatch next to the confirmation.
    expect(await issues('court', 'autre')).toEqual(['confirmation activation.errors.passwordMismatch', 'password activation.errors.passwordTooShort'])
    expect(await codeOf(setFirstPassword({ actor: await staffActor(PARIS), input: { password: 'Tour-Eiffel-2026', confirmation: 'Tour-Eiffel-2026' }, ...ctx }))).toBe('403 forbidden')

    const r = await set('Tour-Eiffel-2026')
    expect(r).toEqual({ sessionVersion: signed.sessionVersion + 1, activated: true })
    const user = await getDb().user.findFirstOrThrow({ where: { insuredId: ava.id } })
    expect(user).toMatchObject({ mustChangePassword: false, accessCodeHash: null, accessCodeExpiresAt: null, accessCodeAttempts: 0 })
    expect(await verifyPassword(user.passwordHash!, 'Tour-Eiffel-2026')).toBe(true)
    expect(await lastAudit('account.activated')).toMatchObject({ actorUserId: user.id, insuredId: ava.id })
    const mail = await getDb().outboxMessage.findFirstOrThrow({ where: { insuredId: ava.id, channel: 'email' } })
    expect(mail).toMatchObject({ subject: 'Votre compte ameli est activé', recipient: 'ava.walker@example.com' })
    // Once set, it cannot be "set first" again.
    expect(await codeOf(set('Another-Pass-2027'))).toBe('403 forbidden')

    const again = await signIn(ava.nir15, 'Tour-Eiffel-2026')
    expect(again).toMatchObject({ mustChangePassword: false, sessionVersion: r.sessionVersion })
    expect(await codeOf(signIn(ava.nir15, code!))).toBe('401 auth.invalidCredentials')
    // Activated: a new request is answered the same way but sends nothing.
    const before = (await smsCodes(ava.id)).length
    expect(await ask(ava)).toEqual({ sent: true })
    expect((await smsCodes(ava.id)).length).toBe(before)
    expect((await lastAudit('account.activation.request')).details.outcome).toBe('already-activated')
  })

  it('writes a ProcedureEvent "account-activated" on the person’s affiliation request (status unchanged), in the same transaction', async () => {
    const ava = await newcomer('permanent')
    const org = await getDb().insured.findUniqueOrThrow({ where: { id: ava.id }, select: { organisationId: true } })
    const request = await getDb().procedure.create({
      data: { reference: `AFF-2026-T${order}`, type: 'affiliation', insuredId: ava.id, organisationId: org.organisationId, status: 'completed', applicantBirthDate: ava.birthDate, payload: '{}', submittedAt: new Date('2026-06-01T10:00:00Z') },
    })
    await ask(ava)
    const [code] = await smsCodes(ava.id)
    await signIn(ava.nir15, code!)
    await setFirstPassword({ actor: await actorOf(ava.id), input: { password: 'Tour-Eiffel-2026', confirmation: 'Tour-Eiffel-2026' }, ...ctx })
    const events = await getDb().procedureEvent.findMany({ where: { procedureId: request.id } })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ note: 'account-activated', status: 'completed' })
    expect((await getDb().procedure.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('completed')
    expect((await lastAudit('account.activated')).details).toMatchObject({ affiliationReference: request.reference })
  })

  it('a demo person with a password who receives an advisor’s code signs in with it, must choose a new password (audited as a reset)', async () => {
    const sophie = await getDb().insured.findFirstOrThrow({ where: { firstNames: 'Sophie' }, select: { id: true } })
    await sendAccessCode({ actor: await staffActor(PARIS), input: { insuredId: sophie.id }, ...ctx })
    const codes = await smsCodes(sophie.id)
    const a = await signIn(demoNir15('sophie'), codes[codes.length - 1]!)
    expect(a.mustChangePassword).toBe(true)
    const r = await setFirstPassword({ actor: await actorOf(sophie.id), input: { password: 'Nouveau-Depart-2026', confirmation: 'Nouveau-Depart-2026' }, ...ctx })
    expect(r.activated).toBe(false)
    expect(await lastAudit('account.password.reset')).toMatchObject({ insuredId: sophie.id })
    expect(await codeOf(signIn(demoNir15('sophie'), DEMO_INSURED_PASSWORD))).toBe('401 auth.invalidCredentials')
  })
})

describe('the advisor’s "send an access code" (issue 6 §5, shared with the activation)', () => {
  it('creates the account of a permanent-number person who has none, texts the code; refuses a temporary number (422)', async () => {
    const ava = await newcomer('permanent')
    const r = await sendAccessCode({ actor: await staffActor(PARIS), input: { insuredId: ava.id }, ...ctx })
    expect(r).toMatchObject({ accountCreated: true, phoneMasked: '07 •• •• •• 44' })
    const user = await getDb().user.findFirstOrThrow({ where: { insuredId: ava.id } })
    expect(user).toMatchObject({ role: 'insured', passwordHash: null, mustChangePassword: true })
    const [code] = await smsCodes(ava.id)
    expect(await verifyPassword(user.accessCodeHash!, code!)).toBe(true)
    expect((await lastAudit('account.access-code.send')).details).toMatchObject({ accountCreated: true })
    expect((await signIn(ava.nir15, code!)).mustChangePassword).toBe(true)

    const temporary = await newcomer('temporary')
    expect(await codeOf(sendAccessCode({ actor: await staffActor(PARIS), input: { insuredId: temporary.id }, ...ctx }))).toBe('422 activation.errors.advisorTemporaryNumber')
    expect(await getDb().user.count({ where: { insuredId: temporary.id } })).toBe(0)
    expect(await codeOf(sendAccessCode({ actor: await staffActor(RHONE), input: { insuredId: ava.id }, ...ctx }))).toBe('404 notFound')
  })
})

describe('the first carte Vitale (seed 003: "Mes démarches → Commander une carte Vitale")', () => {
  const home = async (insuredId: string) => getInsuredHome({ actor: await actorOf(insuredId), today: '2026-11-24' as CalendarDate, now: NOW, rules: await getRuleSet() })

  it('the home invites a permanent-number person with no card and no order; not once an order is in progress, nor for a card holder', async () => {
    const ava = await newcomer('permanent')
    await sendAccessCode({ actor: await staffActor(PARIS), input: { insuredId: ava.id }, ...ctx })
    expect((await home(ava.id)).firstVitale).toBe('invite')
    await getDb().cardOrder.create({
      data: { reference: `CV-2026-T${order}`, kind: 'vitale', insuredId: ava.id, status: 'requested', shippingAddress: '{}', inProgressKey: `vitale:insured:${ava.id}`, requestedAt: NOW },
    })
    expect((await home(ava.id)).firstVitale).toBeNull()
    const jonathan = await getDb().insured.findFirstOrThrow({ where: { firstNames: 'Jonathan Pierre' }, select: { id: true } })
    expect((await home(jonathan.id)).firstVitale).toBeNull()
  })

  it('a rejected first order invites again; a temporary number is told the card comes with the permanent number', async () => {
    const ava = await newcomer('permanent')
    await sendAccessCode({ actor: await staffActor(PARIS), input: { insuredId: ava.id }, ...ctx })
    await getDb().cardOrder.create({ data: { reference: `CV-2026-R${order}`, kind: 'vitale', insuredId: ava.id, status: 'rejected', shippingAddress: '{}', requestedAt: NOW } })
    expect((await home(ava.id)).firstVitale).toBe('invite')
    const temporary = await newcomer('temporary')
    await getDb().user.create({ data: { role: 'insured', insuredId: temporary.id, displayName: 'Ava Walker', passwordHash: null } })
    expect((await home(temporary.id)).firstVitale).toBe('temporary')
  })
})

describe('demo world', () => {
  it('Olivia Bennett (README) has a permanent number, a phone, no account and no Vitale card: the e2e activation persona', async () => {
    const olivia = await getDb().insured.findFirstOrThrow({ where: { firstNames: 'Olivia Rose' }, select: { nirKind: true, phone: true, user: { select: { id: true } }, cards: { select: { id: true } } } })
    expect(olivia).toMatchObject({ nirKind: 'permanent', user: null, cards: [] })
    expect(olivia.phone).toBeTruthy()
  })
})
