import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLIENT_MESSAGE_AREAS, CLIENT_NAMESPACES, clientMessages, pickMessages, type TClientMessageArea } from '@/lib/i18n/client-messages'

const ROOT = path.resolve(__dirname, '..', '..', '..')
const rel = (file: string) => path.relative(ROOT, file)
const isClient = (source: string) => /^\s*['"]use client['"]/.test(source)

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'generated' || entry.name.startsWith('.')) continue
      sourceFiles(full, out)
    } else if (/\.tsx?$/.test(entry.name)) out.push(full)
  }
  return out
}

/** next-intl's client hooks: a component that calls one needs a NextIntlClientProvider above it. */
const usesIntl = (source: string) => /\buse(Translations|Locale|Formatter|Now|TimeZone|Messages|Extracted)\(/.test(source)

/** The namespaces a file reads with useTranslations('…'), and what cannot be checked (no or a dynamic namespace). */
function namespacesOf(source: string): { namespaces: string[]; unchecked: string[] } {
  const unchecked: string[] = []
  if (/useTranslations\(\s*\)/.test(source)) unchecked.push('useTranslations() without a namespace')
  for (const m of source.matchAll(/useTranslations\(\s*([^'"`\s)][^)]*)\)/g)) unchecked.push(`dynamic namespace ${m[1]}`)
  return { namespaces: [...source.matchAll(/useTranslations\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2] ?? ''), unchecked }
}

/** The project files a file imports (not `import type`): '@/…' and relative specifiers. */
function importsOf(file: string, source: string): string[] {
  const out: string[] = []
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    const spec = m[1] ?? ''
    const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null
    if (!base) continue
    const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((p) => fs.existsSync(p) && fs.statSync(p).isFile())
    if (found) out.push(found)
  }
  return out
}

/** The area a page's client components see: that of the innermost layout.tsx above it that sends one. */
function areaOf(page: string): TClientMessageArea | undefined {
  for (let dir = path.dirname(page); dir.startsWith(path.join(ROOT, 'app')); dir = path.dirname(dir)) {
    const layout = path.join(dir, 'layout.tsx')
    if (fs.existsSync(layout)) {
      const m = fs.readFileSync(layout, 'utf8').match(/<ClientMessages area="(\w+)"/)
      if (m) return m[1] as TClientMessageArea
    }
  }
  return undefined
}

const covers = (list: readonly string[], ns: string) => list.some((c) => ns === c || ns.startsWith(`${c}.`))

describe('messages sent to the browser (areas, layouts)', () => {
  const files = ['app', 'components', 'lib'].flatMap((d) => sourceFiles(path.join(ROOT, d)))
  const clientFiles = files.filter((f) => isClient(fs.readFileSync(f, 'utf8')))

  it('finds the client components', () => {
    expect(clientFiles.length).toBeGreaterThan(5)
  })

  it('every namespace a client component reads is sent somewhere, with a literal namespace', () => {
    const missing: string[] = []
    for (const file of clientFiles) {
      const { namespaces, unchecked } = namespacesOf(fs.readFileSync(file, 'utf8'))
      missing.push(...unchecked.map((u) => `${rel(file)}: ${u}`))
      for (const ns of namespaces) if (!covers(CLIENT_NAMESPACES, ns)) missing.push(`${rel(file)}: ${ns}`)
    }
    expect(missing).toEqual([])
  })

  it("every page's client components (followed through its imports) read only what its area sends", () => {
    const pages = files.filter((f) => /[/\\](page|layout|error|not-found|forbidden)\.tsx$/.test(f) && f.startsWith(path.join(ROOT, 'app')))
    expect(pages.length).toBeGreaterThan(40)
    const missing: string[] = []
    const reached = new Set<string>()
    for (const page of pages) {
      const area = areaOf(page)
      const seen = new Set<string>()
      const stack = [page]
      while (stack.length > 0) {
        const file = stack.pop()!
        if (seen.has(file)) continue
        seen.add(file)
        const source = fs.readFileSync(file, 'utf8')
        if (isClient(source)) {
          reached.add(file)
          if (!area && usesIntl(source)) missing.push(`${rel(page)} (no area, no NextIntlClientProvider) → ${rel(file)}`)
          if (area) for (const ns of namespacesOf(source).namespaces) if (!covers(CLIENT_MESSAGE_AREAS[area], ns)) missing.push(`${rel(page)} (area ${area}) → ${rel(file)}: ${ns}`)
        }
        // Server code (services, actions) renders no client component: follow only the UI's own files.
        stack.push(...importsOf(file, source).filter((f) => /^(app|components)\//.test(rel(f)) && !/^app\/(actions|api)\//.test(rel(f))))
      }
    }
    expect([...new Set(missing)]).toEqual([])
    // The walk does reach the forms (a test that found nothing would pass).
    expect([...reached].map(rel)).toEqual(expect.arrayContaining(['components/auth/login-form.tsx', 'components/procedures/form-kit.tsx', 'app/error.tsx']))
  })

  it('sends only the namespaces of the area, and each one exists in both locales', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const [area, namespaces] of Object.entries(CLIENT_MESSAGE_AREAS) as [TClientMessageArea, readonly string[]][]) {
        const picked = clientMessages(locale, area)
        for (const ns of namespaces) {
          const value = ns.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], picked)
          expect(value, `${locale} ${area} ${ns}`).toBeTypeOf('object')
        }
        expect(Object.keys(picked).sort()).toEqual([...new Set(namespaces.map((n) => n.split('.')[0]))].sort())
      }
    }
  })

  it('picks nested paths without the rest of their parent', () => {
    expect(pickMessages({ a: { b: { c: 1 }, d: 2 }, e: 3 }, ['a.b'])).toEqual({ a: { b: { c: 1 } } })
    expect(pickMessages({ a: 1 }, ['missing'])).toEqual({})
  })
})
