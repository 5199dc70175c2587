import fs from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findNginx, isBuildCurrent, renderNginxConfig, startCluster, testNginxConfig, writeNginxConfig, type Cluster } from '@/scripts/cluster/cluster.mjs'
import { MAX_FORM_REQUEST_BYTES } from '@/lib/domain/procedures/upload-limits'

/**
 * Issue 14 item 1: the load balancer of `npm run cluster` (scripts/cluster/cluster.mjs), with the real nginx from
 * Debian in front of two tiny Node HTTP servers standing for the instances (no build needed). Each instance answers
 * with its own port and the X-Forwarded-For it received. Skipped, saying so, when nginx is not installed.
 */
const nginx = findNginx()

/** A free port pair (p, p+1) for the instances and one for nginx, asked from the system (no clash with other runs). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer()
      srv.once('error', reject)
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as AddressInfo).port
        srv.close(() => resolve(p))
      })
    })
    const nextFree = await new Promise<boolean>((resolve) => {
      const srv = net.createServer()
      srv.once('error', () => resolve(false))
      srv.listen(port + 1, '127.0.0.1', () => srv.close(() => resolve(true)))
    })
    if (nextFree && port < 65535) return port
  }
}
let LB_PORT = 0
let BASE_PORT = 0

const INSTANCE = `
const http = require('node:http')
const port = Number(process.env.PORT)
http.createServer((req, res) => {
  let bytes = 0
  req.on('data', (c) => { bytes += c.length })
  req.on('end', () => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ port, url: req.url, xff: req.headers['x-forwarded-for'] ?? null, hops: process.env.TRUSTED_PROXY_HOPS, bytes }))
  })
}).listen(port, process.env.HOST)
`

if (!nginx) console.warn('nginx is not installed: the load-balancer test is SKIPPED (Debian: apt-get install nginx-light)')

describe.skipIf(!nginx)('cluster load balancer (issue 14 item 1, real nginx)', () => {
  let cluster: Cluster
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-cluster-test-'))
  fs.chmodSync(tmp, 0o755) // started as root, nginx's workers run as nobody and write the request bodies under it

  beforeAll(async () => {
    BASE_PORT = await freePort()
    do LB_PORT = await freePort()
    while (LB_PORT === BASE_PORT || LB_PORT === BASE_PORT + 1 || LB_PORT + 1 === BASE_PORT)
    cluster = await startCluster({
      count: 2,
      basePort: BASE_PORT,
      lbPort: LB_PORT,
      clientMaxBodySize: MAX_FORM_REQUEST_BYTES,
      command: () => ({ cmd: process.execPath, args: ['-e', INSTANCE] }),
      readyPath: '/api/v1/health',
      dir: path.join(tmp, 'run'),
      log: null,
    })
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  })

  async function ask(p: string, init?: RequestInit): Promise<{ status: number; body: { port: number; xff: string | null; hops: string; bytes: number } | null }> {
    const r = await fetch(`${cluster.url}${p}`, init)
    const text = await r.text()
    return { status: r.status, body: r.headers.get('content-type') === 'application/json' ? JSON.parse(text) : null }
  }

  it('generates a configuration nginx accepts: every instance upstream with passive health checks, /metrics closed', () => {
    const dir = path.join(tmp, 'check')
    const options = { dir, listen: { port: 8399 }, upstreams: [{ port: 3391 }, { port: 3392 }, { port: 3393 }], clientMaxBodySize: MAX_FORM_REQUEST_BYTES }
    const text = renderNginxConfig(options)
    for (const port of [3391, 3392, 3393]) expect(text).toContain(`server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`)
    expect(text).toContain('proxy_next_upstream error timeout http_502 http_503;')
    expect(text).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;')
    expect(text).toMatch(/location = \/metrics \{\s*return 404;/)
    expect(text).toContain(`client_max_body_size ${MAX_FORM_REQUEST_BYTES};`)
    expect(text).toContain(`pid ${dir}/nginx.pid;`)
    expect(text).not.toMatch(/\{\{[A-Z_]+\}\}/)
    const check = testNginxConfig(nginx!, writeNginxConfig(options), dir)
    expect(check.output).toContain('test is successful')
    expect(check.ok).toBe(true)
    // and refuses a broken one: the check is a real one
    fs.writeFileSync(path.join(dir, 'broken.conf'), 'events {}\nhttp { upstream x { } server { listen 127.0.0.1:8398; location / { proxy_pass http://x; } } }\n')
    expect(testNginxConfig(nginx!, path.join(dir, 'broken.conf'), dir).ok).toBe(false)
    expect(() => renderNginxConfig({ ...options, upstreams: [] })).toThrow(/at least one instance/)
  })

  it('spreads the requests over both instances and forwards the client address for TRUSTED_PROXY_HOPS=1', async () => {
    const seen = new Map<number, number>()
    for (let i = 0; i < 20; i++) {
      const { status, body } = await ask(`/compte?i=${i}`, { headers: { 'x-forwarded-for': '203.0.113.9' } })
      expect(status).toBe(200)
      seen.set(body!.port, (seen.get(body!.port) ?? 0) + 1)
      // nginx appends the address it saw to what the client sent; the instance trusts only that last entry
      expect(body!.xff).toBe('203.0.113.9, 127.0.0.1')
      expect(body!.hops).toBe('1')
    }
    expect([...seen.keys()].sort()).toEqual([BASE_PORT, BASE_PORT + 1])
    expect(Math.min(...seen.values())).toBeGreaterThanOrEqual(5)
  })

  it('keeps /metrics private and accepts a form as large as the portal allows, not larger', async () => {
    expect((await ask('/metrics')).status).toBe(404)
    expect((await fetch(`${cluster.instances[0]!.url}/metrics`)).status).toBe(200) // the instance itself still serves it
    const big = await ask('/upload', { method: 'POST', body: new Uint8Array(MAX_FORM_REQUEST_BYTES - 1000) })
    expect(big.status).toBe(200)
    expect(big.body!.bytes).toBe(MAX_FORM_REQUEST_BYTES - 1000)
    expect((await ask('/upload', { method: 'POST', body: new Uint8Array(MAX_FORM_REQUEST_BYTES + 1000) })).status).toBe(413)
  })

  it('still answers every request after one instance is killed (kill -9)', async () => {
    cluster.kill(1, 'SIGKILL')
    await new Promise<void>((resolve) => cluster.instances[1]!.child.once('exit', () => resolve()))
    const statuses: number[] = []
    const ports = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const { status, body } = await ask(`/compte?after=${i}`)
      statuses.push(status)
      if (body) ports.add(body.port)
    }
    expect(statuses.every((s) => s === 200)).toBe(true)
    expect([...ports]).toEqual([BASE_PORT])
  })

  it('stops nginx and the instances', async () => {
    await cluster.stop()
    expect(cluster.nginx.exitCode !== null || cluster.nginx.signalCode !== null).toBe(true)
    expect(cluster.instances.every((i) => i.child.exitCode !== null || i.child.signalCode !== null)).toBe(true)
    await expect(fetch(`${cluster.url}/compte`)).rejects.toThrow()
  })
})

describe('isBuildCurrent', () => {
  it('is false without a build, true when the build is newer than the sources, false after a source changes', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-build-current-'))
    try {
      fs.mkdirSync(path.join(root, 'app', 'compte'), { recursive: true })
      fs.writeFileSync(path.join(root, 'app', 'compte', 'page.tsx'), 'x')
      const past = new Date(Date.now() - 60_000)
      fs.utimesSync(path.join(root, 'app', 'compte', 'page.tsx'), past, past)
      expect(isBuildCurrent(root, ['app'])).toBe(false)
      fs.mkdirSync(path.join(root, '.next'))
      fs.writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'b')
      // Every time set explicitly: the file system stamps the real time, not the clock the test runs at (faketime).
      const now = new Date()
      fs.utimesSync(path.join(root, '.next', 'BUILD_ID'), now, now)
      expect(isBuildCurrent(root, ['app', 'missing.ts'])).toBe(true)
      const future = new Date(Date.now() + 60_000)
      fs.utimesSync(path.join(root, 'app', 'compte', 'page.tsx'), future, future)
      expect(isBuildCurrent(root, ['app'])).toBe(false)
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })
})
