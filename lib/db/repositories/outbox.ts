import type { Db, Tx } from '../client'

export type TOutboxInput = { channel: 'email' | 'sms'; recipient: string; insuredId: string | null; userId?: string | null; template: string; subject: string | null; body: string; locale: string }

export async function queueOutboxMessages(tx: Tx, messages: TOutboxInput[]): Promise<void> {
  for (const m of messages) {
    await tx.outboxMessage.create({ data: { channel: m.channel, recipient: m.recipient, insuredId: m.insuredId, userId: m.userId ?? null, template: m.template, subject: m.subject, body: m.body, locale: m.locale } })
  }
}

/** `locale`: the language the message was written in (the person's choice when it was sent). */
export type TNotificationDto = { id: string; channel: string; subject: string | null; body: string; locale: string; createdAt: Date; status: string }

/** The notifications sent to an insured person (visible in the app), newest first. */
export async function listOutboxForInsured(db: Db, insuredId: string, take = 50): Promise<TNotificationDto[]> {
  return db.outboxMessage.findMany({
    where: { insuredId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, channel: true, subject: true, body: true, locale: true, createdAt: true, status: true },
  })
}
