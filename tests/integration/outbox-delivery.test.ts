import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaClient, getDb, type Db } from '@/lib/db/client'
import { queueOutboxMessages, type TOutboxInput } from '@/lib/db/repositories/outbox'
import { deliverOutbox } from '@/lib/jobs/deliver-outbox'
import { expireStale } from '@/lib/jobs/expire'
import { loggingSmsGateway, maskPhone, smtpSender } from '@/lib/jobs/transports'

/**
 * Issue 14 item 3 (ADR 0011): outbox delivery to a real SMTP server (nodemailer's smtp-server, in this process):
 * each message delivered once even with two deliverers racing; a temporary SMTP refusal is retried with back-off;
 * a permanent one fails at once; SMS through the logging gateway, number masked.
 */
type TReceived = { to: string[]; raw: string }
const received: TReceived[] = []
/** Recipients the server answers 451 (try later) or 550 (unknown) to. */
const temporarilyRefused = new Set<string>()
let port = 0
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('unknown@')) return callback(Object.assign(new Error('5.1.1 mailbox unknown'), { responseCode: 550 }))
    if (temporarilyRefused.has(address.address)) return callback(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 }))
    callback()
  },
  onData(stream, session, callback) {
    let raw = ''
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
      callback()
    })
  },
})
const clients: Db[] = []
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await Promise.all(clients.map((c) => c.$disconnect()))
})

function instance(): Db {
  const db = createPrismaClient(process.env.DATABASE_URL)
  clients.push(db)
  return db
}
const email = (recipient: string, subject: string): TOutboxInput => ({ channel: 'email', recipient, insuredId: null, template: 'test', subject, body: `Bonjour,\n${subject}`, locale: 'fr' })
async function queue(messages: TOutboxInput[]): Promise<void> {
  await getDb().$transaction((tx) => queueOutboxMessages(tx, messages))
}
const sms = loggingSmsGateway(() => {})

describe('outbox delivery through SMTP', () => {
  it('delivers every queued e-mail exactly once even with two deliverers (two instances) racing', async () => {
    const db = getDb()
    await db.outboxMessage.updateMany({ where: { status: 'queued' }, data: { status: 'delivered' } }) // the seed's history
    const recipients = Array.from({ length: 12 }, (_, i) => `person${i}@example.org`)
    await queue(recipients.map((r, i) => email(r, `Message ${i}`)))
    received.length = 0
    const now = new Date('2026-12-04T10:00:00Z')
    const sender = () => smtpSender(`smtp://127.0.0.1:${port}`)
    const [a, b] = await Promise.all([deliverOutbox(instance(), { now, email: sender(), sms, batch: 50 }), deliverOutbox(instance(), { now, email: sender(), sms, batch: 50 })])
    expect(a.delivered + b.delivered).toBe(12)
    // Each message once: 12 received, no recipient twice.
    expect(received).toHaveLength(12)
    expect(received.map((r) => r.to[0]).sort()).toEqual([...recipients].sort())
    expect(received[0]!.raw).toMatch(/^Subject: Message \d+/m)
    expect(received[0]!.raw).toMatch(/^Message-ID: <\w+@ameli-simulateur\.example\.fr>/m)
    const rows = await db.outboxMessage.findMany({ where: { recipient: { in: recipients } } })
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1 && r.deliveredAt?.getTime() === now.getTime() && r.claimToken === null)).toBe(true)
    // A second pass sends nothing more.
    const again = await deliverOutbox(db, { now: new Date('2026-12-04T10:01:00Z'), email: sender(), sms })
    expect(again.delivered).toBe(0)
    expect(received).toHaveLength(12)
  })

  it('retries a temporary SMTP refusal with back-off (1 min, 2 min…), fails a permanent one at once, and gives up after the last attempt', async () => {
    const db = getDb()
    received.length = 0
    temporarilyRefused.add('later@example.org')
    await queue([email('later@example.org', 'Retry me'), email('unknown@example.org', 'Never')])
    const send = smtpSender(`smtp://127.0.0.1:${port}`)
    const t0 = new Date('2026-12-05T09:00:00Z')
    const r0 = await deliverOutbox(db, { now: t0, email: send, sms })
    expect(r0).toMatchObject({ delivered: 0, retrying: 1, failed: 1 })
    const later = await db.outboxMessage.findFirstOrThrow({ where: { recipient: 'later@example.org' } })
    expect(later).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: new Date('2026-12-05T09:01:00Z') })
    expect(later.lastError).toMatch(/451/)
    expect(await db.outboxMessage.findFirstOrThrow({ where: { recipient: 'unknown@example.org' } })).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/550/) })
    // Before the back-off: not attempted.
    expect((await deliverOutbox(db, { now: new Date('2026-12-05T09:00:30Z'), email: send, sms })).retrying).toBe(0)
    // Still refused at 09:01 → next at 09:03 (2 min).
    await deliverOutbox(db, { now: new Date('2026-12-05T09:01:00Z'), email: send, sms })
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ attempts: 2, nextAttemptAt: new Date('2026-12-05T09:03:00Z') })
    // The server accepts again: delivered once, at the third attempt.
    temporarilyRefused.delete('later@example.org')
    expect(await deliverOutbox(db, { now: new Date('2026-12-05T09:03:00Z'), email: send, sms })).toMatchObject({ delivered: 1 })
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ status: 'delivered', attempts: 3, lastError: null })
    expect(received.filter((r) => r.to[0] === 'later@example.org')).toHaveLength(1)
    expect(received.filter((r) => r.to[0] === 'unknown@example.org')).toHaveLength(0)

    // A server that never answers: failed after maxAttempts.
    await queue([email('down@example.org', 'Down')])
    const dead = smtpSender('smtp://127.0.0.1:1')
    let t = new Date('2026-12-05T10:00:00Z')
    for (let i = 0; i < 3; i++) {
      await deliverOutbox(db, { now: t, email: dead, sms, maxAttempts: 3 })
      t = new Date(t.getTime() + 10 * 60_000)
    }
    expect(await db.outboxMessage.findFirstOrThrow({ where: { recipient: 'down@example.org' } })).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringMatching(/ECONNREFUSED/) })
  })

  it('sends SMS through the gateway (logging driver: number masked, no text) and never resends a message left "sending"', async () => {
    const db = getDb()
    const lines: string[] = []
    await queue([{ channel: 'sms', recipient: '+33612345678', insuredId: null, template: 'code', subject: null, body: 'Votre code : 123456', locale: 'fr' }])
    const r = await deliverOutbox(db, { now: new Date('2026-12-06T08:00:00Z'), email: smtpSender(`smtp://127.0.0.1:${port}`), sms: loggingSmsGateway((l) => lines.push(l)) })
    expect(r.delivered).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(maskPhone('+33612345678'))
    expect(lines[0]).not.toContain('12345678')
    expect(lines[0]).not.toContain('123456')
    // A deliverer that stopped after claiming: the message is not picked up again, and expires as failed.
    await queue([email('crash@example.org', 'Claimed then crashed')])
    const m = await db.outboxMessage.findFirstOrThrow({ where: { recipient: 'crash@example.org' } })
    await db.outboxMessage.update({ where: { id: m.id }, data: { status: 'sending', claimToken: 'dead', claimedAt: new Date('2026-12-06T08:00:00Z') } })
    received.length = 0
    await deliverOutbox(db, { now: new Date('2026-12-06T08:05:00Z'), email: smtpSender(`smtp://127.0.0.1:${port}`), sms })
    expect(received).toHaveLength(0)
    await expireStale(db, new Date('2026-12-06T08:20:00Z'))
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/not resent/) })
  })
})
