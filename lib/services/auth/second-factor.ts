import 'server-only'
import type { Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findSecondFactorState, listUnusedRecoveryCodes, useRecoveryCode } from '@/lib/db/repositories/second-factor'
import { normalizeRecoveryCode, recoveryCodeMatches, totpMatches } from '@/lib/auth/totp'
import { AppError } from '@/lib/errors'

type TWhere = { ip: string | null; userAgent: string | null }

/**
 * The second step of a staff sign-in (issue 13 item 6), after the password was found right: when the advisor or
 * supervisor has two-factor sign-in on, `otp` must be the current 6-digit TOTP code of their authenticator, or one of
 * their unused recovery codes (then spent). Audited: auth.totp.success / auth.totp.failure / auth.recovery-code.used.
 * Staff who have not enrolled yet sign in with the password and are sent to enrol before any back-office page
 * (lib/auth/session.ts). Errors: auth.otpRequired 401 (no code typed), auth.otpInvalid 401.
 */
export async function checkSecondFactor(db: Db, args: { userId: string; role: string; otp: unknown; now: Date; where: TWhere }): Promise<void> {
  const { userId, role, now, where } = args
  if (role !== 'advisor' && role !== 'supervisor') return
  const state = await findSecondFactorState(db, userId)
  if (!state?.totpEnabledAt || !state.totpSecret) return
  const audit = { actorUserId: userId, actorRole: role, targetType: 'user', targetId: userId, ...where } as const
  const otp = typeof args.otp === 'string' ? args.otp.trim().slice(0, 40) : ''
  if (!otp) {
    await writeAudit(db, { ...audit, action: 'auth.totp.failure', outcome: 'failure', details: { reason: 'missing' } })
    throw new AppError('auth.otpRequired', 401)
  }
  const digits = otp.replace(/\s/g, '')
  if (/^\d{6}$/.test(digits)) {
    if (await totpMatches(state.totpSecret, digits, now)) {
      await writeAudit(db, { ...audit, action: 'auth.totp.success' })
      return
    }
  } else if (normalizeRecoveryCode(otp)) {
    const codes = await listUnusedRecoveryCodes(db, userId)
    const match = codes.find((c) => recoveryCodeMatches(c.codeHash, otp))
    if (match) {
      const used = await db.$transaction(async (tx) => {
        if (!(await useRecoveryCode(tx, match.id, now))) return false
        await writeAudit(tx, { ...audit, action: 'auth.recovery-code.used', details: { remaining: codes.length - 1 } })
        return true
      })
      if (used) return
    }
  }
  await writeAudit(db, { ...audit, action: 'auth.totp.failure', outcome: 'failure', details: { reason: /^\d{6}$/.test(digits) ? 'wrong-code' : 'wrong-recovery-code' } })
  throw new AppError('auth.otpInvalid', 401)
}
