import { describe, expect, it } from 'vitest'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows, ruleFiles } from '@/prisma/rules'

describe('procedure, CSS and IJ rule data (ARCHITECTURE §3: every figure a dated row with its source)', () => {
  it('the three new files are registered and every row names a RULEBOOK source', () => {
    for (const file of [ruleFiles.dailyAllowances, ruleFiles.css, ruleFiles.procedures]) {
      expect(file.rows.length).toBeGreaterThan(5)
      for (const row of file.rows) expect(row.source, row.key).toMatch(/RULEBOOK|Seed/)
    }
    expect(() => new RuleSet(bundledRuleRows)).not.toThrow()
  })

  it('RULEBOOK §6: SMIC monthly series and the IJ cap ratio change on 1 April 2025', () => {
    const rules = new RuleSet(bundledRuleRows)
    expect(rules.valueAt('smic.monthly', '2025-03-10')).toBe(180180)
    expect(rules.valueAt('smic.monthly', '2026-02-02')).toBe(182303)
    expect(rules.valueAt('smic.monthly', '2026-06-01')).toBe(186702)
    expect(rules.valueAt('ij.cap.smic-ratio', '2025-03-31')).toBe(180)
    expect(rules.valueAt('ij.cap.smic-ratio', '2025-04-01')).toBe(140)
  })
})
