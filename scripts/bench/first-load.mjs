#!/usr/bin/env node
/**
 * npm run bench:first-load [-- --json]: the JavaScript each route's HTML loads on its first visit, gzip-compressed,
 * read from the production build (`npm run build` first): the root files every page loads plus the client chunks of
 * the route's client reference manifest. Issue 15 item 3: the target is ≤ 120 kB on every route.
 * Next's polyfill file is loaded with <script noModule>: a browser that runs ES modules (every phone browser of the
 * last years) never downloads it, so it is not counted (printed apart; it was counted before, +38.6 kB a route).
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const dir = '.next'
const json = process.argv.includes('--json')
if (!fs.existsSync(path.join(dir, 'build-manifest.json'))) {
  console.error('no production build: run `npm run build` first')
  process.exit(2)
}
const build = JSON.parse(fs.readFileSync(path.join(dir, 'build-manifest.json'), 'utf8'))
const rootFiles = [...(build.rootMainFiles ?? [])]
const polyfillFiles = build.polyfillFiles ?? []
const sizes = new Map()
const gz = (file) => {
  if (!sizes.has(file)) {
    const p = path.join(dir, file)
    sizes.set(file, fs.existsSync(p) ? zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length : 0)
  }
  return sizes.get(file)
}
const rows = []
function walk(d) {
  for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, entry.name)
    if (entry.isDirectory()) walk(p)
    else if (entry.name === 'page_client-reference-manifest.js') {
      const files = new Set(rootFiles)
      for (const m of fs.readFileSync(p, 'utf8').matchAll(/"(static\/chunks\/[^"]+\.js)"/g)) files.add(m[1])
      const route = '/' + path.relative(path.join(dir, 'server/app'), path.dirname(p)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join('/')
      rows.push({ route: route.replace(/\/page$/, '') || '/', kb: Math.round([...files].reduce((s, f) => s + gz(f), 0) / 102.4) / 10 })
    }
  }
}
walk(path.join(dir, 'server/app'))
rows.sort((a, b) => b.kb - a.kb || a.route.localeCompare(b.route))
const floor = Math.round(rootFiles.reduce((s, f) => s + gz(f), 0) / 102.4) / 10
for (const r of rows) console.log(`${r.route.padEnd(48)} ${r.kb.toFixed(1).padStart(7)} kB`)
const polyfills = Math.round(polyfillFiles.reduce((s, f) => s + gz(f), 0) / 102.4) / 10
console.log(`${'(root files loaded by every page)'.padEnd(48)} ${floor.toFixed(1).padStart(7)} kB`)
console.log(`${'(noModule polyfills, not counted above)'.padEnd(48)} ${polyfills.toFixed(1).padStart(7)} kB`)
if (json) console.log(JSON.stringify({ firstLoadJsKb: Object.fromEntries(rows.map((r) => [r.route, r.kb])), rootKb: floor, noModulePolyfillsKb: polyfills }))
