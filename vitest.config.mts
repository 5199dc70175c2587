import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * Two projects:
 *  - unit: lib/domain and other pure code, no database;
 *  - integration: services + database; each test file gets a fresh database copied from a migrated, seeded template
 *    (SQLite file copy, or `CREATE DATABASE … TEMPLATE` on PostgreSQL when TEST_DATABASE=postgres).
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React Server Components; the services are plain Node code in tests.
      'server-only': `${root}tests/support/empty-module.ts`,
    },
  },
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/integration-global-setup.ts'],
          setupFiles: ['tests/support/integration-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
})
