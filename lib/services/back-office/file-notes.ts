import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findFileDocument, insertFileNote, listFileDocuments, listFileNotes, loadDuplicateFacts, setUploadVerdict, type TFileDocumentDto, type TFileNoteDto } from '@/lib/db/repositories/file-notes'
import { PROCEDURE_WAITING_STATUSES } from '@/lib/domain/procedure-status'
import { findDuplicates, type TDuplicateWarning } from '@/lib/domain/file-duplicates'
import { AppError } from '@/lib/errors'
import { ZAddFileNote, ZInsuredRef, ZUploadVerdict } from '@/lib/schemas/back-office'
import { auditRole, resolveInsuredFile, type TActor, type TRequestContext } from '../procedures/common'

/**
 * The staff side of the 360° file (issue 17 §7): notes and the contact history, the check of each document, the
 * duplicate warning. Staff of the person's caisse or supervisors only (resolveInsuredFile: another caisse's file is
 * a 404 with a `staff.scope.denied` event); an insured person is refused (403). Every write is audited in the
 * same transaction, with the person's id (they see who acted on their file).
 */

const PERMISSION = { insured: 'read:insured-file:caisse', staff: 'read:insured-file:caisse' } as const

async function staffFile(actor: TActor, insuredId: string, ctx: Partial<TRequestContext>): Promise<string> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  return resolveInsuredFile(getDb(), actor, insuredId, PERMISSION, ctx)
}

/** Adds a note or logs a contact. Errors: ZodError (kind, date, empty body), forbidden, notFound. */
export async function addFileNote({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string }> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  const data = ZAddFileNote.parse(input)
  const insuredId = await staffFile(actor, data.insuredId, ctx)
  return getDb().$transaction(async (tx) => {
    const note = await insertFileNote(tx, { insuredId, kind: data.noteKind, occurredOn: data.occurredOn, body: data.body, authorId: actor.id })
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: auditRole(actor),
      action: data.noteKind === 'note' ? 'insured.note.add' : 'insured.contact.add',
      targetType: 'file-note',
      targetId: note.id,
      insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      // The summary may hold health details: the journal keeps the kind and the date, not the text.
      details: { kind: data.noteKind, occurredOn: data.occurredOn },
    })
    return note
  })
}

/** Records an advisor's check of one document of the person's requests. Errors: ZodError (reason required when not compliant), forbidden, notFound. */
export async function checkFileDocument({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ verdict: string }> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  const data = ZUploadVerdict.parse(input)
  const insuredId = await staffFile(actor, data.insuredId, ctx)
  const db = getDb()
  const doc = await findFileDocument(db, insuredId, data.uploadId)
  if (!doc) throw new AppError('notFound', 404)
  const reason = data.verdict === 'not-compliant' ? (data.reason ?? null) : null
  await db.$transaction(async (tx) => {
    await setUploadVerdict(tx, doc.id, { verdict: data.verdict, reason, byId: actor.id, at: ctx.now })
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: auditRole(actor),
      action: 'upload.verdict',
      targetType: 'upload',
      targetId: doc.id,
      insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: { procedureId: doc.procedureId, from: doc.verdict, to: data.verdict, reason },
    })
  })
  return { verdict: data.verdict }
}

/** What the 360° file shows besides loadInsuredFile: notes, documents with their check, duplicate warnings. */
export async function loadFileWorkspace({ actor, input, ...ctx }: { actor: TActor; input: unknown } & Partial<TRequestContext>): Promise<{ notes: TFileNoteDto[]; documents: TFileDocumentDto[]; duplicates: TDuplicateWarning[] }> {
  const { insuredId: asked } = ZInsuredRef.parse(input)
  const insuredId = await staffFile(actor, asked, ctx)
  const db = getDb()
  const [notes, documents, facts] = await Promise.all([listFileNotes(db, insuredId), listFileDocuments(db, insuredId), loadDuplicateFacts(db, insuredId, PROCEDURE_WAITING_STATUSES)])
  return { notes, documents, duplicates: findDuplicates(facts) }
}
