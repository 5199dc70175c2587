import { describe, expect, it } from 'vitest'
import { delayAfter, DEFAULT_THROTTLE_POLICY as P, lockMinutes } from '@/lib/services/auth/sign-in-throttle'

describe('sign-in throttle policy (issue 13 item 3, ADR 0004)', () => {
  it('temporary locks double from 15 minutes and stop at 24 hours', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((n) => lockMinutes(P, n))).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440])
  })

  it('no delay after the 1st and 2nd failure; 5 s after the 3rd, 30 s after the 4th', () => {
    expect([0, 1, 2, 3, 4].map((n) => delayAfter(P, n))).toEqual([0, 0, 0, 5, 30])
  })
})
