/**
 * The upload limits, defined once (issue 13 item 8) and read by every layer that enforces them:
 * - the browser (the affiliation form and the follow-up document form check sizes before sending, and keep the form),
 * - the server actions and services (checkUploadContent: per file; the affiliation action: per form),
 * - next.config.ts (serverActions.bodySizeLimit, proxyClientMaxBodySize) and proxy.ts (a body announced larger than
 *   MAX_FORM_REQUEST_BYTES is answered at once with a translated 413 page, instead of a 500 after reading it all).
 * Decimal megabytes, as the messages say them ("5 MB"). Pure data: no import.
 */
export const UPLOAD_LIMITS = {
  /** Largest accepted file. */
  fileBytes: 5_000_000,
  /** All the files of one form together (the affiliation request asks for up to 8 documents). */
  formBytes: 12_000_000,
  /** Room for the text fields and the multipart framing, on top of the files. */
  formOverheadBytes: 500_000,
} as const

/** The largest request body a form may send (files + fields). */
export const MAX_FORM_REQUEST_BYTES = UPLOAD_LIMITS.formBytes + UPLOAD_LIMITS.formOverheadBytes

export const megabytes = (bytes: number) => Math.floor(bytes / 1_000_000)

export type TSizeProblem = { problem: 'file'; name: string; maxMegabytes: number } | { problem: 'form'; maxMegabytes: number }

/** The first size problem of a set of chosen files (one too large, or all together), or null. Same answer in the browser and on the server. */
export function uploadSizeProblem(files: readonly { name: string; size: number }[]): TSizeProblem | null {
  const big = files.find((f) => f.size > UPLOAD_LIMITS.fileBytes)
  if (big) return { problem: 'file', name: big.name, maxMegabytes: megabytes(UPLOAD_LIMITS.fileBytes) }
  const total = files.reduce((sum, f) => sum + f.size, 0)
  if (total > UPLOAD_LIMITS.formBytes) return { problem: 'form', maxMegabytes: megabytes(UPLOAD_LIMITS.formBytes) }
  return null
}
