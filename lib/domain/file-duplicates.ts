/**
 * Likely duplicates on an insured person's file (issue 17 §7), shown as a warning on the 360° file:
 * - two open requests of the same type for the same person (the person or the same beneficiary);
 * - two claim lines of different care sheets with the same act, date of care, person and professional;
 * - two beneficiaries with the same name and birth date (case and accents ignored).
 * Pure: plain data in, groups out, each group in a stable order.
 */

export type TDuplicateFacts = {
  procedures: { id: string; reference: string; type: string; beneficiaryId: string | null }[]
  lines: { act: string; careDate: string; claimId: string; reference: string; beneficiaryId: string | null; professionalId: string | null; professional: string | null }[]
  beneficiaries: { id: string; firstNames: string; lastName: string; birthDate: string }[]
}

export type TDuplicateWarning =
  | { kind: 'procedures'; type: string; items: { id: string; reference: string }[] }
  | { kind: 'claims'; act: string; careDate: string; professional: string | null; items: { id: string; reference: string }[] }
  | { kind: 'beneficiaries'; name: string; birthDate: string; ids: string[] }

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase()

function groupBy<T>(items: T[], key: (t: T) => string): T[][] {
  const map = new Map<string, T[]>()
  for (const it of items) map.set(key(it), [...(map.get(key(it)) ?? []), it])
  return [...map.values()]
}

export function findDuplicates(f: TDuplicateFacts): TDuplicateWarning[] {
  const out: TDuplicateWarning[] = []
  for (const g of groupBy(f.procedures, (p) => `${p.type}|${p.beneficiaryId ?? ''}`)) {
    if (g.length > 1) out.push({ kind: 'procedures', type: g[0]!.type, items: g.map((p) => ({ id: p.id, reference: p.reference })) })
  }
  for (const g of groupBy(f.lines, (l) => `${l.act}|${l.careDate}|${l.beneficiaryId ?? ''}|${l.professionalId ?? ''}`)) {
    // Two lines of one care sheet (the same act twice, e.g. quantity split) are not a double entry.
    const claims = [...new Map(g.map((l) => [l.claimId, l])).values()]
    if (claims.length > 1) out.push({ kind: 'claims', act: g[0]!.act, careDate: g[0]!.careDate, professional: g[0]!.professional, items: claims.map((l) => ({ id: l.claimId, reference: l.reference })) })
  }
  for (const g of groupBy(f.beneficiaries, (b) => `${fold(b.firstNames)}|${fold(b.lastName)}|${b.birthDate}`)) {
    const ids = [...new Set(g.map((b) => b.id))]
    if (ids.length > 1) out.push({ kind: 'beneficiaries', name: `${g[0]!.firstNames} ${g[0]!.lastName}`, birthDate: g[0]!.birthDate, ids })
  }
  return out
}
