import { z } from 'zod'

/**
 * Environment, parsed once with zod (ARCHITECTURE convention 11).
 * Every variable has a safe local default except the session secret in production.
 */
const ZEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().min(1).default('file:./data/ameli.db'),
    NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters').optional(),
    /**
     * Secret rotation: the previous session secrets, comma-separated (newest first), still accepted to read a session
     * cookie but never used to sign one. Put the old NEXTAUTH_SECRET here when you set a new one; remove it after the
     * longest session lifetime (12 hours).
     */
    NEXTAUTH_SECRET_PREVIOUS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().min(32, 'each NEXTAUTH_SECRET_PREVIOUS entry must be at least 32 characters')).max(5)),
    NEXTAUTH_URL: z.url().optional(),
    /** Idle session lifetime, seconds (issue: sessions expire after 30 minutes idle). */
    SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(30 * 60),
    /** Set by `npm run demo` and the e2e suite: a local production build may use the built-in development secret. */
    ALLOW_INSECURE_LOCAL: z.enum(['0', '1']).default('0'),
  })
  .transform((env) => {
    const localDefault = 'local-development-secret-not-for-production-use-0123456789'
    if (!env.NEXTAUTH_SECRET && env.NODE_ENV === 'production' && env.ALLOW_INSECURE_LOCAL !== '1') {
      throw new Error(
        'NEXTAUTH_SECRET is missing: set it to a long random string (e.g. `openssl rand -base64 48`) before starting in production.',
      )
    }
    const current = env.NEXTAUTH_SECRET ?? localDefault
    /** Every secret a session cookie may be signed with: the first signs, all are accepted when reading. */
    const SESSION_SECRETS = [current, ...env.NEXTAUTH_SECRET_PREVIOUS.filter((s) => s !== current)]
    return { ...env, NEXTAUTH_SECRET: current, SESSION_SECRETS }
  })

export type TEnv = z.infer<typeof ZEnv>

let cached: TEnv | undefined

/** Parses an environment (process.env by default); throws a readable message listing every problem. */
export function parseEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const parsed = ZEnv.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Invalid environment:\n${lines}`)
  }
  return parsed.data
}

export function env(): TEnv {
  cached ??= parseEnv(process.env)
  return cached
}
