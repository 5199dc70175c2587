import { z } from 'zod'

/**
 * A path of this site, for "come back here after signing in": "/compte/paiements?x=1".
 * Never an absolute URL, "//host" or "/\host" (browsers read both as another site): no open redirect.
 */
export const ZLocalPath = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s\\]*$/)
