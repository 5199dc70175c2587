import type { Db, Tx } from '../client'

// ── The authorization server's state (oidc-provider adapter, lib/oauth/adapter.ts; ADR 0012) ──

export type TOidcRow = { payload: string; expiresAt: Date | null; consumedAt: Date | null }

const rowId = (type: string, id: string) => `${type}:${id}`

export async function upsertOidcPayload(
  db: Db,
  type: string,
  id: string,
  data: { payload: string; grantId: string | null; userCode: string | null; uid: string | null; expiresAt: Date | null },
): Promise<void> {
  const key = rowId(type, id)
  await db.oidcPayload.upsert({ where: { id: key }, create: { id: key, type, ...data }, update: data })
}

export function findOidcPayload(db: Db, type: string, id: string): Promise<TOidcRow | null> {
  return db.oidcPayload.findUnique({ where: { id: rowId(type, id) }, select: { payload: true, expiresAt: true, consumedAt: true } })
}

export function findOidcPayloadBy(db: Db, type: string, where: { uid: string } | { userCode: string }): Promise<TOidcRow | null> {
  return db.oidcPayload.findFirst({ where: { type, ...where }, select: { payload: true, expiresAt: true, consumedAt: true } })
}

export async function consumeOidcPayload(db: Db, type: string, id: string, at: Date): Promise<void> {
  await db.oidcPayload.updateMany({ where: { id: rowId(type, id) }, data: { consumedAt: at } })
}

export async function destroyOidcPayload(db: Db, type: string, id: string): Promise<void> {
  await db.oidcPayload.deleteMany({ where: { id: rowId(type, id) } })
}

/** Every token, code and grant row issued under a grant (revocation: they stop working at once). */
export async function destroyOidcGrant(db: Db | Tx, grantId: string): Promise<number> {
  const r = await db.oidcPayload.deleteMany({ where: { grantId } })
  return r.count
}

/** Housekeeping: rows expired before `before`. */
export async function purgeExpiredOidcPayloads(db: Db, before: Date): Promise<number> {
  const r = await db.oidcPayload.deleteMany({ where: { expiresAt: { lt: before } } })
  return r.count
}

// ── Registered apps ──

export type TOAuthAppDto = {
  id: string
  clientId: string
  name: string
  website: string
  developer: string
  contactEmail: string
  redirectUris: string[]
  status: string
  rateLimitPerMinute: number
  createdAt: Date
  reviewedAt: Date | null
}

const appSelect = {
  id: true,
  clientId: true,
  name: true,
  website: true,
  developer: true,
  contactEmail: true,
  redirectUris: true,
  status: true,
  rateLimitPerMinute: true,
  createdAt: true,
  reviewedAt: true,
} as const

type TAppRow = Omit<TOAuthAppDto, 'redirectUris'> & { redirectUris: string }
const toApp = (r: TAppRow): TOAuthAppDto => ({ ...r, redirectUris: JSON.parse(r.redirectUris) as string[] })

export async function findOAuthApp(db: Db | Tx, clientId: string): Promise<TOAuthAppDto | null> {
  const r = await db.oAuthApp.findUnique({ where: { clientId }, select: appSelect })
  return r ? toApp(r) : null
}

export async function listOAuthApps(db: Db | Tx, status?: string): Promise<TOAuthAppDto[]> {
  const rows = await db.oAuthApp.findMany({ where: status ? { status } : {}, select: appSelect, orderBy: { createdAt: 'desc' } })
  return rows.map(toApp)
}

export async function createOAuthApp(
  db: Db | Tx,
  data: { clientId: string; name: string; website: string; developer: string; contactEmail: string; redirectUris: string[]; status?: string; rateLimitPerMinute?: number },
): Promise<TOAuthAppDto> {
  const r = await db.oAuthApp.create({ data: { ...data, redirectUris: JSON.stringify(data.redirectUris) }, select: appSelect })
  return toApp(r)
}

/** Approves or rejects a pending app; false when it was not pending. */
export async function reviewOAuthApp(tx: Tx, id: string, status: 'approved' | 'rejected', reviewerUserId: string, at: Date): Promise<boolean> {
  const r = await tx.oAuthApp.updateMany({ where: { id, status: 'pending' }, data: { status, reviewedAt: at, reviewedByUserId: reviewerUserId } })
  return r.count > 0
}

// ── Consents ──

export type TOAuthConsentDto = {
  id: string
  grantId: string
  clientId: string
  userId: string
  insuredId: string
  beneficiaryIds: string[]
  scopes: string[]
  createdAt: Date
  expiresAt: Date
  revokedAt: Date | null
}

const consentSelect = {
  id: true,
  grantId: true,
  clientId: true,
  userId: true,
  insuredId: true,
  beneficiaryIds: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
} as const

type TConsentRow = Omit<TOAuthConsentDto, 'beneficiaryIds' | 'scopes'> & { beneficiaryIds: string; scopes: string }
const toConsent = (r: TConsentRow): TOAuthConsentDto => ({
  ...r,
  beneficiaryIds: JSON.parse(r.beneficiaryIds) as string[],
  scopes: r.scopes.split(' ').filter(Boolean),
})

export async function createOAuthConsent(
  tx: Tx,
  data: { grantId: string; clientId: string; userId: string; insuredId: string; beneficiaryIds: string[]; scopes: string[]; expiresAt: Date },
): Promise<TOAuthConsentDto> {
  const r = await tx.oAuthConsent.create({
    data: { ...data, beneficiaryIds: JSON.stringify(data.beneficiaryIds), scopes: data.scopes.join(' ') },
    select: consentSelect,
  })
  return toConsent(r)
}

export async function findOAuthConsentByGrant(db: Db | Tx, grantId: string): Promise<TOAuthConsentDto | null> {
  const r = await db.oAuthConsent.findUnique({ where: { grantId }, select: consentSelect })
  return r ? toConsent(r) : null
}

/** The consents of a file, newest first (Mes données: the apps with access). */
export async function listOAuthConsentsOfInsured(db: Db | Tx, insuredId: string): Promise<TOAuthConsentDto[]> {
  const rows = await db.oAuthConsent.findMany({ where: { insuredId }, select: consentSelect, orderBy: { createdAt: 'desc' } })
  return rows.map(toConsent)
}

/** Marks a consent of this file revoked; false when it is not theirs or already revoked. */
export async function revokeOAuthConsent(tx: Tx, id: string, insuredId: string, at: Date): Promise<{ grantId: string; clientId: string } | null> {
  const c = await tx.oAuthConsent.findFirst({ where: { id, insuredId, revokedAt: null }, select: { grantId: true, clientId: true } })
  if (!c) return null
  await tx.oAuthConsent.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } })
  return c
}
