import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { startThread } from '@/lib/services/messaging/start-thread'
import { replyToThread } from '@/lib/services/messaging/reply-to-thread'
import { assignThreadToMe, listCaisseThreads, listMyThreads, readThread } from '@/lib/services/messaging/read-thread'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import { codeOf, ctx, insuredActor, PDF_BYTES, staffActor } from '../support/procedures'

describe('secure messages (issue 6 §3, §7: scoped threads, attachments, answers notified, unread count)', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const mei = await insuredActor('Mei')
  const camille = await staffActor('camille.roux@cpam-paris.example.fr')
  const julie = await staffActor('julie.fontaine@cpam-rhone.example.fr')
  const supervisor = await staffActor('isabelle.moreau@cpam-paris.example.fr')

  it('a person writes with an attachment; only their caisse sees it; the answer e-mails them and counts as unread until read', async () => {
    const file = await uploadFile({ actor: jonathan, kind: 'other', filename: 'facture.pdf', bytes: PDF_BYTES, ...ctx })
    const { id } = await startThread({ actor: jonathan, input: { topic: 'reimbursement', subject: 'Remboursement de ma consultation', body: 'Bonjour, je ne vois pas le remboursement du 3 novembre.', attachmentIds: [file.id] }, ...ctx })
    const thread = await readThread({ actor: jonathan, threadId: id, ...ctx })
    expect(thread.messages[0]!.attachments.map((a) => a.filename)).toEqual(['facture.pdf'])
    // The same upload cannot be attached twice; another person's upload cannot be attached.
    expect(await codeOf(startThread({ actor: jonathan, input: { topic: 'other', subject: 'Encore', body: 'Le même fichier.', attachmentIds: [file.id] }, ...ctx }))).toBe('400 messaging.errors.attachment')
    expect(await codeOf(startThread({ actor: mei, input: { topic: 'other', subject: 'Hello', body: 'Not my file.', attachmentIds: [file.id] }, ...ctx }))).toBe('400 messaging.errors.attachment')

    // Scope: another person → 404; an advisor of another caisse → 404; an insured person on the advisor list → 403.
    expect(await codeOf(readThread({ actor: mei, threadId: id, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(replyToThread({ actor: mei, input: { threadId: id, body: 'Intrusion' }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(readThread({ actor: julie, threadId: id, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(replyToThread({ actor: julie, input: { threadId: id, body: 'Réponse' }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(listCaisseThreads({ actor: jonathan, filter: 'open' }))).toBe('403 forbidden')
    expect((await listCaisseThreads({ actor: julie, filter: 'all' })).map((t) => t.id)).not.toContain(id)
    expect((await listCaisseThreads({ actor: camille, filter: 'open' })).map((t) => t.id)).toContain(id)
    expect((await listCaisseThreads({ actor: supervisor, filter: 'open' })).map((t) => t.id)).toContain(id)

    await assignThreadToMe({ actor: camille, threadId: id, ...ctx })
    const opened = await readThread({ actor: camille, threadId: id, ...ctx })
    expect(opened.assignedToName).toBe('Camille Roux')
    expect((await getDb().message.findFirstOrThrow({ where: { threadId: id, authorRole: 'insured' } })).readAt).not.toBeNull()
    expect(await getDb().auditEvent.count({ where: { action: 'message.thread.open', targetId: id, actorUserId: camille.id } })).toBe(1)

    await replyToThread({ actor: camille, input: { threadId: id, body: 'Bonjour, le remboursement part demain.' }, ...ctx })
    expect((await getDb().messageThread.findUniqueOrThrow({ where: { id } })).status).toBe('answered')
    const mail = await getDb().outboxMessage.findFirstOrThrow({ where: { insuredId: jonathan.insuredId, template: 'messagingNotifications.answer' } })
    expect(mail.channel).toBe('email')
    expect(mail.body).not.toContain('remboursement part demain')
    expect((await listCaisseThreads({ actor: camille, filter: 'answered' })).map((t) => t.id)).toContain(id)
    expect((await listCaisseThreads({ actor: camille, filter: 'open' })).map((t) => t.id)).not.toContain(id)

    expect((await listMyThreads({ actor: jonathan })).unread).toBe(1)
    const read = await readThread({ actor: jonathan, threadId: id, ...ctx })
    expect(read.messages.map((m) => m.authorRole)).toEqual(['insured', 'advisor'])
    expect((await listMyThreads({ actor: jonathan })).unread).toBe(0)

    // The person answers again: the thread is open again for the caisse.
    await replyToThread({ actor: jonathan, input: { threadId: id, body: 'Merci beaucoup !' }, ...ctx })
    expect((await getDb().messageThread.findUniqueOrThrow({ where: { id } })).status).toBe('open')
  })

  it('refuses a short subject, an empty body and an unknown topic', async () => {
    await expect(startThread({ actor: jonathan, input: { topic: 'card', subject: 'a', body: 'Bonjour' }, ...ctx })).rejects.toThrow()
    await expect(startThread({ actor: jonathan, input: { topic: 'card', subject: 'Ma carte', body: ' ' }, ...ctx })).rejects.toThrow()
    await expect(startThread({ actor: jonathan, input: { topic: 'holiday', subject: 'Ma carte', body: 'Bonjour' }, ...ctx })).rejects.toThrow()
    expect(await codeOf(startThread({ actor: camille, input: { topic: 'card', subject: 'Ma carte', body: 'Bonjour' }, ...ctx }))).toBe('403 forbidden')
  })
})
