import 'server-only'
import QRCode from 'qrcode'
import { z } from 'zod'
import { getDb, type Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { enableTotp, findSecondFactorState, listUnusedRecoveryCodes, replaceRecoveryCodes, storePendingTotpSecret } from '@/lib/db/repositories/second-factor'
import { hashRecoveryCode, newRecoveryCode, newTotpSecret, RECOVERY_CODE_COUNT, totpMatches, totpUri } from '@/lib/auth/totp'
import { AppError } from '@/lib/errors'
import type { TActor, TRequestContext } from '../procedures/common'

/**
 * Enrolment in the staff two-factor sign-in (issue 13 item 6): a secret is drawn (kept pending on the account) and
 * shown as a QR code (otpauth:// URI) and as text; the first right code from the authenticator turns two-factor
 * sign-in on and yields 10 single-use recovery codes, shown once and stored hashed. Audited: auth.totp.enrolled.
 */
export type TEnrolmentView =
  | { enabled: true; enabledAt: Date; recoveryCodesLeft: number }
  | { enabled: false; secret: string; uri: string; qrSvg: string }

function staffOnly(actor: TActor): void {
  if (actor.role !== 'advisor' && actor.role !== 'supervisor') throw new AppError('forbidden', 403)
}

export async function getTotpEnrolment({ actor, db = getDb() }: { actor: TActor; db?: Db }): Promise<TEnrolmentView> {
  staffOnly(actor)
  let state = await findSecondFactorState(db, actor.id)
  if (!state) throw new AppError('forbidden', 403)
  if (state.totpEnabledAt) {
    const left = (await listUnusedRecoveryCodes(db, actor.id)).length
    return { enabled: true, enabledAt: state.totpEnabledAt, recoveryCodesLeft: left }
  }
  if (!state.totpSecret) {
    await storePendingTotpSecret(db, actor.id, newTotpSecret())
    state = await findSecondFactorState(db, actor.id)
  }
  const secret = state!.totpSecret!
  const uri = totpUri(secret, state!.email ?? actor.id)
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { enabled: false, secret, uri, qrSvg }
}

export const ZTotpConfirm = z.object({ code: z.string({ error: 'auth.otpInvalid' }).trim().regex(/^\d{6}$/, 'auth.otpInvalid') })

/** Checks the first code and turns two-factor sign-in on; returns the recovery codes (the only time they are shown). */
export async function confirmTotpEnrolment({ actor, input, db = getDb(), ...ctx }: { actor: TActor; input: unknown; db?: Db } & TRequestContext): Promise<{ recoveryCodes: string[] }> {
  staffOnly(actor)
  const now = ctx.now
  const { code } = ZTotpConfirm.parse(input)
  const state = await findSecondFactorState(db, actor.id)
  if (!state || state.totpEnabledAt || !state.totpSecret) throw new AppError('auth.otpAlreadyEnabled', 409)
  const audit = { actorUserId: actor.id, actorRole: actor.role, targetType: 'user', targetId: actor.id, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null }
  if (!(await totpMatches(state.totpSecret, code, now))) {
    await writeAudit(db, { ...audit, action: 'auth.totp.enrol.failure', outcome: 'failure' })
    throw new AppError('auth.otpInvalid', 422)
  }
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  await db.$transaction(async (tx) => {
    await enableTotp(tx, actor.id, now)
    await replaceRecoveryCodes(tx, actor.id, recoveryCodes.map((c) => hashRecoveryCode(c)), now)
    await writeAudit(tx, { ...audit, action: 'auth.totp.enrolled', details: { recoveryCodes: RECOVERY_CODE_COUNT } })
  })
  return { recoveryCodes }
}
