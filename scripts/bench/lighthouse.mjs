#!/usr/bin/env node
/**
 * npm run bench:lighthouse [-- --pages /,/compte --runs 3 --port 3850 --compare ../other-checkout --json]
 *
 * Lighthouse 12 (mobile preset, performance category only) on the public pages and every page of the insured space,
 * signed in as a demo insured person (issue 15 item 3: ≥ 95 performance and total blocking time ≤ 200 ms on every page).
 * Builds nothing: run `npm run build` first. It creates a fresh demo SQLite database in a temporary directory
 * (migrate + seed, as the e2e server does), starts the production server (scripts/server.mjs) on it, signs in
 * Jonathan Martin through next-auth's credentials callback (as scripts/bench/pages.ts does) and hands his session
 * cookie to Lighthouse (--extra-headers). Dynamic routes ([id]) are filled with the first link of that kind the
 * signed-in pages show; a page that redirects is reported, not measured.
 *
 * Lighthouse is not a dependency (it would weigh on every `npm ci`): it runs through `npx --yes lighthouse@12.2.3`,
 * fetched once into npm's cache, with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
 * --runs N: N Lighthouse runs per page, the median by performance score is reported (Lighthouse's own advice for
 * noisy machines). Prints per page: score, TBT, LCP, FCP, JavaScript transferred; --json adds one JSON line.
 * --compare DIR: another checkout with its own production build (e.g. `git worktree add ../before main && cd ../before
 * && npm ci && npm run build`): both are served at once (DIR on --port + 1, each on its own demo database) and each
 * page is measured on DIR then on this checkout, one after the other, so that both see the same machine load.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const LIGHTHOUSE = 'lighthouse@12.2.3'
/** Demo insured person (README "Demo accounts"): Jonathan Martin, two children, payments and messages. */
const DEMO_NIR = '185057511542355'
const DEMO_PASSWORD = 'Ameli-Demo-2026'
const PUBLIC_PAGES = ['/', '/simulateur', '/trouver-ma-cpam', '/verifier-attestation', '/connexion', '/affiliation']
/** Insured pages that cannot be opened by a plain visit: the OAuth consent screen needs an interaction id. */
const SKIPPED = new Map([['/compte/partage/autoriser/[uid]', 'needs an OAuth authorisation request (interaction id)']])

const argv = process.argv.slice(2)
const opt = (name) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : undefined
}
const json = argv.includes('--json')
const port = Number(opt('--port') ?? process.env.BENCH_PORT ?? 3850)
const runs = Math.max(1, Number(opt('--runs') ?? 1))
const only = opt('--pages')?.split(',').map((p) => p.trim()).filter(Boolean)
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const log = (m) => process.stderr.write(`${m}\n`)

if (!fs.existsSync('.next/BUILD_ID')) {
  console.error('no production build: run `npm run build` first')
  process.exit(2)
}
if (!fs.existsSync(chromePath)) {
  console.error(`no Chromium at ${chromePath} (set CHROME_PATH)`)
  process.exit(2)
}

/** The insured space's routes, from the file system: app/(insured)/compte/**\/page.tsx. */
function insuredRoutes() {
  const out = []
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name === 'page.tsx') out.push('/' + path.relative('app/(insured)', path.dirname(p)).split(path.sep).join('/'))
    }
  }
  walk('app/(insured)/compte')
  return out.sort()
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lighthouse-'))
const compareDir = opt('--compare')
/** What is measured: this checkout, and with --compare the other one first. */
const targets = [
  ...(compareDir ? [{ label: 'compare', dir: path.resolve(compareDir), port: port + 1 }] : []),
  { label: 'this', dir: process.cwd(), port },
].map((t) => ({ ...t, base: `http://127.0.0.1:${t.port}`, server: undefined, cookie: undefined }))
if (compareDir && !fs.existsSync(path.join(targets[0].dir, '.next/BUILD_ID'))) {
  console.error(`no production build in ${compareDir}`)
  process.exit(2)
}
const envFor = (t) => ({
  ...process.env,
  DATABASE_URL: `file:${path.join(tmp, `${t.label}.db`)}`,
  NODE_ENV: 'production',
  ALLOW_INSECURE_LOCAL: '1',
  NEXTAUTH_URL: t.base,
  JOBS: 'off',
  MAIL_DIR: path.join(tmp, `mail-${t.label}`),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
})
/** The running Lighthouse (npx → lighthouse → Chromium), its own process group: stopped with the benchmark. */
let running
function cleanup() {
  if (running && running.exitCode === null) {
    try {
      process.kill(-running.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  for (const t of targets) if (t.server && t.server.exitCode === null) t.server.kill('SIGTERM')
  fs.rmSync(tmp, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (cleanup(), process.exit(130)))

async function waitFor(t, url, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (t.server.exitCode !== null) throw new Error(`the server of ${t.dir} stopped`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`${url} did not answer`)
}

const cookiesOf = (res) => res.headers.getSetCookie().map((c) => c.split(';')[0])

/** Signs in as the login page does (next-auth credentials provider "insured"); returns the Cookie header. */
async function signIn(base) {
  const csrf = await fetch(`${base}/api/auth/csrf`)
  const jar = cookiesOf(csrf)
  const { csrfToken } = await csrf.json()
  const res = await fetch(`${base}/api/auth/callback/insured`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ nir: DEMO_NIR, password: DEMO_PASSWORD, csrfToken, json: 'true' }).toString(),
  })
  const session = cookiesOf(res).find((c) => c.startsWith('ameli.session='))
  if (!session) throw new Error(`sign-in failed (${res.status})`)
  return session
}

/** Fills a dynamic route with the first matching link found on the signed-in pages (the demo ids are the same in every seeded database). */
async function fillDynamic(route, base, cookie, cache) {
  const prefix = route.slice(0, route.indexOf('/['))
  for (const from of [prefix, '/compte', '/compte/profil']) {
    if (!cache.has(from)) cache.set(from, await (await fetch(`${base}${from}`, { headers: { cookie, 'accept-language': 'fr' } })).text())
    const m = cache.get(from).match(new RegExp(`href="(${prefix.replace(/\//g, '\\/')}\\/[^"/?#]+)"`))
    if (m) return m[1]
  }
  return undefined
}

function lighthouse(url, cookie, outFile) {
  const headersFile = path.join(tmp, 'headers.json')
  fs.writeFileSync(headersFile, JSON.stringify({ 'Accept-Language': 'fr', ...(cookie ? { Cookie: cookie } : {}) }))
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      [
        '--yes', LIGHTHOUSE, url,
        '--only-categories=performance',
        '--output=json', `--output-path=${outFile}`,
        '--quiet',
        `--extra-headers=${headersFile}`,
        '--chrome-flags=--headless=new --no-sandbox',
      ],
      { env: { ...process.env, CHROME_PATH: chromePath }, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    )
    running = child
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(fs.readFileSync(outFile, 'utf8'))) : reject(new Error(`lighthouse ${url}: exit ${code}\n${err.slice(-2000)}`))))
  })
}

function figures(lhr) {
  const scripts = (lhr.audits['network-requests']?.details?.items ?? []).filter((r) => r.resourceType === 'Script')
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    tbtMs: Math.round(lhr.audits['total-blocking-time'].numericValue),
    lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
    fcpMs: Math.round(lhr.audits['first-contentful-paint'].numericValue),
    jsKb: Math.round(scripts.reduce((s, r) => s + (r.transferSize ?? 0), 0) / 102.4) / 10,
    benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? 0),
    finalUrl: lhr.finalDisplayedUrl ?? lhr.finalUrl,
  }
}

async function measure(t, page) {
  const head = await fetch(`${t.base}${page.url}`, { redirect: 'manual', headers: { 'accept-language': 'fr', ...(page.signedIn ? { cookie: t.cookie } : {}) } })
  await head.arrayBuffer()
  if (head.status >= 300 && head.status < 400) return { skipped: `redirects to ${head.headers.get('location')}` }
  const results = []
  let failure
  for (let i = 0; i < runs; i++) {
    // Lighthouse sometimes fails to record a trace on a loaded machine (NO_NAVSTART…): up to 3 attempts a run.
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        results.push(figures(await lighthouse(`${t.base}${page.url}`, page.signedIn ? t.cookie : undefined, path.join(tmp, 'lhr.json'))))
        break
      } catch (e) {
        failure = String(e.message).split('\n').find((l) => /error/i.test(l)) ?? String(e.message).split('\n')[0]
        log(`${page.url}: attempt ${attempt} failed: ${failure}`)
      }
    }
  }
  if (results.length === 0) return { skipped: `Lighthouse failed: ${failure}` }
  results.sort((a, b) => a.score - b.score || b.tbtMs - a.tbtMs)
  return { ...results[Math.floor((results.length - 1) / 2)], ...(runs > 1 ? { scores: results.map((r) => r.score) } : {}) }
}

async function main() {
  const t0 = Date.now()
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')
  const loadStart = load()
  log(`load average at start: ${loadStart}`)
  for (const t of targets) {
    const env = envFor(t)
    for (const args of [['scripts/db/migrate.ts', 'deploy'], ['scripts/db/seed.ts']]) {
      const r = spawnSync('npx', ['tsx', ...args], { cwd: t.dir, env, stdio: ['ignore', 'ignore', 'inherit'] })
      if (r.status !== 0) throw new Error(`${args.join(' ')} failed in ${t.dir}`)
    }
    t.server = spawn(process.execPath, ['scripts/server.mjs', '-p', String(t.port), '-H', '127.0.0.1'], { cwd: t.dir, env, stdio: ['ignore', 'ignore', 'inherit'] })
  }
  for (const t of targets) {
    await waitFor(t, `${t.base}/connexion`)
    t.cookie = await signIn(t.base)
  }
  log(`server(s) up and signed in (${((Date.now() - t0) / 1000).toFixed(0)} s)`)

  const main = targets[targets.length - 1]
  const pages = PUBLIC_PAGES.map((p) => ({ route: p, url: p, signedIn: false }))
  const cache = new Map()
  for (const route of insuredRoutes()) {
    if (SKIPPED.has(route)) {
      pages.push({ route, skip: SKIPPED.get(route), signedIn: true })
      continue
    }
    const url = route.includes('[') ? await fillDynamic(route, main.base, main.cookie, cache) : route
    pages.push(url ? { route, url, signedIn: true } : { route, skip: 'no link of that kind on the demo pages', signedIn: true })
  }
  const selected = only ? pages.filter((p) => only.includes(p.route) || only.includes(p.url)) : pages

  const rows = []
  for (const page of selected) {
    if (page.skip) {
      rows.push({ route: page.route, skipped: page.skip })
      continue
    }
    const row = { route: page.route, url: page.url }
    for (const t of targets) {
      const m = await measure(t, page)
      if (t === main) Object.assign(row, m)
      else row.compare = m
    }
    rows.push(row)
    log(`${page.url}: ${row.skipped ?? `${row.score} (TBT ${row.tbtMs} ms)`}${row.compare ? ` — compare: ${row.compare.skipped ?? `${row.compare.score} (TBT ${row.compare.tbtMs} ms)`}` : ''}`)
  }

  const pad = (s, n) => String(s).padStart(n)
  const cells = (r) => (r.skipped ? `not measured: ${r.skipped}` : `${pad(r.score, 4)} ${pad(r.tbtMs, 7)} ${pad(r.lcpMs, 7)} ${pad(r.fcpMs, 7)} ${pad(r.jsKb.toFixed(1), 7)}${r.scores ? `  (${r.scores.join(' ')})` : ''}`)
  const head = `${pad('perf', 4)} ${pad('TBT ms', 7)} ${pad('LCP ms', 7)} ${pad('FCP ms', 7)} ${pad('JS kB', 7)}`
  if (compareDir) console.log(`compare = ${compareDir}, this = ${process.cwd()}`)
  console.log(`${'page'.padEnd(40)} ${compareDir ? `compare: ${head}  |  this: ` : ''}${head}`)
  for (const r of rows) {
    const name = (r.url ?? r.route).padEnd(40)
    if (!r.url) console.log(`${name} not measured: ${r.skipped}`)
    else console.log(`${name} ${r.compare ? `         ${cells(r.compare)}  |        ` : ''}${cells(r)}`)
  }
  const summary = (list) => {
    const measured = list.filter((r) => r && !r.skipped)
    const below = measured.filter((r) => r.score < 95 || r.tbtMs > 200)
    return `${measured.length} pages: min score ${Math.min(...measured.map((r) => r.score))}, median score ${measured.map((r) => r.score).sort((a, b) => a - b)[Math.floor((measured.length - 1) / 2)]}, max TBT ${Math.max(...measured.map((r) => r.tbtMs))} ms; target (≥ 95, TBT ≤ 200 ms) ${below.length === 0 ? 'met on every page' : `missed on ${below.length}`}`
  }
  if (compareDir) console.log(`compare: ${summary(rows.map((r) => r.compare))}`)
  console.log(`${compareDir ? 'this: ' : ''}${summary(rows)}`)
  const index = rows.flatMap((r) => [r.benchmarkIndex, r.compare?.benchmarkIndex]).filter((i) => i > 0).sort((a, b) => a - b)
  console.log(`${LIGHTHOUSE} mobile preset, ${runs} run(s) a page; Lighthouse CPU benchmark index ${index[0]}–${index[index.length - 1]}; load average at start ${loadStart}, at end ${load()}`)
  if (json) console.log(JSON.stringify({ lighthouse: LIGHTHOUSE, runs, compare: compareDir ?? null, loadavg: os.loadavg(), pages: rows }))
}

main()
  .then(() => (cleanup(), process.exit(0)))
  .catch((e) => {
    console.error(e)
    cleanup()
    process.exit(1)
  })
