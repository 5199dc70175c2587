/**
 * npm run cluster [-- --instances N] [--port 8080] [--base-port 3001] [--no-build]
 *
 * Several instances of the production server behind nginx, on PostgreSQL and Redis (issue 14 item 1):
 *  1. builds once (`next build`), unless .next is newer than the sources or --no-build is given;
 *  2. migrates DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/ameli_cluster; created when missing) and
 *     seeds the demo world when it is empty (`npm run db:prepare`);
 *  3. starts N instances of scripts/server.mjs (default: one per core) on 127.0.0.1:base-port…, TRUSTED_PROXY_HOPS=1,
 *     all with the same NEXTAUTH_SECRET (generated for this run when not set), NEXTAUTH_URL = the load balancer's URL,
 *     REDIS_URL (default redis://127.0.0.1:6379: the rate limiters are shared);
 *  4. starts nginx in the foreground with a configuration generated from scripts/cluster/nginx.conf.template in a
 *     temporary directory (pid, logs, temporary files: no root needed), prints the URL,
 *  5. stops nginx and every instance on Ctrl-C or SIGTERM.
 * Sessions (JWT signed with the shared secret + the server-side AuthSession row), uploads (stored in the database) and
 * downloads work whichever instance answers.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { MAX_FORM_REQUEST_BYTES } from '../lib/domain/procedures/upload-limits'
import { findNginx, isBuildCurrent, startCluster, waitForPort } from './cluster/cluster.mjs'

const USAGE = 'usage: npm run cluster [-- --instances N] [--port 8080] [--base-port 3001] [--no-build]'
export const BUILD_SOURCES = ['app', 'components', 'lib', 'public', 'types', 'proxy.ts', 'instrumentation.ts', 'next.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs']

type Args = { instances: number; port: number; basePort: number; build: boolean }

function parseArgs(argv: string[]): Args {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
  const args: Args = { instances: cores, port: Number(process.env.CLUSTER_PORT ?? 8080), basePort: 3001, build: true }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const num = (max: number): number => {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${a} needs a whole number from 1 to ${max}\n${USAGE}`)
      return n
    }
    if (a === '--instances') args.instances = num(64)
    else if (a === '--port') args.port = num(65535)
    else if (a === '--base-port') args.basePort = num(65535)
    else if (a === '--no-build') args.build = false
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`)
      process.exit(0)
    } else throw new Error(`unknown argument ${a}\n${USAGE}`)
  }
  if (args.basePort + args.instances - 1 > 65535) throw new Error('--base-port + --instances goes past port 65535')
  if (args.port >= args.basePort && args.port < args.basePort + args.instances) throw new Error(`--port ${args.port} is one of the instances' ports`)
  return args
}

const log = (msg: string) => process.stderr.write(`cluster: ${msg}\n`)
const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@')

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
  const databaseUrl = process.env.DATABASE_URL?.trim() || 'postgresql://postgres@127.0.0.1:5432/ameli_cluster'
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must name a PostgreSQL database for several instances (got ${redact(databaseUrl)}); the embedded SQLite default is one process: npm run demo`)
  }
  const redisUrl = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379'
  const nginx = findNginx()
  if (!nginx) throw new Error('nginx is not installed (Debian: apt-get install nginx-light; or set NGINX_BIN)')

  // 1. the build
  if (!isBuildCurrent(root, BUILD_SOURCES)) {
    if (!args.build) throw new Error('no current production build (.next is missing or older than the sources): run without --no-build, or npm run build')
    log('building (next build)…')
    const r = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } })
    if (r.status !== 0) throw new Error(`next build failed (${r.status})`)
  } else log('the production build in .next is current (no build)')

  // 2. the database
  log(`database ${redact(databaseUrl)}: migrating, seeding the demo world if empty`)
  const prepared = spawnSync('npm', ['run', '--silent', 'db:prepare'], { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } })
  if (prepared.status !== 0) throw new Error(`npm run db:prepare failed (${prepared.status})`)

  const redis = new URL(redisUrl)
  try {
    await waitForPort(redis.hostname, Number(redis.port || 6379), { timeoutMs: 1500 })
  } catch {
    log(`WARNING: Redis does not answer at ${redact(redisUrl)}: each instance falls back to its own in-memory rate limits`)
  }

  // 3–4. the instances and nginx, with a secret shared by all of them
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-cluster-'))
  fs.chmodSync(dir, 0o755)
  let secret = process.env.NEXTAUTH_SECRET?.trim()
  if (!secret) {
    secret = randomBytes(48).toString('base64')
    fs.mkdirSync(path.join(dir, 'private'), { mode: 0o700 })
    fs.writeFileSync(path.join(dir, 'private', 'nextauth-secret'), `${secret}\n`, { mode: 0o600 })
    log(`NEXTAUTH_SECRET not set: a new one for this run (${path.join(dir, 'private', 'nextauth-secret')}); sessions end with the run`)
  }
  const url = `http://127.0.0.1:${args.port}`
  log(`starting ${args.instances} instance(s) on 127.0.0.1:${args.basePort}–${args.basePort + args.instances - 1} and nginx on ${url} (run directory ${dir})`)
  const cluster = await startCluster({
    count: args.instances,
    basePort: args.basePort,
    lbPort: args.port,
    cwd: root,
    dir: path.join(dir, 'nginx'),
    clientMaxBodySize: MAX_FORM_REQUEST_BYTES,
    env: { NODE_ENV: 'production', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url },
  })

  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    log('stopping nginx and the instances…')
    await cluster.stop()
    fs.rmSync(dir, { recursive: true, force: true })
    log('stopped')
    process.exit(code)
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0))
  cluster.nginx.on('exit', (code, signal) => {
    if (stopping) return
    log(`nginx stopped (${signal ?? code}): stopping everything`)
    void stop(1)
  })
  let alive = cluster.instances.length
  for (const i of cluster.instances) {
    i.child.on('exit', (code, signal) => {
      if (stopping) return
      alive--
      log(`instance ${i.index + 1} (port ${i.port}) stopped (${signal ?? code}); ${alive} left behind the load balancer`)
      if (alive === 0) void stop(1)
    })
  }
  process.stdout.write(`\n  ameli-simulator cluster: ${url}  (${cluster.instances.length} instance(s) behind nginx; Ctrl-C stops everything)\n\n`)
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
