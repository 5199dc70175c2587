/**
 * Every caisse primaire of France (issue 17 §2): one organisation per département, so that a move to another
 * département moves the file to that département's caisse (declare-address-change). The département names come from
 * the official list (@etalab/decoupage-administratif, INSEE), with the article the name takes ("de l'Ain",
 * "des Bouches-du-Rhône"); the caisse's postal address is the chef-lieu's. The four demo caisses (75, 69, 21, 67),
 * with their reception points, are written from demo-data.ts and are not repeated here.
 * Simplifications: one caisse per département (the Nord has four CPAMs in reality, the Pas-de-Calais two: the main one
 * is named); overseas, the CGSS (Guadeloupe, Martinique, Guyane, La Réunion) and the CSS de Mayotte play the CPAM's part.
 */
import fs from 'node:fs'
import path from 'node:path'

/** Read as plain JSON (a module import of the 8 MB communes file is slow in the test runner). */
function officialData<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(process.cwd(), 'node_modules', '@etalab', 'decoupage-administratif', 'data', file), 'utf8')) as T
}

export type TGeneratedCaisse = { code: string; kind: 'cpam' | 'cgss'; name: string; department: string; postalCode: string; city: string }

/** INSEE "type de nom en clair" → the preposition and article: 0 de, 1 d', 2 du, 3 de la, 4 des, 5 de l', 6 des (aux), 7 de las, 8 de los. */
const LIAISON = ['de ', "d'", 'du ', 'de la ', 'des ', "de l'", 'des ', 'de las ', 'de los ']

/** Names that are not "CPAM" + the département's name. */
const SPECIAL_NAMES: Record<string, { name: string; kind?: 'cgss' }> = {
  '59': { name: 'CPAM de Lille-Douai' },
  '62': { name: "CPAM de l'Artois" },
  '971': { name: 'CGSS de la Guadeloupe', kind: 'cgss' },
  '972': { name: 'CGSS de la Martinique', kind: 'cgss' },
  '973': { name: 'CGSS de la Guyane', kind: 'cgss' },
  '974': { name: 'CGSS de La Réunion', kind: 'cgss' },
  '976': { name: 'CSS de Mayotte', kind: 'cgss' },
}

/** Caisse code as printed on the attestation: département + "1" ("011" Ain, "131" Bouches-du-Rhône), Corsica 201/202, overseas 97x. */
function caisseCode(department: string): string {
  if (department === '2A') return '201'
  if (department === '2B') return '202'
  return department.length === 3 ? department : `${department}1`
}

type TDep = { code: string; nom: string; typeLiaison: number; chefLieu: string; zone: string }
type TCommune = { code: string; nom: string; type: string; codesPostaux?: string[] }

/** The 101 départements that have a caisse (metropolitan France and the 5 DROM; not the overseas collectivities). */
export function allCaisses(exceptDepartments: ReadonlySet<string>): TGeneratedCaisse[] {
  const towns = new Map(officialData<TCommune[]>('communes.json').filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]))
  return officialData<TDep[]>('departements.json')
    .filter((d) => (d.zone === 'metro' || d.zone === 'drom') && !exceptDepartments.has(d.code))
    .map((d) => {
      const special = SPECIAL_NAMES[d.code]
      const chefLieu = towns.get(d.chefLieu)
      return {
        code: caisseCode(d.code),
        kind: special?.kind ?? 'cpam',
        name: special?.name ?? `CPAM ${LIAISON[d.typeLiaison] ?? 'de '}${d.nom}`,
        department: d.code,
        postalCode: [...(chefLieu?.codesPostaux ?? [])].sort()[0] ?? `${d.code.slice(0, 2)}000`,
        city: chefLieu?.nom ?? d.nom,
      }
    })
}
