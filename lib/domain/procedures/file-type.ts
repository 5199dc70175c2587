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
