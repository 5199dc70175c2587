#!/usr/bin/env node
// Runs the integration suite on a fresh PostgreSQL database when a server is reachable; says so and skips otherwise.
import { spawnSync } from 'node:child_process'
import pg from 'pg'

const url = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
try {
  await client.connect()
  await client.query('SELECT 1')
  await client.end()
} catch (error) {
  console.warn(`PostgreSQL is not reachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${error.message}): integration tests on PostgreSQL SKIPPED.`)
  process.exit(process.env.REQUIRE_POSTGRES === '1' ? 1 : 0)
}
console.log('Integration tests on PostgreSQL')
const r = spawnSync('npx', ['vitest', 'run', '--project', 'integration', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, TEST_DATABASE: 'postgres', TZ: 'UTC' } })
process.exit(r.status ?? 1)
