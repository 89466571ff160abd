import { describe, expect, it } from 'vitest'
import { clockText } from '~/components/auction-board'

describe("the auction board's countdown", () => {
  it('reads as a clock: m:ss within the hour, h:mm:ss beyond it, never below zero', () => {
    expect(clockText(119_000)).toBe('1:59')
    expect(clockText(59_001)).toBe('1:00')
    expect(clockText(3_599_000)).toBe('59:59')
    expect(clockText(3_600_000)).toBe('1:00:00')
    // A start about four hours away: what used to read "259:10".
    expect(clockText(15_550_000)).toBe('4:19:10')
    expect(clockText(-5_000)).toBe('0:00')
  })
})
