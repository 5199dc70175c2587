#!/usr/bin/env node
// Starts the production build for the Playwright suite on a fresh SQLite file with the demo world.
import { spawnSync, spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'

const port = process.env.E2E_PORT ?? '3100'
mkdirSync('.e2e', { recursive: true })
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`.e2e/e2e.db${suffix}`, { force: true })

const env = {
  ...process.env,
  DATABASE_URL: 'file:./.e2e/e2e.db',
  NODE_ENV: 'production',
  ALLOW_INSECURE_LOCAL: '1',
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  // The suite signs in many times from one address: keep the per-IP limit out of its way (the limiter has its own tests).
  LOGIN_LIMIT_PER_IP: '1000',
  LOGIN_LIMIT_PER_ACCOUNT: '50',
  // Same for the anonymous affiliation requests per address (the quota has its own integration test).
  AFFILIATION_SUBMIT_LIMIT_PER_HOUR: '1000',
  AFFILIATION_SUBMIT_LIMIT_PER_DAY: '1000',
}
for (const args of [['scripts/db/migrate.ts', 'deploy'], ['scripts/db/seed.ts']]) {
  const r = spawnSync('npx', ['tsx', ...args], { env, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
const server = spawn('npx', ['next', 'start', '-p', port, '-H', '127.0.0.1'], { env, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
