import type { Db } from '../../lib/db/client'
import { addDays, calendarDate } from '../../lib/domain/dates'

/**
 * Work-queue demo data (issue 17 §7), so that the queue shows ages and every SLA state (prisma/rules/queue-sla.json)
 * and both waiting groups. Relative to the seed's `today`:
 *  - CPAM de Paris: Marc Petit's change of name (26 days, in review: due soon, 30-day delay), his change of address
 *    (20 days, a proof of address asked: waiting for the person, late), his médecin traitant declaration (today, on
 *    time), Emily Martin's change of bank details (9 days, 7-day delay: late, taken by Karim Benaïssa), Marc's lost
 *    card declaration closed today (done this week);
 *  - CPAM du Rhône: Nadia Benali's change of name (3 days, on time) and her change of bank details (12 days, late,
 *    taken by Julie Fontaine).
 * None of these types is a refund (the e2e decision forms pick the oldest refund request).
 */
export async function seedQueue(db: Db, today: string): Promise<{ requests: number }> {
  const person = (firstNames: string) => db.insured.findFirst({ where: { firstNames }, select: { id: true, organisationId: true, iban: true } })
  const staff = (email: string) => db.user.findUnique({ where: { email }, select: { id: true } })
  const [marc, emily, nadia, karim, julie, doctor] = await Promise.all([
    person('Marc'),
    person('Emily Anne'),
    person('Nadia'),
    staff('karim.benaissa@cpam-paris.example.fr'),
    staff('julie.fontaine@cpam-rhone.example.fr'),
    db.healthProfessional.findFirst({ where: { rpps: '10003456789' }, select: { id: true, rpps: true } }),
  ])
  if (!marc || !emily || !nadia || !karim || !julie || !doctor) return { requests: 0 }
  const day = (days: number, time = '09:15:00') => new Date(`${addDays(calendarDate(today), -days)}T${time}Z`)
  const rows: {
    ref: string; type: string; insured: { id: string; organisationId: string }; status: string; days: number; payload: Record<string, unknown>
    openKey?: string; assignedToId?: string; requestedDocument?: string; closedDaysAgo?: number; time?: string
  }[] = [
    { ref: 'DEM-2026-Q0EUE00001', type: 'name-change', insured: marc, status: 'in-review', days: 26, payload: { usualName: 'Petit-Laurent' }, openKey: `name-change:${marc.id}` },
    {
      ref: 'DEM-2026-Q0EUE00002', type: 'address-change', insured: marc, status: 'waiting-document', days: 20, openKey: `address-change:${marc.id}`,
      payload: { addressLine1: '8 rue des Pyrénées', addressLine2: null, postalCode: '75020', city: 'Paris', effectiveDate: addDays(calendarDate(today), -25), department: '75', newOrganisationId: null },
      requestedDocument: 'Justificatif de domicile de moins de 3 mois',
    },
    { ref: 'DEM-2026-Q0EUE00003', type: 'doctor-declaration', insured: marc, status: 'submitted', days: 0, time: '07:40:00', payload: { professionalId: doctor.id, rpps: doctor.rpps, name: 'Dr Anne Morel' }, openKey: `doctor-declaration:${marc.id}` },
    { ref: 'DEM-2026-Q0EUE00004', type: 'bank-change', insured: emily, status: 'in-review', days: 9, payload: { iban: emily.iban, ibanMasked: 'FR76 •••• •••• •••• •••• ••• 42', bic: null, holder: 'EMILY MARTIN' }, openKey: `bank-change:${emily.id}`, assignedToId: karim.id },
    { ref: 'DEM-2026-Q0EUE00005', type: 'card-loss', insured: marc, status: 'completed', days: 3, payload: { reason: 'lost' }, closedDaysAgo: 0 },
    { ref: 'DEM-2026-Q0EUE00006', type: 'name-change', insured: nadia, status: 'submitted', days: 3, payload: { usualName: 'Benali-Roche' }, openKey: `name-change:${nadia.id}` },
    { ref: 'DEM-2026-Q0EUE00007', type: 'bank-change', insured: nadia, status: 'in-review', days: 12, payload: { iban: nadia.iban, ibanMasked: 'FR76 •••• •••• •••• •••• ••• 17', bic: null, holder: 'NADIA BENALI' }, openKey: `bank-change:${nadia.id}`, assignedToId: julie.id },
  ]
  for (const r of rows) {
    const at = day(r.days, r.time)
    const closed = r.closedDaysAgo !== undefined ? day(r.closedDaysAgo, '06:00:00') : null
    const events: { status: string; at: Date; note: string | null; actorUserId?: string | null }[] = [{ status: 'submitted', at, note: 'submit' }]
    if (r.status !== 'submitted') events.push({ status: r.status === 'completed' ? 'completed' : r.status, at: closed ?? new Date(at.getTime() + 86_400_000), note: r.requestedDocument ?? null, actorUserId: r.assignedToId ?? null })
    await db.procedure.create({
      data: {
        reference: r.ref, type: r.type, insuredId: r.insured.id, organisationId: r.insured.organisationId, status: r.status, payload: JSON.stringify(r.payload),
        submittedAt: at, closedAt: closed, estimatedCompletion: closed ? null : addDays(calendarDate(today), 5), openKey: closed ? null : (r.openKey ?? null),
        assignedToId: r.assignedToId ?? null, requestedDocument: r.requestedDocument ?? null,
        ...(closed ? { updatedAt: closed } : {}),
        events: { create: events },
      },
    })
  }
  return { requests: rows.length }
}
