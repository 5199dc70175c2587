// Instances and load balancer of `npm run cluster` (issue 14 item 1). Plain JavaScript (the CLI, the benchmark and
// the integration test share it): it renders the nginx configuration from nginx.conf.template, checks it with
// `nginx -t`, starts nginx in the foreground and N instances (any command: scripts/server.mjs in the cluster, tiny
// HTTP servers in the test), waits until they answer, and stops them all.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const TEMPLATE_FILE = path.join(here, 'nginx.conf.template')

/** The nginx binary: NGINX_BIN, else the Debian one, else whatever `nginx` is on the PATH. */
export function findNginx(env = process.env) {
  if (env.NGINX_BIN) return env.NGINX_BIN
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) {
    if (fs.existsSync(candidate)) return candidate
  }
  const r = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null
}

const hostPort = (host, port) => `${host.includes(':') ? `[${host}]` : host}:${port}`

/**
 * The nginx configuration for these instances. `dir` holds the pid, logs and temporary files (absolute path).
 * Options: listen {host, port}; upstreams [{host, port}]; clientMaxBodySize (bytes); maxFails (1); failTimeout ('5s');
 * workerProcesses (1); accessLog (false: off); errorLog (default dir/error.log).
 */
export function renderNginxConfig(options) {
  const { dir, listen, upstreams } = options
  if (!path.isAbsolute(dir)) throw new Error(`nginx directory must be absolute: ${dir}`)
  if (!upstreams?.length) throw new Error('at least one instance is needed')
  const maxFails = options.maxFails ?? 1
  const failTimeout = options.failTimeout ?? '5s'
  const bytes = options.clientMaxBodySize
  if (!Number.isInteger(bytes) || bytes <= 0) throw new Error(`clientMaxBodySize must be a positive whole number of bytes: ${bytes}`)
  const template = options.template ?? fs.readFileSync(TEMPLATE_FILE, 'utf8')
  const values = {
    DIR: dir,
    ERROR_LOG: options.errorLog ?? path.join(dir, 'error.log'),
    ACCESS_LOG: options.accessLog ? path.join(dir, 'access.log') : 'off',
    // As root the master must hand its workers to an unprivileged account; otherwise the directive is ignored anyway.
    USER: typeof process.getuid === 'function' && process.getuid() === 0 ? `user ${options.user ?? 'nobody nogroup'};` : '',
    WORKER_PROCESSES: String(options.workerProcesses ?? 1),
    LISTEN: hostPort(listen.host ?? '127.0.0.1', listen.port),
    UPSTREAM_SERVERS: upstreams.map((u) => `    server ${hostPort(u.host ?? '127.0.0.1', u.port)} max_fails=${maxFails} fail_timeout=${failTimeout};`).join('\n'),
    MAX_FAILS: String(maxFails),
    FAIL_TIMEOUT: failTimeout,
    CLIENT_MAX_BODY_SIZE: String(bytes),
    NEXT_UPSTREAM_TRIES: String(upstreams.length),
  }
  const text = template.replace(/\{\{([A-Z_]+)\}\}/g, (mark, name) => {
    if (!(name in values)) throw new Error(`unknown mark ${mark} in the nginx template`)
    return values[name]
  })
  return text
}

/** Writes the configuration into dir/nginx.conf (creating dir, readable by nginx's workers) and returns the file. */
export function writeNginxConfig(options) {
  fs.mkdirSync(options.dir, { recursive: true })
  // The workers (an unprivileged account when started as root) create the temporary directories' files under dir.
  fs.chmodSync(options.dir, 0o755)
  const file = path.join(options.dir, 'nginx.conf')
  fs.writeFileSync(file, renderNginxConfig(options))
  return file
}

/** `nginx -t`: { ok, output }. */
export function testNginxConfig(nginx, confFile, dir) {
  const r = spawnSync(nginx, ['-t', '-p', `${dir}/`, '-c', confFile, '-e', path.join(dir, 'error.log')], { encoding: 'utf8' })
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() }
}

/** Resolves when something accepts TCP connections on host:port; rejects after timeoutMs or when `child` exits. */
export async function waitForPort(host, port, { timeoutMs = 30_000, child } = {}) {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the process stopped (exit ${child.exitCode}) before listening on ${port}`)
    const ok = await new Promise((resolve) => {
      const socket = net.connect({ host, port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > until) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Resolves when `url` answers 200; rejects after timeoutMs or when `child` exits. */
export async function waitForHttp(url, { timeoutMs = 120_000, child } = {}) {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the process stopped (exit ${child.exitCode}) before ${url} answered`)
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(5000) })
      if (r.ok) return
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 300))
  }
}

/** Forwards a child's output line by line with a prefix ("[i1] …"). */
function pipeLines(stream, out, prefix) {
  let rest = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) out.write(`${prefix}${line}\n`)
  })
  stream.on('end', () => {
    if (rest) out.write(`${prefix}${rest}\n`)
  })
}

/** Sends `signal`, then SIGKILL after graceMs; resolves when the process has exited. */
export function stopProcess(child, signal = 'SIGTERM', graceMs = 8000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    try {
      child.kill(signal)
    } catch {
      clearTimeout(timer)
      resolve()
    }
  })
}

/**
 * Starts `count` instances and nginx in front of them.
 * options:
 *   count, basePort (instances on basePort … basePort+count-1), lbPort, host ('127.0.0.1');
 *   command(port, index) → { cmd, args, env } for one instance (default: node scripts/server.mjs);
 *   env: environment of every instance (PORT, HOST and TRUSTED_PROXY_HOPS=1 are added);
 *   readyPath ('/api/v1/health'): each instance must answer 200 there before nginx starts;
 *   dir: the temporary directory (default: a new one under the system's temp dir);
 *   clientMaxBodySize, maxFails, failTimeout, workerProcesses, accessLog: see renderNginxConfig;
 *   log: a writable stream for the prefixed output (process.stderr; null: discard).
 * Returns { url, dir, instances: [{ index, port, url, child }], nginx, kill(index, signal), stop() }.
 */
export async function startCluster(options) {
  const host = options.host ?? '127.0.0.1'
  const count = options.count
  if (!Number.isInteger(count) || count < 1) throw new Error(`--instances must be a positive whole number: ${count}`)
  const nginxBin = options.nginx ?? findNginx()
  if (!nginxBin) throw new Error('nginx is not installed (Debian: apt-get install nginx-light)')
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-cluster-'))
  const out = options.log === undefined ? process.stderr : options.log
  const readyPath = options.readyPath ?? '/api/v1/health'
  const command =
    options.command ??
    (() => ({ cmd: process.execPath, args: [path.join(here, '..', 'server.mjs')] }))
  const instances = []
  let nginx = null
  const stop = async () => {
    await stopProcess(nginx, 'SIGQUIT', 5000) // graceful: finishes the requests in flight
    await Promise.all(instances.map((i) => stopProcess(i.child, 'SIGTERM', 8000)))
  }
  try {
    for (let index = 0; index < count; index++) {
      const port = options.basePort + index
      const c = command(port, index)
      const child = spawn(c.cmd, c.args, {
        cwd: options.cwd,
        env: { ...process.env, ...options.env, ...c.env, PORT: String(port), HOST: host, TRUSTED_PROXY_HOPS: '1' },
        stdio: ['ignore', out ? 'pipe' : 'ignore', out ? 'pipe' : 'ignore'],
      })
      if (out) {
        pipeLines(child.stdout, out, `[i${index + 1}] `)
        pipeLines(child.stderr, out, `[i${index + 1}] `)
      }
      instances.push({ index, port, url: `http://${hostPort(host, port)}`, child })
    }
    await Promise.all(instances.map((i) => waitForHttp(`${i.url}${readyPath}`, { child: i.child, timeoutMs: options.readyTimeoutMs ?? 180_000 })))
    const conf = writeNginxConfig({
      dir,
      listen: { host, port: options.lbPort },
      upstreams: instances.map((i) => ({ host, port: i.port })),
      clientMaxBodySize: options.clientMaxBodySize,
      maxFails: options.maxFails,
      failTimeout: options.failTimeout,
      workerProcesses: options.workerProcesses,
      accessLog: options.accessLog,
    })
    const checked = testNginxConfig(nginxBin, conf, dir)
    if (!checked.ok) throw new Error(`nginx refuses the generated configuration:\n${checked.output}`)
    nginx = spawn(nginxBin, ['-p', `${dir}/`, '-c', conf, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', out ? 'pipe' : 'ignore'] })
    if (out) pipeLines(nginx.stderr, out, '[nginx] ')
    await waitForPort(host, options.lbPort, { child: nginx, timeoutMs: 15_000 })
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url: `http://${hostPort(host, options.lbPort)}`,
    dir,
    instances,
    nginx,
    kill(index, signal = 'SIGKILL') {
      instances[index].child.kill(signal)
    },
    stop,
  }
}

/**
 * Whether the production build in `buildDir` (.next/BUILD_ID) is newer than every file under `sources`
 * (directories and files, relative to root; node_modules and dot-directories skipped).
 */
export function isBuildCurrent(root, sources, buildDir = '.next') {
  let built
  try {
    built = fs.statSync(path.join(root, buildDir, 'BUILD_ID')).mtimeMs
  } catch {
    return false
  }
  const newer = (p) => {
    let st
    try {
      st = fs.statSync(p)
    } catch {
      return false
    }
    if (!st.isDirectory()) return st.mtimeMs > built
    for (const entry of fs.readdirSync(p)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue
      if (newer(path.join(p, entry))) return true
    }
    return false
  }
  return !sources.some((s) => newer(path.join(root, s)))
}
