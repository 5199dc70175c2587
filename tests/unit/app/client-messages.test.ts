import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLIENT_NAMESPACES, clientMessages, pickMessages } from '@/lib/i18n/client-messages'

const ROOT = path.resolve(__dirname, '..', '..', '..')

function clientFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'generated' || entry.name.startsWith('.')) continue
      clientFiles(full, out)
    } else if (/\.tsx?$/.test(entry.name) && /^\s*['"]use client['"]/.test(fs.readFileSync(full, 'utf8'))) {
      out.push(full)
    }
  }
  return out
}

const covered = (ns: string) => CLIENT_NAMESPACES.some((c) => ns === c || ns.startsWith(`${c}.`))

describe('messages sent to the browser (root layout)', () => {
  const files = ['app', 'components', 'lib'].flatMap((d) => clientFiles(path.join(ROOT, d)))

  it('finds the client components', () => {
    expect(files.length).toBeGreaterThan(5)
  })

  it('every namespace a client component reads is sent to the browser', () => {
    const missing: string[] = []
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8')
      if (/useTranslations\(\s*\)/.test(source)) missing.push(`${path.relative(ROOT, file)}: useTranslations() without a namespace`)
      for (const m of source.matchAll(/useTranslations\(\s*(['"`])([^'"`]+)\1\s*\)/g)) {
        const ns = m[2] ?? ''
        if (!covered(ns)) missing.push(`${path.relative(ROOT, file)}: ${ns}`)
      }
      for (const m of source.matchAll(/useTranslations\(\s*([^'"`\s)][^)]*)\)/g)) missing.push(`${path.relative(ROOT, file)}: dynamic namespace ${m[1]}`)
    }
    expect(missing).toEqual([])
  })

  it('sends only those namespaces, and each one exists in both locales', () => {
    for (const locale of ['fr', 'en'] as const) {
      const picked = clientMessages(locale)
      for (const ns of CLIENT_NAMESPACES) {
        const value = ns.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], picked)
        expect(value, `${locale} ${ns}`).toBeTypeOf('object')
      }
      expect(Object.keys(picked).sort()).toEqual([...new Set(CLIENT_NAMESPACES.map((n) => n.split('.')[0]))].sort())
    }
  })

  it('picks nested paths without the rest of their parent', () => {
    expect(pickMessages({ a: { b: { c: 1 }, d: 2 }, e: 3 }, ['a.b'])).toEqual({ a: { b: { c: 1 } } })
    expect(pickMessages({ a: 1 }, ['missing'])).toEqual({})
  })
})
