import { CREDIT_GRADES, type CreditGrade } from './kinds'
import type { CreditTable } from './rules-input'

/**
 * The credit score, as a pure function of an organization's events: 100 plus the points of the
 * events in the window, each kind within its cap, never below 0. What the pages explain line by
 * line, the stored score and the rankings all come from here.
 */

/** The score every organization starts from. */
export const BASE_SCORE = 100

export interface EventForScore {
  id: string
  kind: string
  /** the Shanghai day it occurred */
  day: string
  /** withdrawn (an appeal upheld, a repair): shown, never counted */
  voided: boolean
}

export interface ScoreLine {
  id: string
  kind: string
  day: string
  /** what the table gives this kind */
  points: number
  /** what it adds after its kind's cap and the window: 0 when capped, voided or out of the window */
  counted: number
  why: 'counted' | 'capped' | 'partlyCapped' | 'voided' | 'expired' | 'notYet' | 'unknownKind'
}

/** `day` plus (or minus) whole months; the 31st of a shorter month is its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** An event counts while today is before the day `windowMonths` after it. */
export const countsUntil = (day: string, table: CreditTable) => addMonths(day, table.windowMonths)

export function gradeOf(score: number, grades: CreditTable['grades']): CreditGrade {
  return score >= grades.A ? 'A' : score >= grades.B ? 'B' : score >= grades.C ? 'C' : CREDIT_GRADES[3]
}

/**
 * The score on `today`, its lines in the order they happened (oldest first, so a cap keeps the
 * earliest events of a kind), and the next day it changes by itself (an event leaving the window).
 */
export function computeScore(events: readonly EventForScore[], table: CreditTable, today: string) {
  const sorted = [...events].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : 1))
  const running = new Map<string, number>()
  let changesOn: string | null = null
  const lines: ScoreLine[] = sorted.map((e) => {
    const rule = table.kinds[e.kind as keyof CreditTable['kinds']]
    const points = rule?.points ?? 0
    const until = countsUntil(e.day, table)
    if (!rule) return { ...e, points, counted: 0, why: 'unknownKind' as const }
    if (e.voided) return { ...e, points, counted: 0, why: 'voided' as const }
    if (until <= today) return { ...e, points, counted: 0, why: 'expired' as const }
    if (e.day > today) return { ...e, points, counted: 0, why: 'notYet' as const }
    if (!changesOn || until < changesOn) changesOn = until
    const before = running.get(e.kind) ?? 0
    const cap = rule.cap ?? Infinity
    const after = Math.max(-cap, Math.min(cap, before + points))
    running.set(e.kind, after)
    const counted = after - before
    return { ...e, points, counted, why: counted === points ? ('counted' as const) : counted === 0 ? ('capped' as const) : ('partlyCapped' as const) }
  })
  const sum = [...running.values()].reduce((a, b) => a + b, 0)
  const score = Math.max(0, BASE_SCORE + sum)
  return { score, grade: gradeOf(score, table.grades), lines, changesOn: changesOn as string | null }
}
