import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { officialYear, provisionalYear, shippedCalendar } from './official-data'
import { addWorkingDays, isWorkingDay, makeCalendar, shanghaiDate, shanghaiInstant, shiftDays, workingDaysBetween } from './working-days'

const calendar = makeCalendar(shippedCalendar().map((d) => [d.day, d.kind] as const))

describe('working days on the Chinese calendar', () => {
  it('skips the 2026 National Day holiday and counts its make-up Saturday', () => {
    expect(addWorkingDays(calendar, '2026-09-30', 1)).toBe('2026-10-08')
    expect(addWorkingDays(calendar, '2026-09-30', 2)).toBe('2026-10-09')
    expect(addWorkingDays(calendar, '2026-09-30', 3)).toBe('2026-10-10') // 调休: Saturday at work
    expect(addWorkingDays(calendar, '2026-09-30', 4)).toBe('2026-10-12')
    expect(isWorkingDay(calendar, '2026-09-20')).toBe(true) // Sunday make-up workday
  })

  it('skips the 2026 Spring Festival and works its make-up Saturdays', () => {
    expect(addWorkingDays(calendar, '2026-02-13', 1)).toBe('2026-02-14')
    expect(addWorkingDays(calendar, '2026-02-13', 2)).toBe('2026-02-24')
    expect(workingDaysBetween(calendar, '2026-02-13', '2026-02-28')).toBe(6) // 14, 24, 25, 26, 27, 28
  })

  it('treats n = 0 as "today if working, else the next working day"', () => {
    expect(addWorkingDays(calendar, '2026-11-23', 0)).toBe('2026-11-23')
    expect(addWorkingDays(calendar, '2026-11-22', 0)).toBe('2026-11-23')
    expect(addWorkingDays(calendar, '2026-10-01', 0)).toBe('2026-10-08')
  })

  it('marks 2027 provisionally with the statutory days and no invented make-up workdays', () => {
    const days = provisionalYear(2027)
    const byDay = new Map(days.map((d) => [d.day, d]))
    expect(byDay.get('2027-01-01')?.kind).toBe('holiday')
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03'])
      expect(byDay.get(d)?.kind, d).toBe('holiday')
    // Spring Festival's Saturday and Sunday are given back on the following weekdays (Article 6).
    expect(byDay.get('2027-02-09')?.nameZh).toContain('补假')
    expect(byDay.get('2027-02-10')?.nameZh).toContain('补假')
    expect(days.every((d) => d.kind === 'holiday' && d.source === 'provisional')).toBe(true)
    expect(isWorkingDay(calendar, '2027-01-01')).toBe(false)
  })

  it('ships official data for 2024 to 2026', () => {
    expect(officialYear(2024).length).toBeGreaterThan(30)
    expect(officialYear(2025).find((d) => d.day === '2025-01-26')?.kind).toBe('workday')
    expect(officialYear(2026).filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
  })

  it('converts between instants and Shanghai dates', () => {
    expect(shanghaiDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23')
    expect(shanghaiInstant('2026-11-23', '09:00').toISOString()).toBe('2026-11-23T01:00:00.000Z')
  })

  it('refuses impossible dates and negative counts', () => {
    expect(() => addWorkingDays(calendar, '2026-02-30', 1)).toThrow(RangeError)
    expect(() => addWorkingDays(calendar, '2026-02-03', -1)).toThrow(RangeError)
  })

  const dayArb = fc.integer({ min: 0, max: 4 * 365 }).map((n) => shiftDays('2024-01-01', n))

  it('property: adding n working days lands on a working day exactly n working days later', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 60 }), (from, n) => {
        const to = addWorkingDays(calendar, from, n)
        expect(isWorkingDay(calendar, to)).toBe(true)
        expect(workingDaysBetween(calendar, from, to)).toBe(n)
        expect(addWorkingDays(calendar, from, n + 1) > to).toBe(true)
      }),
    )
  })

  it('property: working days between is antisymmetric and additive', () => {
    fc.assert(
      fc.property(dayArb, dayArb, dayArb, (a, b, c) => {
        expect(workingDaysBetween(calendar, a, b) + workingDaysBetween(calendar, b, a)).toBe(0)
        const [x, y, z] = [a, b, c].sort()
        expect(workingDaysBetween(calendar, x!, z!)).toBe(workingDaysBetween(calendar, x!, y!) + workingDaysBetween(calendar, y!, z!))
      }),
    )
  })
})
