import 'server-only'
import type { Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { collectMyData, listStaffAccess } from '@/lib/db/repositories/my-data'
import { AppError } from '@/lib/errors'
import type { TActor, TRequestContext } from '@/lib/services/procedures/common'

function ownFile(actor: TActor): string {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  return actor.insuredId
}

const parse = (s: string): unknown => {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}

/**
 * GDPR right of access: the signed-in person's whole file as JSON (identity, beneficiaries, coverage, cards,
 * claims and payments, sick leaves, procedures, appointments, messages, documents issued, notifications, and
 * the audit events about them). Staff appear by role only (no staff ids, addresses or devices); no hash of any
 * kind. The export itself is audited. Insured persons only (403 otherwise).
 */
export async function exportMyData(db: Db, { actor, ...ctx }: { actor: TActor } & TRequestContext): Promise<{ filename: string; json: string }> {
  const insuredId = ownFile(actor)
  const now = ctx.now
  const d = await collectMyData(db, insuredId, actor.id)
  if (!d.insured) throw new AppError('notFound', 404)
  const data = {
    format: 'ameli-simulator/my-data',
    version: 1,
    exportedAt: now.toISOString(),
    notice: 'Simulateur pédagogique : données fictives. / Teaching simulator: fictitious data.',
    ...d,
    procedures: d.procedures.map((p) => ({ ...p, payload: parse(p.payload) })),
    documents: d.documents.map((x) => ({ ...x, snapshot: parse(x.snapshot) })),
    audit: d.audit.map(({ actorUserId, ip, userAgent, ...e }) => (actorUserId === actor.id ? { ...e, byYou: true, ip, userAgent } : { ...e, byYou: false })),
  }
  await writeAudit(db, { actorUserId: actor.id, actorRole: 'insured', action: 'insured.data.export', targetType: 'insured', targetId: insuredId, insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null })
  return { filename: `mes-donnees-ameli-${now.toISOString().slice(0, 10)}.json`, json: JSON.stringify(data, null, 2) }
}

export type TFileAccess = { id: string; at: Date; action: string; actorRole: string; actorName: string | null; organisation: string | null; outcome: string }

/**
 * "Who looked at my file": the audit events where an advisor or a supervisor opened or changed it, and the reads of
 * apps the person allowed (FHIR API, issue 18): for those the "who" is the app's name and the role "app".
 */
export async function listFileAccess(db: Db, { actor }: { actor: TActor }): Promise<TFileAccess[]> {
  const insuredId = ownFile(actor)
  const rows = await listStaffAccess(db, insuredId)
  return rows.map((r) => {
    if (r.action === 'fhir.read') {
      const d = JSON.parse(r.details) as { app?: string }
      return { id: r.id, at: r.at, action: r.action, actorRole: 'app', actorName: d.app ?? null, organisation: null, outcome: r.outcome }
    }
    return { id: r.id, at: r.at, action: r.action, actorRole: r.actorRole, actorName: r.actor?.displayName ?? null, organisation: r.actor?.organisation?.name ?? null, outcome: r.outcome }
  })
}
