import 'server-only'
import { createLoginLimiter, intFromEnv, type TLoginLimiter } from './login-rate-limit'

const g = globalThis as unknown as { passwordResetLimiter?: TLoginLimiter }

/**
 * Forgotten-password requests and code checks (each request may send an SMS or an e-mail): 20 per address and 5 per
 * NIR every hour, counted whether or not the NIR exists (the limit reveals nothing). The per-account limit on codes
 * sent is also kept in the database (3 codes an hour, password-reset.ts), so a restart does not reset it.
 */
export function passwordResetLimiter(): TLoginLimiter {
  g.passwordResetLimiter ??= createLoginLimiter({
    prefix: 'password-reset',
    ipPoints: intFromEnv('PASSWORD_RESET_LIMIT_PER_IP', 20),
    accountPoints: intFromEnv('PASSWORD_RESET_LIMIT_PER_NIR', 5),
    durationSeconds: 60 * 60,
  })
  return g.passwordResetLimiter
}
