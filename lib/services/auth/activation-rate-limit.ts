import 'server-only'
import { createLoginLimiter, intFromEnv, type TLoginLimiter } from './login-rate-limit'

const globalForLimiter = globalThis as unknown as { activationLimiter?: TLoginLimiter }

/**
 * The account-activation requests (each may send an SMS): 20 per IP and 3 per NIR every hour (rate-limiter-flexible,
 * shared through Redis when REDIS_URL is set, see lib/services/system/rate-limiters.ts). Counted whether or not the NIR exists, so the limit reveals nothing.
 */
export function activationLimiter(): TLoginLimiter {
  globalForLimiter.activationLimiter ??= createLoginLimiter({
    prefix: 'activation',
    ipPoints: intFromEnv('ACTIVATION_LIMIT_PER_IP', 20),
    accountPoints: intFromEnv('ACTIVATION_LIMIT_PER_NIR', 3),
    durationSeconds: 60 * 60,
  })
  return globalForLimiter.activationLimiter
}
