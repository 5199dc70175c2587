#!/usr/bin/env node
/**
 * node scripts/bench/api-flood.mjs [--port 3203] [--duration 20] [--rate 2]
 *
 * Issue 13 item 7: home-page latency while one client floods POST /api/v1/simulations with 1 000-line batches.
 * Against a running production server (e.g. `E2E_PORT=3203 node scripts/e2e-server.mjs`, started with
 * SIMULATION_API_LINES_PER_MINUTE / SIMULATION_API_MAIN_THREAD_MAX_LINES as the case requires):
 * - the flooder posts `--rate` batches a second (2/s = 120 requests/min, the old per-address limit) for --duration s;
 * - a visitor loads the home page (/) once every 250 ms; p50 / p95 / max of its latency are printed, with the
 *   flooder's answers by status.
 */
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const port = arg('port', 3203)
const duration = arg('duration', 20) * 1000
const rate = arg('rate', 2)
const base = `http://127.0.0.1:${port}`
const line = { careDate: '2023-06-15', act: 'G', feeCharged: 2500, birthDate: '1990-01-01' }
const body = JSON.stringify({ lines: Array.from({ length: 1000 }, (_, i) => ({ ...line, id: `l${i}` })) })

const statuses = {}
const flood = []
const end = Date.now() + duration
const flooder = setInterval(() => {
  if (Date.now() > end) return clearInterval(flooder)
  flood.push(
    fetch(`${base}/api/v1/simulations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .then(async (r) => {
        await r.arrayBuffer()
        statuses[r.status] = (statuses[r.status] ?? 0) + 1
      })
      .catch(() => (statuses.error = (statuses.error ?? 0) + 1)),
  )
}, 1000 / rate)

const latencies = []
while (Date.now() < end) {
  const t = performance.now()
  const r = await fetch(`${base}/`)
  await r.arrayBuffer()
  latencies.push(performance.now() - t)
  await new Promise((resolve) => setTimeout(resolve, 250))
}
await Promise.all(flood)
latencies.sort((a, b) => a - b)
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(0)
console.log(`home page: n=${latencies.length} p50=${q(0.5)} ms p95=${q(0.95)} ms max=${latencies.at(-1).toFixed(0)} ms; flood answers: ${JSON.stringify(statuses)}`)
