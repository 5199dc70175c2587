import { buildNir, buildTemporaryNir } from '../../lib/domain/nir'
import type { TDemoInsured } from './demo-data'

/** A demo person's NIR and key, computed from their data (pure: e2e tests import it without the database). */
export function nirOf(p: TDemoInsured): { nir: string; key: string; kind: 'permanent' | 'temporary' } {
  const [year, month] = p.birthDate.split('-').map(Number) as [number, number]
  const parts = { birthYear: year, birthMonth: month, department: p.nir.department, commune: p.nir.commune, order: p.nir.order }
  if (p.nir.prefix) return { ...buildTemporaryNir({ ...parts, prefix: p.nir.prefix }), kind: 'temporary' }
  return { ...buildNir({ ...parts, sex: p.sex }), kind: 'permanent' }
}
