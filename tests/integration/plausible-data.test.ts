import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/lib/db/client'
import { buildFrenchIban } from '@/lib/domain/iban'
import { isAppError } from '@/lib/errors'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import { declareAddressChange } from '@/lib/services/procedures/declare-address-change'
import { declareBirth } from '@/lib/services/procedures/declare-birth'
import { declareNameChange } from '@/lib/services/procedures/declare-name-change'
import { orderEhic } from '@/lib/services/procedures/order-ehic'
import { applyForCss } from '@/lib/services/procedures/apply-for-css'
import { advanceProcedure } from '@/lib/services/procedures/advance-procedure'
import { submitAffiliationRequest } from '@/lib/services/affiliation/submit-affiliation-request'
import { assertIdentityNames } from '@/lib/services/affiliation/register-temporary-number'
import { insured } from '@/prisma/seed/demo-data'
import { nirOf } from '@/prisma/seed/demo-nir'
import { ctx, insuredActor, key, PDF_BYTES, staffActor } from '../support/procedures'

/**
 * Issue 17 §2 "Plausible data, checked on the server" and §7 (identity names): what was accepted before — a birth on
 * 1900-01-01, an EHIC departure on 2999-01-01, an address change effective 1900-01-01, postal code 99999 "Nowhere",
 * a name "=HYPERLINK(…)" — is refused by the services (today = 2026-11-24, support/procedures NOW), and a move from
 * Lyon to Marseille moves the file to the CPAM des Bouches-du-Rhône.
 */

/** "<status> <code> <details as JSON>", or the zod messages joined. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (isAppError(error)) return `${error.status} ${error.code} ${JSON.stringify(error.details ?? {})}`
    if (error instanceof ZodError) return `zod ${error.issues.map((i) => `${i.path.join('.')}:${i.message}`).join(' ')}`
    throw error
  }
}

describe('issue 17 §2: dates in their windows', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const doc = async (kind = 'other') => (await uploadFile({ actor: jonathan, kind, filename: 'piece.pdf', bytes: PDF_BYTES, ...ctx })).id

  it('a birth on 1900-01-01 is refused with the window; one of last week is accepted', async () => {
    const input = { firstNames: 'Léon', lastName: 'Martin', birthDate: '1900-01-01', sex: 1, birthCertificateUploadId: await doc('birth-certificate'), idempotencyKey: key() }
    expect(await refusal(declareBirth({ actor: jonathan, input, ...ctx }))).toBe('422 procedureErrors.field.dateWindow {"field":"birthDate","from":"2025-11-24","to":"2026-11-24"}')
    expect(await getDb().procedure.count({ where: { insuredId: jonathan.insuredId, type: 'birth', payload: { contains: 'Léon' } } })).toBe(0)
    expect(await refusal(declareBirth({ actor: jonathan, input: { ...input, birthDate: '2026-11-17' }, ...ctx }))).toBe('ok')
  })

  it('an EHIC departure on 2999-01-01 is refused (at most a year ahead); nothing is ordered', async () => {
    const before = await getDb().cardOrder.count()
    expect(await refusal(orderEhic({ actor: jonathan, input: { persons: ['self'], departureDate: '2999-01-01', idempotencyKey: key() }, ...ctx }))).toBe(
      '422 procedureErrors.field.dateWindow {"field":"departureDate","from":"2026-11-24","to":"2027-11-24"}',
    )
    expect(await getDb().cardOrder.count()).toBe(before)
  })

  it('an address change effective 1900-01-01 is refused', async () => {
    const input = { addressLine1: '3 place Bellecour', postalCode: '69002', city: 'Lyon', effectiveDate: '1900-01-01', idempotencyKey: key() }
    expect(await refusal(declareAddressChange({ actor: jonathan, input, ...ctx }))).toBe('422 procedureErrors.field.dateWindow {"field":"effectiveDate","from":"2025-11-24","to":"2027-02-24"}')
  })

  it('a CSS household member born in 1850 is refused (less than 120 years old)', async () => {
    const input = { members: [{ firstNames: 'Ernest', lastName: 'Martin', birthDate: '1850-01-01', relationship: 'other' }], yearlyIncome: 0, idempotencyKey: key() }
    expect(await refusal(applyForCss({ actor: jonathan, input, ...ctx }))).toBe('422 procedureErrors.field.dateWindow {"field":"members.0.birthDate","from":"1906-11-25","to":"2026-11-24"}')
  })
})

describe('issue 17 §2: postal code and town in the official list; a move moves the file', async () => {
  const mei = await insuredActor('Mei')
  const rhone = await staffActor('julie.fontaine@cpam-rhone.example.fr')

  it('99999 "Nowhere" is refused on the postal code; a town of another code is refused naming the right towns', async () => {
    const base = { addressLine1: '1 rue de Nulle Part', effectiveDate: '2026-12-01', idempotencyKey: key() }
    expect(await refusal(declareAddressChange({ actor: mei, input: { ...base, postalCode: '99999', city: 'Nowhere' }, ...ctx }))).toBe(
      '422 procedureErrors.address.unknownPostalCode {"field":"postalCode","postalCode":"99999"}',
    )
    expect(await refusal(declareAddressChange({ actor: mei, input: { ...base, postalCode: '13001', city: 'Lyon' }, ...ctx }))).toBe(
      '422 procedureErrors.address.townMismatch {"field":"city","postalCode":"13001","towns":"Marseille"}',
    )
    expect(await getDb().procedure.count({ where: { insuredId: mei.insuredId, type: 'address-change' } })).toBe(0)
  })

  it('Lyon → Marseille: the result names the CPAM des Bouches-du-Rhône; on approval the file moves there (audited)', async () => {
    const input = { addressLine1: '10 La Canebière', postalCode: '13001', city: 'MARSEILLE', effectiveDate: '2026-12-01', idempotencyKey: key() }
    const r = await declareAddressChange({ actor: mei, input, ...ctx })
    expect(r).toMatchObject({ status: 'submitted', newCaisse: { name: 'CPAM des Bouches-du-Rhône' }, localRegime: null })
    const submitted = await getDb().auditEvent.findFirstOrThrow({ where: { targetId: r.id, action: { contains: 'submit' } } })
    expect(JSON.parse(submitted.details ?? '{}')).toMatchObject({ department: '13', caisseChanges: true, newCaisse: 'CPAM des Bouches-du-Rhône' })
    // The file stays with the Rhône until the change is approved by its caisse.
    expect((await getDb().insured.findUniqueOrThrow({ where: { id: mei.insuredId }, select: { organisation: { select: { code: true } } } })).organisation.code).toBe('691')
    expect((await advanceProcedure({ actor: rhone, input: { procedureId: r.id, event: 'approve' }, ...ctx })).status).toBe('approved')
    const after = await getDb().insured.findUniqueOrThrow({ where: { id: mei.insuredId }, select: { postalCode: true, city: true, organisation: { select: { code: true, name: true } } } })
    expect(after).toEqual({ postalCode: '13001', city: 'Marseille', organisation: { code: '131', name: 'CPAM des Bouches-du-Rhône' } })
    const approved = await getDb().auditEvent.findFirstOrThrow({ where: { targetId: r.id, action: 'procedure.approve' } })
    expect(JSON.parse(approved.details ?? '{}')).toMatchObject({ caisseChanged: true })
  })

  it('leaving Alsace-Moselle: no automatic regime change, the result says the caisse reviews it', async () => {
    const claire = await insuredActor('Claire')
    const r = await declareAddressChange({ actor: claire, input: { addressLine1: '2 rue de la Liberté', postalCode: '21000', city: 'Dijon', effectiveDate: '2026-11-01', idempotencyKey: key() }, ...ctx })
    expect(r).toMatchObject({ localRegime: 'leaving', newCaisse: { name: "CPAM de la Côte-d'Or" } })
  })
})

describe('issue 17 §7: identity names before a number is given', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')

  it('a child named "=HYPERLINK(…)" is refused; so is a usual name with markup', async () => {
    const upload = (await uploadFile({ actor: jonathan, kind: 'birth-certificate', filename: 'acte.pdf', bytes: PDF_BYTES, ...ctx })).id
    const input = { firstNames: '=HYPERLINK("http://evil.example","clic")', lastName: 'Martin', birthDate: '2026-11-17', sex: 2, birthCertificateUploadId: upload, idempotencyKey: key() }
    expect(await refusal(declareBirth({ actor: jonathan, input, ...ctx }))).toBe('zod firstNames:procedureErrors.field.personName')
    expect(await refusal(declareNameChange({ actor: jonathan, input: { usualName: '<b>Martin</b>', documentUploadId: upload, idempotencyKey: key() }, ...ctx }))).toBe('zod usualName:procedureErrors.field.personName')
  })

  it('an affiliation request with a formula for a name, or 99999 "Nowhere", is refused; nothing is stored', async () => {
    const jonathanNir = nirOf(insured.find((p) => p.key === 'jonathan')!)
    const request = (over: Record<string, unknown>) => ({
      idempotencyKey: key('aff'), situation: 'family-member', sex: '2', birthName: 'Miller', usualName: '', firstNames: 'Sarah Jane', birthDate: '1990-04-12',
      birthCity: 'Denver', birthCountry: 'US', nationality: 'US', birthCertificateInFrench: 'no', addressLine1: '18 rue Saint-Maur', addressLine2: '',
      postalCode: '75011', city: 'Paris', arrivalDate: '2026-10-01', email: 'sarah.miller@example.com', phone: '07 12 34 56 78',
      iban: buildFrenchIban('30004', '00822', '00010987654'), bic: '', bankHolder: 'Sarah Miller', employerName: '', spouseNir: `${jonathanNir.nir}${jonathanNir.key}`,
      preferredLocale: 'en', certify: 'on', ...over,
    })
    const before = await getDb().procedure.count({ where: { type: 'affiliation' } })
    expect(await refusal(submitAffiliationRequest({ input: request({ birthName: '=HYPERLINK("http://evil.example","x")' }), files: [], ...ctx }))).toBe('zod birthName:procedureErrors.field.personName')
    expect(await refusal(submitAffiliationRequest({ input: request({ postalCode: '99999', city: 'Nowhere' }), files: [], ...ctx }))).toBe(
      '422 procedureErrors.address.unknownPostalCode {"field":"postalCode","postalCode":"99999"}',
    )
    expect(await refusal(submitAffiliationRequest({ input: request({ birthDate: '1900-01-01' }), files: [], ...ctx }))).toMatch(/^422 procedureErrors\.field\.dateWindow \{"field":"birthDate"/)
    expect(await getDb().procedure.count({ where: { type: 'affiliation' } })).toBe(before)
  })

  it('an advisor gives no number to a stored request whose name is a formula', () => {
    expect(() => assertIdentityNames({ birthName: '=HYPERLINK("x")', usualName: null, firstNames: 'Grace' })).toThrow('affiliation.errors.identityNames')
    expect(() => assertIdentityNames({ birthName: "O'Neil-Walker", usualName: 'Dupont', firstNames: 'Grace Ann' })).not.toThrow()
  })
})

describe('issue 17 §2: every caisse primaire of France exists', () => {
  it('101 CPAM/CGSS, one per département, the four demo caisses keeping their reception points', async () => {
    const caisses = await getDb().organisation.findMany({ where: { kind: { in: ['cpam', 'cgss'] } }, select: { department: true, code: true, _count: { select: { receptionPoints: true } } } })
    expect(caisses).toHaveLength(101)
    expect(new Set(caisses.map((c) => c.department)).size).toBe(101)
    const withPoints = caisses.filter((c) => c._count.receptionPoints > 0).map((c) => c.code).sort()
    expect(withPoints).toEqual(['211', '671', '691', '751'])
  })
})
