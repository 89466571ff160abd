import { describe, expect, it } from 'vitest'
import { median, monthsOf, statisticsPeriod } from './statistics'

describe('statistics helpers', () => {
  it('takes the middle value, or the mean of the two middle ones to a tenth', () => {
    expect(median([])).toBeNull()
    expect(median([4])).toBe(4)
    expect(median([9, 1, 5])).toBe(5)
    expect(median([1, 2, 4, 10])).toBe(3)
    expect(median([1, 2])).toBe(1.5)
  })

  it('lists every month of a period, across a year end', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsOf('2026-03-01', '2026-03-31')).toEqual(['2026-03'])
  })

  it('defaults to this year to today, and never ends before it starts', () => {
    expect(statisticsPeriod({}, '2026-09-24')).toEqual({ from: '2026-01-01', until: '2026-09-24' })
    expect(statisticsPeriod({ from: '2025-04-01', until: '2025-06-30' }, '2026-09-24')).toEqual({ from: '2025-04-01', until: '2025-06-30' })
    expect(statisticsPeriod({ from: '2026-05-01', until: '2026-04-01' }, '2026-09-24')).toEqual({ from: '2026-05-01', until: '2026-09-24' })
    expect(statisticsPeriod({ from: '2027-01-01' }, '2026-09-24')).toEqual({ from: '2027-01-01', until: '2027-01-01' })
  })
})
