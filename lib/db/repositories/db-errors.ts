/**
 * Recognising database errors without leaking Prisma types out of lib/db: a unique-constraint violation
 * (Prisma P2002) on SQLite and PostgreSQL alike, optionally on a given column.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as { code?: unknown; meta?: unknown; message?: unknown }
  if (e.code !== 'P2002') return false
  if (!column) return true
  const text = `${JSON.stringify(e.meta ?? {})} ${typeof e.message === 'string' ? e.message : ''}`
  return text.includes(column)
}
