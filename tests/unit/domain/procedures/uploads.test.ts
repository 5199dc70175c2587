import { describe, expect, it } from 'vitest'
import { pdfActiveName, safeFileName } from '@/lib/domain/procedures/file-type'
import { MAX_FORM_REQUEST_BYTES, UPLOAD_LIMITS, uploadSizeProblem } from '@/lib/domain/procedures/upload-limits'

/** Issue 13 item 8: one set of upload limits, file names that cannot mislead, PDFs without active content. */
describe('upload limits, shared by the browser, the actions and the proxy', () => {
  it('a file over 5 MB is named; files over 12 MB together are refused as a whole; the request limit leaves room for the fields', () => {
    expect(uploadSizeProblem([{ name: 'a.pdf', size: UPLOAD_LIMITS.fileBytes }])).toBeNull()
    expect(uploadSizeProblem([{ name: 'a.pdf', size: 10 }, { name: 'big.pdf', size: UPLOAD_LIMITS.fileBytes + 1 }])).toEqual({ problem: 'file', name: 'big.pdf', maxMegabytes: 5 })
    // The review's case: 3 PDFs of 3.6 MB each pass the per-file limit and the form limit (10.8 MB ≤ 12 MB)…
    expect(uploadSizeProblem([3_600_000, 3_600_000, 3_600_000].map((size, i) => ({ name: `${i}.pdf`, size })))).toBeNull()
    // …4 of them do not.
    expect(uploadSizeProblem([1, 2, 3, 4].map((i) => ({ name: `${i}.pdf`, size: 3_600_000 })))).toEqual({ problem: 'form', maxMegabytes: 12 })
    expect(MAX_FORM_REQUEST_BYTES).toBeGreaterThan(UPLOAD_LIMITS.formBytes)
  })
})

describe('safeFileName', () => {
  it('no path, no bidi or control characters, the extension of the detected type', () => {
    expect(safeFileName('x.html', 'application/pdf')).toBe('x.pdf')
    expect(safeFileName('a\u202Egpj.exe', 'image/jpeg')).toBe('agpj.jpg')
    expect(safeFileName('..\\..\\win.ini', 'image/png')).toBe('win.png')
    expect(safeFileName('.bashrc', 'image/png')).toBe('bashrc.png')
    expect(safeFileName('<img src=x>.pdf', 'application/pdf')).toBe('_img src_x_.pdf')
    expect(safeFileName('a'.repeat(300) + '.pdf', 'application/pdf')).toHaveLength(104)
    expect(safeFileName('\u200f', 'application/pdf')).toBe('document.pdf')
  })
})

describe('pdfActiveName', () => {
  it('finds /JavaScript, /JS, /OpenAction, /AA, /Launch, /EmbeddedFile, #-escaped too; not /JSON nor /AAPL', () => {
    expect(pdfActiveName('<< /S /JavaScript >>')).toBe('JavaScript')
    expect(pdfActiveName('<</JS(x)>>')).toBe('JS')
    expect(pdfActiveName('<</OpenAction 3 0 R>>')).toBe('OpenAction')
    expect(pdfActiveName('<</AA<<>>>>')).toBe('AA')
    expect(pdfActiveName('/Launch')).toBe('Launch')
    expect(pdfActiveName('/EmbeddedFile')).toBe('EmbeddedFile')
    expect(pdfActiveName('/J#53 (x)')).toBe('JS')
    expect(pdfActiveName('<< /JSON 1 /AAPL 2 /Type /Page >>')).toBeNull()
  })
})
