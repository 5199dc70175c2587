import type { Db, Tx } from '../client'

/**
 * The 360° file's notes and contacts, and the documents of the person's requests with their check (issue 17 §7).
 * The caller has checked the caisse scope of `insuredId` (resolveInsuredFile); every query is keyed by it.
 */

export type TFileNoteDto = { id: string; kind: string; occurredOn: string; body: string; createdAt: Date; author: string }

export async function insertFileNote(tx: Tx, input: { insuredId: string; kind: string; occurredOn: string; body: string; authorId: string }): Promise<{ id: string }> {
  return tx.fileNote.create({ data: input, select: { id: true } })
}

/** Newest first: by the day of the contact, then by when it was written. */
export async function listFileNotes(db: Db, insuredId: string, take = 50): Promise<TFileNoteDto[]> {
  const rows = await db.fileNote.findMany({
    where: { insuredId },
    orderBy: [{ occurredOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, kind: true, occurredOn: true, body: true, createdAt: true, author: { select: { displayName: true } } },
  })
  return rows.map(({ author, ...r }) => ({ ...r, author: author.displayName }))
}

export type TFileDocumentDto = {
  id: string
  kind: string
  filename: string
  mimeType: string
  size: number
  createdAt: Date
  procedureId: string | null
  procedureReference: string | null
  procedureType: string | null
  verdict: string | null
  verdictReason: string | null
  verdictAt: Date | null
  verdictBy: string | null
}

const documentSelect = {
  id: true, kind: true, filename: true, mimeType: true, size: true, createdAt: true, procedureId: true, verdict: true, verdictReason: true, verdictAt: true, verdictById: true,
  procedure: { select: { reference: true, type: true } },
} as const

/** The documents the person sent (requests, card orders, messages) or that were sent on their behalf, newest first. */
export async function listFileDocuments(db: Db, insuredId: string, take = 30): Promise<TFileDocumentDto[]> {
  const rows = await db.upload.findMany({
    where: { OR: [{ procedure: { insuredId } }, { insuredId }] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: documentSelect,
  })
  const checkers = [...new Set(rows.map((r) => r.verdictById).filter((x): x is string => Boolean(x)))]
  const names = new Map((checkers.length ? await db.user.findMany({ where: { id: { in: checkers } }, select: { id: true, displayName: true } }) : []).map((u) => [u.id, u.displayName]))
  return rows.map(({ procedure, verdictById, ...r }) => ({ ...r, procedureReference: procedure?.reference ?? null, procedureType: procedure?.type ?? null, verdictBy: verdictById ? (names.get(verdictById) ?? null) : null }))
}

/** One document of the person's requests (null: another person's, or none). */
export async function findFileDocument(db: Db | Tx, insuredId: string, uploadId: string): Promise<{ id: string; procedureId: string | null; verdict: string | null } | null> {
  return db.upload.findFirst({ where: { id: uploadId, OR: [{ procedure: { insuredId } }, { insuredId }] }, select: { id: true, procedureId: true, verdict: true } })
}

export async function setUploadVerdict(tx: Tx, uploadId: string, v: { verdict: string; reason: string | null; byId: string; at: Date }): Promise<void> {
  await tx.upload.update({ where: { id: uploadId }, data: { verdict: v.verdict, verdictReason: v.reason, verdictById: v.byId, verdictAt: v.at } })
}

/** What the duplicate check looks at: open requests, recent claim lines, beneficiaries. */
export async function loadDuplicateFacts(db: Db, insuredId: string, openStatuses: readonly string[]) {
  const [procedures, lines, links] = await Promise.all([
    db.procedure.findMany({ where: { insuredId, status: { in: [...openStatuses] } }, orderBy: { submittedAt: 'asc' }, select: { id: true, reference: true, type: true, beneficiaryId: true } }),
    db.claimLine.findMany({
      where: { claim: { insuredId } },
      orderBy: { careDate: 'desc' },
      take: 500,
      select: { act: true, careDate: true, claim: { select: { id: true, reference: true, beneficiaryId: true, professionalId: true, professional: { select: { title: true, firstName: true, lastName: true } } } } },
    }),
    db.beneficiaryLink.findMany({ where: { insuredId }, select: { beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true } } } }),
  ])
  return {
    procedures,
    lines: lines.map((l) => ({
      act: l.act,
      careDate: l.careDate,
      claimId: l.claim.id,
      reference: l.claim.reference,
      beneficiaryId: l.claim.beneficiaryId,
      professionalId: l.claim.professionalId,
      professional: l.claim.professional ? [l.claim.professional.title, l.claim.professional.firstName, l.claim.professional.lastName].filter(Boolean).join(' ') : null,
    })),
    beneficiaries: links.map((l) => l.beneficiary),
  }
}
