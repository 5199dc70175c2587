// PostgreSQL outages (issue 14, "faults"): the production server pings the database every few seconds on its own
// small pool; after two failed pings it answers pages with a clear, bilingual 503 page (Retry-After) and the API with
// a JSON 503, instead of letting every page fail with a 500; when the database answers again it lets traffic through
// (the application's Prisma pool reconnects by itself: no restart). Liveness (/api/v1/health) and readiness
// (/api/v1/ready, which says 503 itself) always go through. SQLite (a local file) is not watched.
import { createHash } from 'node:crypto'
import pg from 'pg'

export function createDbWatch({ url, intervalMs = 2_000, failuresToDown = 2, onChange = () => {} }) {
  if (!url || !/^postgres(ql)?:\/\//i.test(url)) return { isDown: () => false, stop: async () => {}, check: async () => true }
  const u = new URL(url)
  u.searchParams.delete('schema')
  const pool = new pg.Pool({ connectionString: u.toString(), max: 1, connectionTimeoutMillis: 1_000, idleTimeoutMillis: 10_000, query_timeout: 1_000 })
  pool.on('error', () => {}) // an idle client losing its connection during an outage
  let failures = 0
  let down = false
  async function check() {
    try {
      await pool.query('SELECT 1')
      failures = 0
      if (down) {
        down = false
        onChange(false)
      }
      return true
    } catch {
      failures += 1
      if (!down && failures >= failuresToDown) {
        down = true
        onChange(true)
      }
      return false
    }
  }
  const timer = setInterval(check, intervalMs)
  timer.unref()
  return {
    isDown: () => down,
    check,
    stop: async () => {
      clearInterval(timer)
      await pool.end().catch(() => {})
    },
  }
}

const RELOAD = 'setTimeout(function(){location.reload()},10000)'
const PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service momentanément indisponible · Service temporarily unavailable</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}
h1{font-size:1.4rem;color:#0c4a6e}section{border-left:4px solid #0c4a6e;padding-left:1rem;margin:2rem 0}</style></head>
<body><main>
<section lang="fr"><h1>Service momentanément indisponible</h1>
<p>Le portail ne peut pas joindre sa base de données. Vos données ne sont pas perdues et votre session reste ouverte.</p>
<p>Réessayez dans quelques instants : la page se rechargera d’elle-même.</p></section>
<section lang="en"><h1>Service temporarily unavailable</h1>
<p>The portal cannot reach its database. Your data is safe and you are still signed in.</p>
<p>Please try again in a moment: this page reloads by itself.</p></section>
</main><script>${RELOAD}</script></body></html>`
const RELOAD_HASH = `'sha256-${createHash('sha256').update(RELOAD).digest('base64')}'`

/** Answers the request with a 503 (true) while the database is down, else lets it through (false). */
export function serveUnavailable(watch, req, res) {
  if (!watch.isDown()) return false
  const pathname = (req.url ?? '/').split('?')[0]
  if (pathname === '/api/v1/health' || pathname === '/api/v1/ready' || pathname.startsWith('/_next/static/')) return false
  const headers = { 'retry-after': '10', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }
  if (pathname.startsWith('/api/') || pathname.startsWith('/fhir')) {
    res.writeHead(503, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unavailable', message: 'The database does not answer; try again shortly.' }))
  } else {
    res
      .writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${RELOAD_HASH}; frame-ancestors 'none'` })
      .end(PAGE)
  }
  return true
}
