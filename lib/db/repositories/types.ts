import type { Prisma } from '../generated/sqlite/client'

/** Input row types re-exported for code outside lib/db (seed scripts), which must not import Prisma itself. */
export type InsuredCreateManyInput = Prisma.InsuredCreateManyInput
