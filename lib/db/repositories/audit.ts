import type { Db, Tx } from '../client'

export type TAuditInput = {
  actorUserId?: string | null
  actorRole: 'insured' | 'advisor' | 'supervisor' | 'system' | 'anonymous'
  action: string
  targetType?: string
  targetId?: string
  insuredId?: string | null
  outcome?: 'success' | 'failure' | 'denied'
  ip?: string | null
  userAgent?: string | null
  details?: Record<string, unknown>
}

/** Writes one audit event; call it with the transaction client of the change it records. */
export async function writeAudit(db: Db | Tx, event: TAuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorUserId: event.actorUserId ?? null,
      actorRole: event.actorRole,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      insuredId: event.insuredId ?? null,
      outcome: event.outcome ?? 'success',
      ip: event.ip ?? null,
      userAgent: event.userAgent ? event.userAgent.slice(0, 400) : null,
      details: JSON.stringify(event.details ?? {}),
    },
  })
}

export type TAuditEventDto = {
  id: string
  at: Date
  action: string
  actorRole: string
  actorName: string | null
  outcome: string
  ip: string | null
}

/** Audit events about one insured person's file, newest first ("who looked at my file"). */
export async function listAuditForInsured(db: Db, insuredId: string, take = 50): Promise<TAuditEventDto[]> {
  const rows = await db.auditEvent.findMany({
    where: { insuredId },
    orderBy: { at: 'desc' },
    take,
    select: { id: true, at: true, action: true, actorRole: true, outcome: true, ip: true, actor: { select: { displayName: true } } },
  })
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, actorRole: r.actorRole, actorName: r.actor?.displayName ?? null, outcome: r.outcome, ip: r.ip }))
}
