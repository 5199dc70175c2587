import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { isValidNirWithKey, parseNir } from '@/lib/domain/nir'
import { checkBirthPlace, firstFreeOrder, generateNir, nirPrefix, orderOf } from '@/lib/domain/affiliation/nir-allocation'
import { inseeCountryCode } from '@/lib/domain/affiliation/insee-countries'

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('NIR generation at affiliation (RULEBOOK §8: sex · YY · MM · dept · commune · order · key = 97 − N mod 97)', () => {
  it('born abroad: department 99 and the INSEE country code; RULEBOOK vector 2 95 10 99 126 111 93', () => {
    const r = generateNir('permanent', { sex: 2, birthDate: d('1995-10-03'), birthPlace: { kind: 'abroad', countryCode: 126 } }, range(1, 110))
    expect(r).toEqual({ ok: true, value: { nir: '2951099126111', key: '93' } })
    expect(isValidNirWithKey('295109912611193')).toBe(true)
  })

  it('Corsica: 2A and 2B stay letters in the number, the key is computed with 19 and 18 (RULEBOOK vectors …43 and …70)', () => {
    const a = generateNir('permanent', { sex: 2, birthDate: d('1953-07-21'), birthPlace: { kind: 'france', department: '2a', commune: 73 } }, [1, 2, 3])
    expect(a).toEqual({ ok: true, value: { nir: '253072A073004', key: '43' } })
    const b = generateNir('permanent', { sex: 2, birthDate: d('1953-07-21'), birthPlace: { kind: 'france', department: '2B', commune: 73 } }, [1, 2, 3])
    expect(b).toEqual({ ok: true, value: { nir: '253072B073004', key: '70' } })
  })

  it('the American spouse of seed 003 (woman born in the USA): temporary 8 …, then permanent 2 …, same birth year, month and place', () => {
    const req = { sex: 2 as const, birthDate: d('1988-06-14'), birthPlace: { kind: 'abroad' as const, countryCode: inseeCountryCode('US')! } }
    expect(inseeCountryCode('us')).toBe(404)
    const temp = generateNir('temporary', req, [])
    const perm = generateNir('permanent', req, [])
    expect(temp).toEqual({ ok: true, value: { nir: '8880699404001', key: '87' } })
    expect(perm).toEqual({ ok: true, value: { nir: '2880699404001', key: '96' } })
    if (!temp.ok || !perm.ok) throw new Error('unreachable')
    expect(parseNir(temp.value.nir + temp.value.key)).toMatchObject({ ok: true, kind: 'temporary' })
    expect(parseNir(perm.value.nir + perm.value.key)).toMatchObject({ ok: true, kind: 'permanent', sex: 2 })
  })

  it('men get 7 (temporary) and 1 (permanent); the prefix is the first 10 characters', () => {
    const req = { sex: 1 as const, birthDate: d('1990-01-31'), birthPlace: { kind: 'france' as const, department: '69', commune: 123 } }
    expect(nirPrefix('temporary', req)).toBe('7900169123')
    expect(nirPrefix('permanent', req)).toBe('1900169123')
    const r = generateNir('permanent', req, [1])
    expect(r.ok && r.value.nir).toBe('1900169123002')
  })

  it('overseas departments use 3 digits for the department and 2 for the commune', () => {
    const r = generateNir('permanent', { sex: 1, birthDate: d('2001-12-01'), birthPlace: { kind: 'france', department: '974', commune: 11 } }, [])
    expect(r).toMatchObject({ ok: true, value: { nir: '1011297411001' } })
    expect(checkBirthPlace({ kind: 'france', department: '974', commune: 100 })).toEqual({ ok: false, error: 'affiliation.errors.commune' })
  })

  it('the order number is the smallest free one; when 999 are used, no number is generated', () => {
    expect(firstFreeOrder([1, 2, 4])).toBe(3)
    expect(firstFreeOrder([])).toBe(1)
    expect(orderOf('2880699404017')).toBe(17)
    const full = generateNir('temporary', { sex: 2, birthDate: d('1988-06-14'), birthPlace: { kind: 'abroad', countryCode: 404 } }, range(1, 999))
    expect(full).toEqual({ ok: false, error: 'affiliation.errors.noFreeOrder' })
  })

  it('refuses invalid places: department 20, 96+, country codes outside 100–999', () => {
    const at = (birthPlace: Parameters<typeof checkBirthPlace>[0]) => generateNir('permanent', { sex: 1, birthDate: d('1990-01-01'), birthPlace }, [])
    expect(at({ kind: 'france', department: '20', commune: 1 })).toEqual({ ok: false, error: 'affiliation.errors.department' })
    expect(at({ kind: 'france', department: '99', commune: 1 })).toEqual({ ok: false, error: 'affiliation.errors.department' })
    expect(at({ kind: 'france', department: '75', commune: 0 })).toEqual({ ok: false, error: 'affiliation.errors.commune' })
    expect(at({ kind: 'abroad', countryCode: 42 })).toEqual({ ok: false, error: 'affiliation.errors.countryCode' })
  })

  it('every generated number parses back with a valid key (any sex, month, department)', () => {
    for (const sex of [1, 2] as const) {
      for (const month of range(1, 12)) {
        for (const birthPlace of [{ kind: 'abroad' as const, countryCode: 216 }, { kind: 'france' as const, department: '2B', commune: 33 }, { kind: 'france' as const, department: '01', commune: 53 }]) {
          for (const kind of ['temporary', 'permanent'] as const) {
            const r = generateNir(kind, { sex, birthDate: d(`1975-${String(month).padStart(2, '0')}-15`), birthPlace }, [1, 2])
            if (!r.ok) throw new Error(r.error)
            expect(isValidNirWithKey(r.value.nir + r.value.key)).toBe(true)
            expect(r.value.nir.slice(3, 5)).toBe(String(month).padStart(2, '0'))
          }
        }
      }
    }
  })
})
