#!/usr/bin/env node
/**
 * node scripts/bench/profile-summary.mjs FILE.cpuprofile [--top 25]
 *
 * Self time of a V8 CPU profile (node --cpu-prof; bench:pages --profile DIR) grouped by where the code comes from —
 * React server rendering, Next, Prisma and the SQLite adapter, next-intl, next-auth/jose, the app's own bundle, Node
 * internals, garbage collection, idle — then the functions with the most self time. For ADR 0014.
 */
import fs from 'node:fs'

const file = process.argv[2]
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25
if (!file) {
  console.error('usage: profile-summary.mjs FILE.cpuprofile [--top N]')
  process.exit(2)
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map()
// timeDeltas[i] is the time before samples[i]: each sample's node gets the time until the next sample.
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt)
}

function group(node) {
  const { functionName: fn, url } = node.callFrame
  if (fn === '(garbage collector)') return 'GC'
  if (fn === '(idle)') return 'idle'
  if (fn === '(program)') return 'program (native, unattributed)'
  // better-sqlite3's C++ methods have no script: their names.
  if (url === '' && ['all', 'run', 'get', 'Statement', 'prepare', 'columns', 'raw', 'iterate', 'bind'].includes(fn)) return 'better-sqlite3 (native: prepare, run, all)'
  if (/node:internal\/(encoding|buffer)|^node:buffer/.test(url) || ['writeString', 'writeUtf8String', 'utf8Write', 'latin1Slice', 'utf8Slice'].includes(fn)) return 'Node strings/buffers (encode, decode, slice)'
  if (/react-dom|react-server-dom|[\\/]react[\\/]|react\.(production|react-server)/.test(url)) return 'React (server rendering, flight)'
  if (/@prisma|prisma[\\/]|generated[\\/]sqlite|query_compiler|wasm/.test(url)) return 'Prisma + adapter'
  if (/better-sqlite3/.test(url)) return 'better-sqlite3 (JS)'
  if (/next-intl|use-intl|intl-messageformat|@formatjs/.test(url)) return 'next-intl / ICU'
  if (/next-auth|jose|@panva/.test(url)) return 'next-auth / jose'
  if (/zod/.test(url)) return 'zod'
  if (/pino|prom-client|scripts[\\/]server/.test(url)) return 'server.mjs (log, metrics)'
  if (/app-page(-turbo)?\.runtime/.test(url)) return 'Next app-page runtime (React Fizz + Flight renderers, app render)'
  if (/node_modules[\\/]next[\\/]/.test(url)) return 'Next (server, router)'
  if (/\.next[\\/]server[\\/]/.test(url)) return 'app bundle (.next/server, incl. bundled libs)'
  if (/^node:|^internal[\\/]/.test(url) || url === '') return 'Node internals / native'
  if (/node_modules/.test(url)) return `other: ${url.split('node_modules/').pop().split('/')[0]}`
  return 'app (source)'
}

let total = 0
const groups = new Map()
const fns = new Map()
for (const [id, t] of self) {
  const node = byId.get(id)
  total += t
  const g = group(node)
  groups.set(g, (groups.get(g) ?? 0) + t)
  const { functionName, url, lineNumber } = node.callFrame
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\.next\//, '.next/')}:${lineNumber + 1}`
  fns.set(key, { t: (fns.get(key)?.t ?? 0) + t, g })
}
const busy = total - (groups.get('idle') ?? 0)
const pct = (t, of) => `${((t / of) * 100).toFixed(1).padStart(5)} %`
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of busy time)`)
for (const [g, t] of [...groups].filter(([g]) => g !== 'idle').sort((a, b) => b[1] - a[1])) console.log(`  ${pct(t, busy)}  ${(t / 1000).toFixed(0).padStart(7)} ms  ${g}`)
console.log(`top ${top} functions by self time:`)
for (const [k, { t, g }] of [...fns].filter(([, v]) => v.g !== 'idle').sort((a, b) => b[1].t - a[1].t).slice(0, top)) console.log(`  ${pct(t, busy)}  ${k.slice(0, 110)}  [${g}]`)
