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
  // The suite fails sign-ins on purpose from one address: keep the per-address limit out of its way (it has its own
  // tests); lock an account at its 4th consecutive failure (5 in production) so that the lock test stays short.
  LOGIN_LIMIT_PER_IP: '1000',
  LOGIN_LOCK_AFTER_FAILURES: '4',
  // Same for the anonymous affiliation requests per address (the quota has its own integration test).
  AFFILIATION_SUBMIT_LIMIT_PER_HOUR: '1000',
  AFFILIATION_SUBMIT_LIMIT_PER_DAY: '1000',
  // No scheduler: the suite's world must not change under it (a payment run or outbox delivery mid-test); the jobs
  // page's "run now" still works, and e-mails it sends go to .e2e/mail.
  JOBS: 'off',
  MAIL_DIR: '.e2e/mail',
}
for (const args of [['scripts/db/migrate.ts', 'deploy'], ['scripts/db/seed.ts']]) {
  const r = spawnSync('npx', ['tsx', ...args], { env, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
// The production server of `npm start` (scripts/server.mjs: the client address is the socket's, ADR 0004).
const server = spawn(process.execPath, ['scripts/server.mjs', '-p', port, '-H', '127.0.0.1'], { env, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
