import net from 'node:net'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDbWatch, serveUnavailable, type TDbWatch } from '@/scripts/server/db-watch.mjs'
import { createTrustedServer } from '@/scripts/server/forwarded.mjs'
import { createPrismaClient, databaseProvider, type Db } from '@/lib/db/client'

/**
 * Issue 14, faults: "PostgreSQL down → a clear 503 page, recovery without restart when it returns". The database is
 * reached through a TCP relay that the test cuts and restores (a real outage as the portal sees it: connections reset,
 * new ones refused), with the production server's front (scripts/server/db-watch.mjs wired as in scripts/server.mjs)
 * and a real Prisma client of the application.
 */
const onPostgres = databaseProvider() === 'postgresql'

class Relay {
  private server: net.Server | null = null
  private sockets = new Set<net.Socket>()
  constructor(private readonly target: { host: string; port: number }, public port = 0) {}
  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host)
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => s.destroy())
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server!.close(() => resolve()))
  }
}

describe.runIf(onPostgres)('PostgreSQL outage: 503 page, then recovery without restart', () => {
  let relay: Relay
  let watch: TDbWatch
  let db: Db
  let front: Server
  let base = ''
  const changes: boolean[] = []

  beforeAll(async () => {
    const real = new URL(process.env.DATABASE_URL!)
    relay = new Relay({ host: real.hostname, port: Number(real.port || 5432) })
    await relay.open()
    const viaRelay = new URL(real)
    viaRelay.port = String(relay.port)
    watch = createDbWatch({ url: viaRelay.toString(), intervalMs: 60_000, failuresToDown: 2, onChange: (down) => changes.push(down) })
    db = createPrismaClient(viaRelay.toString())
    front = await createTrustedServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('page'), 0, (req, res) => serveUnavailable(watch, req, res))
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await watch?.stop()
    await db?.$disconnect().catch(() => undefined)
    await new Promise<void>((resolve) => front?.close(() => resolve()))
    await relay?.cut().catch(() => undefined)
  })

  it('serves pages, then a bilingual 503 with Retry-After while the database is away, then pages again', async () => {
    expect(await watch.check()).toBe(true)
    expect(await db.organisation.count()).toBeGreaterThan(0)
    expect((await fetch(`${base}/compte`)).status).toBe(200)

    await relay.cut()
    await expect(db.organisation.count()).rejects.toBeTruthy()
    expect(await watch.check()).toBe(false)
    expect((await fetch(`${base}/compte`)).status).toBe(200) // one failed ping is not an outage yet
    expect(await watch.check()).toBe(false)
    const page = await fetch(`${base}/compte`)
    expect(page.status).toBe(503)
    expect(page.headers.get('retry-after')).toBe('10')
    const html = await page.text()
    expect(html).toContain('Service momentanément indisponible')
    expect(html).toContain('Service temporarily unavailable')
    const api = await fetch(`${base}/api/v1/simulations`, { method: 'POST' })
    expect(api.status).toBe(503)
    expect(await api.json()).toMatchObject({ error: 'unavailable' })
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200) // liveness goes through: the process is fine

    await relay.open() // the database is back, same address
    expect(await watch.check()).toBe(true)
    expect((await fetch(`${base}/compte`)).status).toBe(200)
    // The application's own client reconnects by itself: no restart.
    let count = 0
    for (let attempt = 0; attempt < 10 && count === 0; attempt++) {
      count = await db.organisation.count().catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 200))
        return 0
      })
    }
    expect(count).toBeGreaterThan(0)
    expect(changes).toEqual([true, false])
  })
})

describe('SQLite: a local file is not watched', () => {
  it('is never reported down', async () => {
    const watch = createDbWatch({ url: 'file:./data/ameli.db' })
    expect(watch.isDown()).toBe(false)
    expect(await watch.check()).toBe(true)
    await watch.stop()
  })
})
