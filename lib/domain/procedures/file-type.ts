/**
 * File type by content (magic bytes), never by name or declared type: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A),
 * PDF (%PDF-). Photos accept JPEG and PNG; documents also PDF. Pure.
 */
export type TDetectedType = 'image/jpeg' | 'image/png' | 'application/pdf';

export function detectFileType(bytes: Uint8Array): TDetectedType | null {
  const at = (i: number) => bytes[i];
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => at(i) === b)) return 'image/png';
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d];
  if (bytes.length >= 5 && pdf.every((b, i) => at(i) === b)) return 'application/pdf';
  return null;
}

/** Types accepted for an upload kind: a photo must be an image; any other document may also be a PDF. */
export function acceptedTypes(kind: string): readonly TDetectedType[] {
  return kind === 'photo' ? ['image/jpeg', 'image/png'] : ['image/jpeg', 'image/png', 'application/pdf'];
}

/** The extension a stored file takes: the one of its detected type, never the one it was sent with. */
export function extensionOf(type: TDetectedType): string {
  return type === 'image/jpeg' ? 'jpg' : type === 'image/png' ? 'png' : 'pdf';
}

/**
 * The name a file is stored (and later downloaded) under (issue 13 item 8: `x.html` and `a\u202Egpj.exe` were kept as
 * given): no path parts, no bidirectional or other control characters, only letters, digits, spaces, `.`, `_`, `-`,
 * no leading dot, at most 100 characters before the extension, and the extension of the detected type replacing
 * whatever the sender wrote (`x.html` sent as a PDF → `x.pdf`; a name left empty → `document.pdf`).
 */
export function safeFileName(sent: string, type: TDetectedType): string {
  const base = sent
    .normalize('NFC')
    .split(/[/\\]/)
    .pop()!
    // Bidi controls (LRM, RLM, ALM, LRE…RLO, LRI…PDI) and every other control or format character.
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^[.\s]+/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._-]/gu, '_')
    .trim()
    .slice(0, 100)
    .trim();
  return `${base || 'document'}.${extensionOf(type)}`;
}

/** PDF names that run code or open something on their own: refused in an uploaded PDF. */
export const PDF_ACTIVE_NAMES = ['JavaScript', 'JS', 'OpenAction', 'AA', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'SubmitForm', 'ImportData', 'XFA'] as const;

/**
 * The first active-content name (/JavaScript, /JS, /OpenAction, /AA, /Launch, /EmbeddedFile…) found in a piece of
 * PDF text, or null. Names may be written with #xx escapes (`/J#53` is `/JS`): they are decoded first. A name ends
 * at a delimiter, so `/JSON` or `/AAPL` do not count. The caller passes the file and each of its decompressed
 * streams (object streams can hide dictionaries).
 */
export function pdfActiveName(text: string): string | null {
  const names = /\/([^\s()<>[\]{}/%]+)/g;
  for (let m = names.exec(text); m; m = names.exec(text)) {
    const name = m[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if ((PDF_ACTIVE_NAMES as readonly string[]).includes(name)) return name;
  }
  return null;
}
