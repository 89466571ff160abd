import { describe, expect, it } from 'vitest'
import { monthsOf, statisticsPeriod } from './statistics'

describe('statistics helpers', () => {
  it('lists every month of a period, across a year end', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsOf('2026-03-01', '2026-03-31')).toEqual(['2026-03'])
  })

  it('defaults to this year to today, ends today at the latest, never before it starts, and reaches ten years back', () => {
    expect(statisticsPeriod({}, '2026-09-24')).toEqual({ from: '2026-01-01', until: '2026-09-24' })
    expect(statisticsPeriod({ from: '2025-04-01', until: '2025-06-30' }, '2026-09-24')).toEqual({ from: '2025-04-01', until: '2025-06-30' })
    expect(statisticsPeriod({ from: '2026-05-01', until: '2026-04-01' }, '2026-09-24')).toEqual({ from: '2026-05-01', until: '2026-05-01' })
    expect(statisticsPeriod({ from: '2026-05-01', until: '2030-01-01' }, '2026-09-24')).toEqual({ from: '2026-05-01', until: '2026-09-24' })
    expect(statisticsPeriod({ from: '2027-01-01' }, '2026-09-24')).toEqual({ from: '2026-09-24', until: '2026-09-24' })
    expect(statisticsPeriod({ from: '1999-01-01' }, '2026-09-24')).toEqual({ from: '2016-01-01', until: '2026-09-24' })
  })
})
