/**
 * Notes and contacts on an insured person's file (issue 17 §7, the 360° file): an internal note, or a contact with
 * the person (calls in and out, a visit at the front desk, letters received and sent, an e-mail).
 */
export const FILE_NOTE_KINDS = ['note', 'call-in', 'call-out', 'visit', 'letter-in', 'letter-out', 'email'] as const
export type TFileNoteKind = (typeof FILE_NOTE_KINDS)[number]

/** A document's check by an advisor: compliant, or not compliant with a reason. */
export const UPLOAD_VERDICTS = ['compliant', 'not-compliant'] as const
export type TUploadVerdict = (typeof UPLOAD_VERDICTS)[number]
