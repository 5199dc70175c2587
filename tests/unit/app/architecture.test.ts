import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** ARCHITECTURE "The rooms": the lint rules that keep lib/domain pure and Prisma inside lib/db really fire. */
describe('architecture lint rules', () => {
  const eslint = new ESLint({ cwd: process.cwd() })

  async function ruleIds(code: string, filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath })
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
  }

  it('refuses react, next and prisma imports in lib/domain', async () => {
    for (const source of ["import React from 'react'", "import { redirect } from 'next/navigation'", "import { PrismaClient } from '@prisma/client'", "import { readFileSync } from 'node:fs'"]) {
      expect(await ruleIds(`${source}\nexport const x = 1\n`, 'lib/domain/probe.ts'), source).toContain('no-restricted-imports')
    }
  })

  it('refuses a Prisma import outside lib/db, and accepts it inside', async () => {
    const code = "import { PrismaClient } from '@prisma/client'\nexport const x = PrismaClient\n"
    expect(await ruleIds(code, 'lib/services/probe.ts')).toContain('no-restricted-imports')
    expect(await ruleIds(code, 'app/probe.ts')).toContain('no-restricted-imports')
    expect(await ruleIds(code, 'lib/db/probe.ts')).not.toContain('no-restricted-imports')
  })

  it('accepts a pure domain module', async () => {
    expect(await ruleIds("import { z } from 'zod'\nexport const x = z.string()\n", 'lib/domain/probe.ts')).toEqual([])
  })
}, 60_000)
