import 'server-only'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '@/lib/errors'
import { normaliseTownName } from '@/lib/schemas/plausible'

/**
 * The official list of French towns and their postal codes (issue 17 §2): the communes of the INSEE Code officiel
 * géographique with La Poste's postal codes, as shipped by the npm package @etalab/decoupage-administratif (pinned).
 * Its communes.json (8 MB) is read once, lazily, on the first address checked, and reduced to a compact in-memory
 * index postal code → towns; nothing of it reaches the browser.
 */

/** The package's data folder (the server runs from the project root: next start, the seed, the tests). */
export const OFFICIAL_DATA_DIR = path.join(process.cwd(), 'node_modules', '@etalab', 'decoupage-administratif', 'data')

type TCommuneRow = { code: string; nom: string; type: string; departement?: string; commune?: string; codesPostaux?: string[] }
export type TTown = { name: string; department: string }
type TIndex = Map<string, { towns: TTown[]; names: Map<string, string> }>

let index: Promise<TIndex> | null = null

async function buildIndex(): Promise<TIndex> {
  // Read and parsed as plain JSON (about 0.2 s), not imported: a bundler or a test runner would transform 8 MB of code.
  const rows = JSON.parse(await readFile(path.join(OFFICIAL_DATA_DIR, 'communes.json'), 'utf8')) as TCommuneRow[]
  const parentName = new Map(rows.filter((r) => r.type === 'commune-actuelle').map((r) => [r.code, r.nom]))
  const out: TIndex = new Map()
  for (const r of rows) {
    if (!r.codesPostaux || !r.departement) continue
    for (const cp of r.codesPostaux) {
      let entry = out.get(cp)
      if (!entry) out.set(cp, (entry = { towns: [], names: new Map() }))
      // The towns offered for a code: the current communes (an arrondissement stands for its city: "Lyon").
      const shown = r.type === 'arrondissement-municipal' && r.commune ? (parentName.get(r.commune) ?? r.nom) : r.nom
      if (r.type === 'commune-actuelle' || r.type === 'arrondissement-municipal') {
        if (!entry.towns.some((t) => t.name === shown)) entry.towns.push({ name: shown, department: r.departement })
      }
      // Accepted spellings: the commune, an arrondissement ("Lyon 1er Arrondissement"), a former (delegated or
      // associated) commune still written in addresses.
      for (const n of [r.nom, shown]) entry.names.set(normaliseTownName(n), shown)
    }
  }
  for (const entry of out.values()) entry.towns.sort((a, b) => a.name.localeCompare(b.name, 'fr'))
  return out
}

function loadIndex(): Promise<TIndex> {
  index ??= buildIndex().catch((error: unknown) => {
    index = null
    throw error
  })
  return index
}

export type TPostalCheck =
  | { ok: true; town: string; department: string }
  | { ok: false; reason: 'unknown-postal-code' }
  | { ok: false; reason: 'town-mismatch'; towns: string[] }

/**
 * Whether `city` is a town of `postalCode` in the official list. The town name may differ in case, accents, hyphens,
 * apostrophes and "ST"/"SAINT" ("ST ETIENNE" for "Saint-Étienne"), and a trailing arrondissement or CEDEX-less
 * arrondissement form ("Lyon 1er Arrondissement") is accepted. The department is the commune's (Corsica 2A/2B,
 * overseas 97x), not the first digits of the code.
 */
export async function checkPostalTown(postalCode: string, city: string): Promise<TPostalCheck> {
  const entry = (await loadIndex()).get(postalCode.trim())
  if (!entry || entry.towns.length === 0) return { ok: false, reason: 'unknown-postal-code' }
  const shown = entry.names.get(normaliseTownName(city))
  if (!shown) return { ok: false, reason: 'town-mismatch', towns: entry.towns.map((t) => t.name) }
  return { ok: true, town: shown, department: entry.towns.find((t) => t.name === shown)?.department ?? entry.towns[0]!.department }
}

/** The towns of a postal code (empty for an unknown code). */
export async function townsOfPostalCode(postalCode: string): Promise<TTown[]> {
  return (await loadIndex()).get(postalCode.trim())?.towns ?? []
}

/** How many towns a refusal names (a rural code can serve dozens of villages). */
const TOWNS_NAMED = 8

/**
 * Refuses an address whose postal code or town is not in the official list: AppError (422)
 * `procedureErrors.address.unknownPostalCode` on the field `postalCode` ("no French town has this postal code"), or
 * `procedureErrors.address.townMismatch` on `city` naming the towns of that code. Returns the official town name and
 * the department. `fields` renames the fields for forms that call them otherwise.
 */
export async function assertPostalTown(postalCode: string, city: string, fields: { postalCode: string; city: string } = { postalCode: 'postalCode', city: 'city' }): Promise<{ town: string; department: string }> {
  const r = await checkPostalTown(postalCode, city)
  if (r.ok) return { town: r.town, department: r.department }
  if (r.reason === 'unknown-postal-code') throw new AppError('procedureErrors.address.unknownPostalCode', 422, { field: fields.postalCode, postalCode })
  const named = r.towns.slice(0, TOWNS_NAMED).join(', ') + (r.towns.length > TOWNS_NAMED ? ', …' : '')
  throw new AppError('procedureErrors.address.townMismatch', 422, { field: fields.city, postalCode, towns: named })
}
