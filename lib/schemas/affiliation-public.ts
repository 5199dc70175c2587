import { z } from 'zod'

/**
 * The applicant's own steps on a request they follow (public, scoped by the follow-up cookie). Messages are i18n keys.
 */

/** Answering the caisse's document request: which document this file is (the page sends the one asked). */
export const ZAddAffiliationDocument = z.object({
  document: z.string({ error: 'affiliation.errors.wrongDocument' }).trim().min(1, 'affiliation.errors.wrongDocument').max(200, 'affiliation.errors.wrongDocument'),
})
export type TAddAffiliationDocument = z.infer<typeof ZAddAffiliationDocument>

/** Withdrawing the request: the applicant ticks a confirmation first. */
export const ZWithdrawAffiliation = z.object({
  confirm: z.preprocess((v) => v === 'on' || v === 'yes' || v === 'true' || v === true, z.literal(true, { error: 'affiliationPublic.errors.confirmWithdraw' })),
})
