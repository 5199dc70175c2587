import { describe, expect, it } from 'vitest'
import { createTranslator } from 'next-intl'
import { messages } from '@/lib/i18n/messages'
import { humaniseKey, presentPayload, type TPayloadTranslator } from '@/lib/services/back-office/present-payload'

/** The real message tree, as the pages pass it (staffTranslator). */
function translator(locale: 'fr' | 'en'): TPayloadTranslator {
  const t = createTranslator({ locale, messages: messages[locale] as never }) as unknown as ((k: string, v?: Record<string, string | number>) => string) & { has: (k: string) => boolean }
  return { t: (k, v) => t(k, v), has: (k) => t.has(k) }
}
const nbsp = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ')
const rows = (type: string, payload: unknown, locale: 'fr' | 'en' = 'fr') => presentPayload(type, JSON.stringify(payload), locale, translator(locale)).map((r) => ({ ...r, value: nbsp(r.value) }))
const value = (rs: { label: string; value: string }[], label: string) => rs.find((r) => r.label === label)?.value

// Issue 17 §6: "What the person declared" shows formatted, translated rows, never raw data.
describe('presentPayload: a CSS application (Nadia: 9 000 € a year, free CSS)', () => {
  const css = {
    members: [{ firstNames: 'Yanis', lastName: 'Benali', birthDate: '2015-03-02', relationship: 'child' }],
    yearlyIncome: 900000,
    assessment: { outcome: 'free', householdSize: 2, yearlyIncome: 900000, freeCeiling: 1384900, participationCeiling: 1869600, members: [], monthlyParticipation: 0, rightStart: '2026-12-01' },
  }
  it('shows income in euros, the assessment as rows and the members as a sentence (fr)', () => {
    const r = rows('css', css)
    expect(value(r, 'Ressources annuelles')).toBe('9 000,00 €')
    expect(value(r, "Résultat de l'étude des ressources")).toBe('Éligible à la CSS gratuite')
    expect(value(r, 'Taille du foyer')).toBe('2 personnes')
    expect(value(r, 'Plafond CSS gratuite')).toBe('13 849,00 €')
    expect(value(r, 'Début du droit')).toBe('01/12/2026')
    expect(value(r, 'Autres membres du foyer')).toBe('Yanis Benali, né(e) le 02/03/2015, Enfant')
    expect(r.map((x) => x.value).join(' ')).not.toMatch(/[{}"]|900000|outcome/)
  })
  it('in English', () => {
    const r = rows('css', css, 'en')
    expect(value(r, 'Yearly income')).toBe('€9,000.00')
    expect(value(r, 'Means-test result')).toBe('Eligible for free CSS')
    expect(value(r, 'Rights start on')).toBe('1 Dec 2026')
  })
})

describe('presentPayload: other procedure types', () => {
  it('an address change names the département and formats the date', () => {
    const r = rows('address-change', { addressLine1: '3 rue X', addressLine2: null, postalCode: '75011', city: 'Paris', effectiveDate: '2026-11-02', department: '75', newOrganisationId: 'org1' })
    expect(value(r, 'Département')).toBe('Paris (75)')
    expect(value(r, "Date d'effet")).toBe('02/11/2026')
    expect(r.some((x) => /org1/.test(x.value))).toBe(false)
  })
  it('a bank change never shows the full IBAN', () => {
    const r = rows('bank-change', { iban: 'FR7630006000011234567890189', ibanMasked: 'FR76 **** **** **** **** ***0 189', bic: 'AGRIFRPP', holder: 'Nadia Benali' })
    expect(r.map((x) => x.value).join(' ')).not.toContain('FR7630006000011234567890189')
    expect(value(r, 'IBAN (masqué)')).toContain('****')
  })
  it('booleans are Oui/Non, enums translated, amounts in euros', () => {
    const r = rows('transport-refund', { mode: 'car', tripDate: '2026-10-01', prescriptionDate: '2026-09-30', km: 120, amount: null, tolls: 1250, parking: null, returnTrip: false, reason: 'hospitalisation', lines: [{ act: 'X' }], estimate: { amoCents: 1980, lines: [] } })
    expect(value(r, 'Mode de transport')).toBe('Véhicule personnel')
    expect(value(r, 'Motif')).toBe('Hospitalisation')
    expect(value(r, 'Kilomètres')).toBe('120 km')
    expect(value(r, 'Péages')).toBe('12,50 €')
    expect(value(r, 'Aller et retour')).toBe('Non')
    expect(value(r, 'Estimation du remboursement')).toBe('19,80 €')
  })
  it('an abroad refund shows the amount in its currency and the country by name', () => {
    const r = rows('abroad-refund', { country: 'GB', careDate: '2026-07-01', careKind: 'medicine', amount: 4500, currency: 'GBP', urgent: true, zone: 'ehic', euroAmount: 5230, estimate: { lines: [] } }, 'en')
    expect(value(r, 'Amount')).toBe('£45.00')
    expect(value(r, 'Country')).toBe('United Kingdom (GB)')
    expect(value(r, 'Zone')).toBe('European Union, EEA, Switzerland, United Kingdom')
    expect(value(r, 'Refund estimate')).toBe('No estimate')
    expect(value(r, 'Amount in euros')).toBe('€52.30')
  })
  it('an unknown key gets a humanised label and a readable value, never JSON', () => {
    const r = rows('css', { someNewThing: { firstKey: 'a', isOk: true }, uploadIds: ['u1'], idempotencyKey: 'k' })
    expect(r).toEqual([{ key: 'someNewThing', label: 'Some new thing', value: 'First key : a · Is ok : Oui' }])
    expect(humaniseKey('ageOnFirstJanuary')).toBe('Age on first january')
  })
  it('a payload that is not a JSON object gives no row', () => {
    expect(presentPayload('css', 'not json', 'fr', translator('fr'))).toEqual([])
    expect(presentPayload('css', '[1,2]', 'fr', translator('fr'))).toEqual([])
  })
})
