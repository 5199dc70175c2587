import { z } from 'zod'
import { ZAffiliationDocument, ZBirthPlaceInput } from './affiliation'

/**
 * Inputs of the advisor's steps on an affiliation request (back-office). Messages are i18n keys (root namespaces
 * `affiliation`, `affiliationAdvisor`, `procedureErrors`), translated by the actions.
 */
const ZProcedureId = z.string({ error: 'procedureErrors.field.required' }).trim().min(1, 'procedureErrors.field.required').max(64, 'procedureErrors.field.required')
const ZReason = z.string({ error: 'affiliation.errors.reasonRequired' }).trim().min(1, 'affiliation.errors.reasonRequired').max(500, 'procedureErrors.field.tooLong')

export const ZAcknowledgeAffiliation = z.object({ procedureId: ZProcedureId })
export type TAcknowledgeAffiliation = z.infer<typeof ZAcknowledgeAffiliation>

/** Ask the applicant for one document, with the reason shown to them (required). */
export const ZRequestAffiliationDocument = z.object({ procedureId: ZProcedureId, document: ZAffiliationDocument, reason: ZReason })
export type TRequestAffiliationDocument = z.infer<typeof ZRequestAffiliationDocument>

/** A number (temporary or permanent) is generated from the place of birth the advisor confirms. */
export const ZGiveAffiliationNumber = z.object({ procedureId: ZProcedureId, birthPlace: ZBirthPlaceInput })
export type TGiveAffiliationNumber = z.infer<typeof ZGiveAffiliationNumber>

export const ZRejectAffiliation = z.object({ procedureId: ZProcedureId, reason: ZReason })
export type TRejectAffiliation = z.infer<typeof ZRejectAffiliation>

/** A supporting document of a request, opened by an advisor. */
export const ZAffiliationDocumentRef = z.object({ procedureId: ZProcedureId, uploadId: ZProcedureId })
