import { describe, expect, it } from 'vitest'
import { chartScale } from '@/components/payments/chart-scale'

describe('the monthly chart euro axis (chartScale, in cents)', () => {
  it('round steps in whole euros from 0 to a top at or above the largest amount', () => {
    expect(chartScale(12_345)).toEqual({ top: 15_000, step: 5_000, ticks: [0, 5_000, 10_000, 15_000] }) // 123.45 € → 0, 50, 100, 150 €
    expect(chartScale(100_000)).toEqual({ top: 100_000, step: 25_000, ticks: [0, 25_000, 50_000, 75_000, 100_000] })
    expect(chartScale(1_900)).toEqual({ top: 2_000, step: 500, ticks: [0, 500, 1_000, 1_500, 2_000] })
    // Small amounts: never a step under 1 €, never 2.50 €.
    expect(chartScale(150)).toEqual({ top: 200, step: 100, ticks: [0, 100, 200] })
    expect(chartScale(900)).toMatchObject({ step: 500, top: 1_000 })
  })

  it('an empty chart still has an axis, and every step is a whole number of euros', () => {
    expect(chartScale(0)).toEqual({ top: 1_000, step: 500, ticks: [0, 500, 1_000] })
    for (const max of [1, 99, 101, 2_499, 2_501, 9_999, 33_333, 250_001, 1_234_567]) {
      const { top, step, ticks } = chartScale(max)
      expect(step % 100).toBe(0)
      expect(top).toBeGreaterThanOrEqual(max)
      expect(ticks.length).toBeGreaterThanOrEqual(2)
      expect(ticks.length).toBeLessThanOrEqual(6)
    }
  })
})
