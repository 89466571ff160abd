import { describe, expect, it } from 'vitest'
import { DEFAULT_CREDIT_TABLE } from './rules'
import { creditTableFormSchema } from './rules-input'
import { addMonths, computeScore, gradeOf, type EventForScore } from './score'

const ev = (id: string, kind: string, day: string, voided = false): EventForScore => ({ id, kind, day, voided })

describe('addMonths', () => {
  it('moves by calendar months, keeping the day or taking the month’s last', () => {
    expect(addMonths('2026-06-15', -24)).toBe('2024-06-15')
    expect(addMonths('2024-02-29', 24)).toBe('2026-02-28')
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28')
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30')
  })
})

describe('computeScore', () => {
  const today = '2026-06-15'
  it('is 100 with no event, grade A', () => {
    expect(computeScore([], DEFAULT_CREDIT_TABLE, today)).toMatchObject({ score: 100, grade: 'A', lines: [], changesOn: null })
  })

  it('adds each kind within its cap, oldest first, and says why a line counts less', () => {
    // award_declined is −5 with a cap of 20: the fifth counts nothing, the earliest four count.
    const events = [1, 2, 3, 4, 5].map((n) => ev(`d${n}`, 'award_declined', `2026-0${n}-01`))
    const { score, lines } = computeScore([...events].reverse(), DEFAULT_CREDIT_TABLE, today)
    expect(score).toBe(80)
    expect(lines.map((l) => [l.id, l.counted, l.why])).toEqual([
      ['d1', -5, 'counted'],
      ['d2', -5, 'counted'],
      ['d3', -5, 'counted'],
      ['d4', -5, 'counted'],
      ['d5', 0, 'capped'],
    ])
  })

  it('counts part of an event that crosses its cap', () => {
    // explanation_missing is −3, cap 15: five reach it exactly, so try a cap of 10 for 4 × −3.
    const table = { ...DEFAULT_CREDIT_TABLE, kinds: { ...DEFAULT_CREDIT_TABLE.kinds, explanation_missing: { points: -3, cap: 10 } } }
    const { score, lines } = computeScore([1, 2, 3, 4].map((n) => ev(`e${n}`, 'explanation_missing', `2026-0${n}-02`)), table, today)
    expect(score).toBe(90)
    expect(lines.map((l) => l.counted)).toEqual([-3, -3, -3, -1])
    expect(lines[3]!.why).toBe('partlyCapped')
  })

  it('leaves out voided events and those older than the window, and names the day the next one leaves', () => {
    const { score, lines, changesOn } = computeScore(
      [ev('old', 'service_overdue', '2024-06-15'), ev('edge', 'award_declined', '2024-06-16'), ev('void', 'service_overdue', '2026-05-01', true), ev('good', 'delivered_on_time', '2026-05-02')],
      DEFAULT_CREDIT_TABLE,
      today,
    )
    // 2024-06-15 + 24 months = today: out. 2024-06-16 still counts, until 2026-06-16.
    expect(lines.map((l) => [l.id, l.why])).toEqual([['old', 'expired'], ['edge', 'counted'], ['void', 'voided'], ['good', 'counted']])
    expect(score).toBe(100 - 5 + 1)
    expect(changesOn).toBe('2026-06-16')
    expect(computeScore([ev('edge', 'award_declined', '2024-06-16')], DEFAULT_CREDIT_TABLE, '2026-06-16').score).toBe(100)
  })

  it('never goes below 0, and grades by the thresholds', () => {
    const table = { ...DEFAULT_CREDIT_TABLE, kinds: { ...DEFAULT_CREDIT_TABLE.kinds, service_overdue: { points: -60, cap: null } } }
    expect(computeScore([ev('a', 'service_overdue', '2026-01-01'), ev('b', 'service_overdue', '2026-01-02')], table, today).score).toBe(0)
    const g = DEFAULT_CREDIT_TABLE.grades
    expect([100, 90, 89, 80, 79, 60, 59, 0].map((s) => gradeOf(s, g))).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D'])
  })
})

describe('the office’s form for the credit rules', () => {
  const form = (over: Record<string, string>) => {
    const base: Record<string, string> = { gradeA: '90', gradeB: '80', gradeC: '60', windowMonths: '24', note: '调整扣分标准' }
    for (const [k, r] of Object.entries(DEFAULT_CREDIT_TABLE.kinds)) Object.assign(base, { [`points_${k}`]: String(r.points), [`cap_${k}`]: r.cap === null ? '' : String(r.cap) })
    return creditTableFormSchema.safeParse({ ...base, ...over })
  }
  it('reads the default table back as it is, an empty cap as none', () => {
    const parsed = form({ cap_delivered_on_time: '' })
    expect(parsed.success && parsed.data.table.kinds.delivered_on_time).toEqual({ points: 1, cap: null })
    expect(parsed.success && parsed.data.table.grades).toEqual({ A: 90, B: 80, C: 60 })
  })
  it('refuses grades that overlap, points and caps out of bounds', () => {
    const issues = (over: Record<string, string>) => {
      const r = form(over)
      return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])
    }
    expect(issues({ gradeB: '90' })).toEqual([['gradeB', 'errors.gradeOrder']])
    expect(issues({ gradeC: '85' })).toEqual([['gradeC', 'errors.gradeOrder']])
    expect(issues({ points_award_declined: '-101' })).toEqual([['points_award_declined', 'errors.creditPoints']])
    expect(issues({ cap_award_declined: '0' })).toEqual([['cap_award_declined', 'errors.creditCap']])
    expect(issues({ windowMonths: '3' })).toEqual([['windowMonths', 'errors.windowMonths']])
  })
})
