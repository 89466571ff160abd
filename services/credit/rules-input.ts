import * as z from 'zod/mini'
import { text, wholeNumber } from '../shared/fields'
import { CREDIT_EVENT_KINDS, type CreditEventKind } from './kinds'

/*
 * The credit rules table and the office's form for it (`points_<kind>`, `cap_<kind>` with an empty
 * cap for none, the three thresholds, the window, a note). Pure, so the browser checks the form
 * with the server's messages.
 */

const points = z.number().check(z.int(), z.minimum(-100), z.maximum(100))
const rule = z.object({ points, cap: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(100))) })

/** Grades may not overlap: 100 ≥ A > B > C ≥ 1. */
const grades = z
  .object({ A: z.number().check(z.int(), z.minimum(2), z.maximum(100)), B: z.number().check(z.int(), z.minimum(1), z.maximum(99)), C: z.number().check(z.int(), z.minimum(1), z.maximum(98)) })
  .check(z.refine((g) => g.A > g.B && g.B > g.C, { path: ['B'], message: 'errors.gradeOrder' }))

export const creditTableSchema = z.object({
  kinds: z.partialRecord(z.enum(CREDIT_EVENT_KINDS), rule),
  grades,
  windowMonths: z.number().check(z.int(), z.minimum(6), z.maximum(60)),
})
export type CreditTable = { kinds: Record<CreditEventKind, { points: number; cap: number | null }>; grades: { A: number; B: number; C: number }; windowMonths: number }

const typedPoints = wholeNumber(-100, 100, 'errors.creditPoints')
const typedCap = z.pipe(
  z.optional(z.string()),
  z.transform((v, ctx) => {
    const s = (v ?? '').trim()
    if (!s) return null
    const n = Number(s)
    if (!Number.isInteger(n) || n < 1 || n > 100) ctx.issues.push({ code: 'custom', message: 'errors.creditCap', input: v, path: [] })
    return n
  }),
)

export const creditTableFormSchema = z.pipe(
  z
    .object({
      ...(Object.fromEntries(CREDIT_EVENT_KINDS.flatMap((k) => [[`points_${k}`, typedPoints], [`cap_${k}`, typedCap]])) as Record<string, typeof typedPoints>),
      gradeA: wholeNumber(2, 100, 'errors.gradeBounds'),
      gradeB: wholeNumber(1, 99, 'errors.gradeBounds'),
      gradeC: wholeNumber(1, 98, 'errors.gradeBounds'),
      windowMonths: wholeNumber(6, 60, 'errors.windowMonths'),
      note: text(4, 500, 'errors.reasonShort'),
    })
    .check(
      z.refine((v) => v.gradeA > v.gradeB, { path: ['gradeB'], message: 'errors.gradeOrder' }),
      z.refine((v) => v.gradeB > v.gradeC, { path: ['gradeC'], message: 'errors.gradeOrder' }),
    ),
  z.transform((form) => {
    const v = form as typeof form & Record<string, number | null>
    return {
    table: {
      kinds: Object.fromEntries(CREDIT_EVENT_KINDS.map((k) => [k, { points: v[`points_${k}`] as number, cap: (v[`cap_${k}`] as unknown as number | null) ?? null }])) as CreditTable['kinds'],
      grades: { A: v.gradeA, B: v.gradeB, C: v.gradeC },
      windowMonths: v.windowMonths,
    } satisfies CreditTable,
    note: v.note,
  }
  }),
)
