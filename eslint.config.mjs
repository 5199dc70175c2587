import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

/**
 * Architecture rules (ARCHITECTURE.md "The rooms"):
 *  - lib/domain is pure: no next, react, prisma, database or file-system imports;
 *  - Prisma is imported only inside lib/db (and the migration scripts that drive the schema engine).
 */
const prismaPatterns = ['@prisma/*', '**/generated/sqlite/**', '**/generated/postgres/**', '**/lib/db/generated/**']
const prismaPaths = [{ name: 'prisma', message: 'Prisma is imported only inside lib/db.' }]

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', 'lib/db/generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    rules: {
      'no-restricted-imports': ['error', { paths: prismaPaths, patterns: [{ group: prismaPatterns, message: 'Prisma is imported only inside lib/db (ARCHITECTURE: db/ is the only place that imports Prisma).' }] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lib/db/**', 'scripts/db/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: prismaPaths,
          patterns: [
            { group: ['next', 'next/*', 'react', 'react-dom', 'react/*', 'next-intl', 'next-intl/*', 'next-auth', 'next-auth/*'], message: 'lib/domain is pure TypeScript: no next or react imports.' },
            { group: [...prismaPatterns, '**/lib/db/**', '@/lib/db/*', '@/lib/db/**'], message: 'lib/domain is pure TypeScript: no database access.' },
            { group: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path'], message: 'lib/domain does no I/O.' },
            { group: ['server-only', '@/lib/services/*', '@/lib/auth/*'], message: 'lib/domain depends on nothing of the app.' },
          ],
        },
      ],
    },
  },
])
