import { describe, expect, it } from 'vitest'
import { calendarDate } from '@/lib/domain/dates'
import { isAppError } from '@/lib/errors'
import { assertDateInWindow, dateWindowOn, isInDateWindow, isPersonName, normaliseTownName, ZPersonName } from '@/lib/schemas/plausible'
import { assertPostalTown, checkPostalTown, townsOfPostalCode } from '@/lib/services/address/communes'
import { allCaisses } from '@/prisma/seed/cpam-list'
import { insured, organisations, professionals } from '@/prisma/seed/demo-data'

const today = calendarDate('2026-11-24')

describe('issue 17 §2: date windows relative to the today given (never the clock)', () => {
  it('a newborn: born within the last year and not in the future (a birth on 1900-01-01 is refused)', () => {
    expect(dateWindowOn('newbornBirth', today)).toEqual({ from: '2025-11-24', to: '2026-11-24' })
    expect(isInDateWindow(calendarDate('2026-11-24'), 'newbornBirth', today)).toBe(true)
    expect(isInDateWindow(calendarDate('2025-11-24'), 'newbornBirth', today)).toBe(true)
    expect(isInDateWindow(calendarDate('2025-11-23'), 'newbornBirth', today)).toBe(false)
    expect(isInDateWindow(calendarDate('1900-01-01'), 'newbornBirth', today)).toBe(false)
    expect(isInDateWindow(calendarDate('2026-11-25'), 'newbornBirth', today)).toBe(false)
  })

  it('an EHIC departure: from today to a year ahead (2999-01-01 is refused)', () => {
    expect(dateWindowOn('ehicDeparture', today)).toEqual({ from: '2026-11-24', to: '2027-11-24' })
    expect(isInDateWindow(calendarDate('2027-11-24'), 'ehicDeparture', today)).toBe(true)
    expect(isInDateWindow(calendarDate('2027-11-25'), 'ehicDeparture', today)).toBe(false)
    expect(isInDateWindow(calendarDate('2999-01-01'), 'ehicDeparture', today)).toBe(false)
    expect(isInDateWindow(calendarDate('2026-11-23'), 'ehicDeparture', today)).toBe(false)
  })

  it('an address change: a year back to 3 months ahead (1900-01-01 is refused)', () => {
    expect(dateWindowOn('addressEffective', today)).toEqual({ from: '2025-11-24', to: '2027-02-24' })
    expect(isInDateWindow(calendarDate('2027-02-24'), 'addressEffective', today)).toBe(true)
    expect(isInDateWindow(calendarDate('2027-02-25'), 'addressEffective', today)).toBe(false)
    expect(isInDateWindow(calendarDate('1900-01-01'), 'addressEffective', today)).toBe(false)
  })

  it('a person: born less than 120 years ago, not in the future', () => {
    expect(dateWindowOn('personBirth', today)).toEqual({ from: '1906-11-25', to: '2026-11-24' })
    expect(isInDateWindow(calendarDate('1906-11-24'), 'personBirth', today)).toBe(false)
    expect(isInDateWindow(calendarDate('1950-06-01'), 'personBirth', today)).toBe(true)
  })

  it('the refusal names the field and the window (procedureErrors.field.dateWindow {from} {to})', () => {
    try {
      assertDateInWindow(calendarDate('2999-01-01'), 'ehicDeparture', today, 'departureDate')
      expect.unreachable()
    } catch (error) {
      expect(isAppError(error) && { code: error.code, status: error.status, details: error.details }).toEqual({
        code: 'procedureErrors.field.dateWindow', status: 422, details: { field: 'departureDate', from: '2026-11-24', to: '2027-11-24' },
      })
    }
  })
})

describe('issue 17 §7: identity names (letters, spaces, hyphens, apostrophes; no markup, no formula, no digit)', () => {
  it.each(['Marie', 'Jean-Pierre', "N'Diaye", 'Zoë Éléonore', 'Ñúñez', 'O’Brien', 'Le Gall'])('accepts %s', (name) => {
    expect(isPersonName(name)).toBe(true)
    expect(ZPersonName.safeParse(`  ${name} `).success).toBe(true)
  })
  it.each(['=HYPERLINK("http://x","y")', '+33', '-Marie', '@SUM', '<script>', 'Marie<b>', 'Léa2', "'Anne", '', 'a'.repeat(65), 'Jean\tPaul'])('refuses %j', (name) => {
    expect(isPersonName(name)).toBe(false)
  })
  it('spaces around and repeated inside are dropped before the check', () => {
    expect(ZPersonName.parse('  Émily   anne ')).toBe('Émily anne')
  })
  it('the message is procedureErrors.field.personName', () => {
    const r = ZPersonName.safeParse('=HYPERLINK("http://evil","clic")')
    expect(r.success ? null : r.error.issues[0]?.message).toBe('procedureErrors.field.personName')
  })
})

describe('issue 17 §2: postal code and town against the official list (@etalab/decoupage-administratif)', () => {
  it('normalises case, accents, hyphens, apostrophes and ST/SAINT', () => {
    expect(normaliseTownName('Saint-Étienne')).toBe('SAINT ETIENNE')
    expect(normaliseTownName('ST ETIENNE')).toBe('SAINT ETIENNE')
    expect(normaliseTownName("L'Abergement-Clémenciat")).toBe('L ABERGEMENT CLEMENCIAT')
    expect(normaliseTownName('  ste   foy-lès-lyon ')).toBe('SAINTE FOY LES LYON')
  })

  it('99999 "Nowhere" is refused: no French town has this postal code', async () => {
    expect(await checkPostalTown('99999', 'Nowhere')).toEqual({ ok: false, reason: 'unknown-postal-code' })
    await expect(assertPostalTown('99999', 'Nowhere')).rejects.toMatchObject({ code: 'procedureErrors.address.unknownPostalCode', details: { field: 'postalCode' } })
  })

  it('69001 LYON and 13001 MARSEILLE are accepted in any spelling, with their department', async () => {
    expect(await checkPostalTown('69001', 'LYON')).toEqual({ ok: true, town: 'Lyon', department: '69' })
    expect(await checkPostalTown('69001', 'Lyon 1er Arrondissement')).toEqual({ ok: true, town: 'Lyon', department: '69' })
    expect(await checkPostalTown('13001', 'MARSEILLE')).toEqual({ ok: true, town: 'Marseille', department: '13' })
    expect(await checkPostalTown('13001', 'marseille')).toMatchObject({ ok: true, department: '13' })
    expect(await checkPostalTown('42000', 'ST ETIENNE')).toEqual({ ok: true, town: 'Saint-Étienne', department: '42' })
    expect(await checkPostalTown('20000', 'Ajaccio')).toMatchObject({ ok: true, department: '2A' })
    expect(await checkPostalTown('97400', 'Saint-Denis')).toMatchObject({ ok: true, department: '974' })
  })

  it('a town of another code is refused, naming the towns of that code', async () => {
    expect(await checkPostalTown('13001', 'Lyon')).toEqual({ ok: false, reason: 'town-mismatch', towns: ['Marseille'] })
    await expect(assertPostalTown('69001', 'Marseille')).rejects.toMatchObject({ code: 'procedureErrors.address.townMismatch', details: { field: 'city', postalCode: '69001', towns: 'Lyon' } })
    expect((await townsOfPostalCode('21420')).map((t) => t.name)).toContain('Savigny-lès-Beaune')
  })

  it('every address of the demo people and professionals is in the official list', async () => {
    for (const p of [...insured, ...professionals]) expect(await checkPostalTown(p.postalCode, p.city), `${p.postalCode} ${p.city}`).toMatchObject({ ok: true })
    for (const o of organisations) for (const r of o.receptionPoints) expect(await checkPostalTown(r.postalCode, r.city), r.name).toMatchObject({ ok: true })
  })
})

describe('issue 17 §2: every caisse primaire of France', () => {
  const all = allCaisses(new Set(['75', '69', '21', '67']))
  it('one per département besides the four demo caisses: 97 more, 101 in all, with unique codes', () => {
    expect(all).toHaveLength(97)
    expect(new Set(all.map((c) => c.code)).size).toBe(97)
    expect(all.map((c) => c.department)).toEqual(expect.arrayContaining(['01', '13', '2A', '2B', '92', '971', '976']))
  })
  it('with their real names', () => {
    const byDep = new Map(all.map((c) => [c.department, c]))
    expect(byDep.get('01')).toMatchObject({ code: '011', name: "CPAM de l'Ain", kind: 'cpam' })
    expect(byDep.get('13')).toMatchObject({ code: '131', name: 'CPAM des Bouches-du-Rhône', postalCode: '13001', city: 'Marseille' })
    expect(byDep.get('92')).toMatchObject({ name: 'CPAM des Hauts-de-Seine' })
    expect(byDep.get('2A')).toMatchObject({ code: '201', name: 'CPAM de la Corse-du-Sud' })
    expect(byDep.get('974')).toMatchObject({ code: '974', name: 'CGSS de La Réunion', kind: 'cgss' })
    expect(byDep.get('976')).toMatchObject({ name: 'CSS de Mayotte', kind: 'cgss' })
  })
})
