/**
 * The euro axis of the monthly chart: about 4 round steps (1, 2, 2.5 or 5 × a power of ten, in cents, a whole number
 * of euros, never less than 1 €) from 0 to a top at or above the largest amount. An empty chart still gets an axis
 * (0 to 10 €).
 */
export function chartScale(maxCents: number): { top: number; step: number; ticks: number[] } {
  const max = Math.max(0, Math.round(maxCents))
  if (max === 0) return { top: 1000, step: 500, ticks: [0, 500, 1000] }
  const rough = max / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  // 2.5 only from 25 € up, so that every label is a whole number of euros.
  const factors = power >= 1000 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10]
  const step = Math.max(100, factors.map((f) => f * power).find((s) => s >= rough)!)
  const top = Math.ceil(max / step) * step
  const ticks: number[] = []
  for (let t = 0; t <= top; t += step) ticks.push(t)
  return { top, step, ticks }
}
