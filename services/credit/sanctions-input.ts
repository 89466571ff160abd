import * as z from 'zod/mini'
import { day, text, uuid, wholeNumber } from '../shared/fields'

/*
 * The office's sanction forms: a measure proposed (a blacklisting, a suspension) or issued (a
 * yellow card), its approval or refusal by a second user, and the early lifting of one. Pure, so
 * the browser checks them with the server's messages.
 */

export const SANCTION_KINDS = ['blacklist', 'suspension', 'yellow_card'] as const
export type SanctionKindName = (typeof SANCTION_KINDS)[number]

/**
 * Each measure's term and its bounds: 失信名单 1 to 3 years (Guangxi's rules), 暂停 up to 90 days
 * (it only covers an investigation), 黄牌警告 6 months by default, at most 12.
 */
export const SANCTION_TERMS = {
  blacklist: { unit: 'years', min: 1, max: 3, byDefault: 1, error: 'errors.blacklistTerm' },
  suspension: { unit: 'days', min: 1, max: 90, byDefault: 30, error: 'errors.suspensionTerm' },
  yellow_card: { unit: 'months', min: 1, max: 12, byDefault: 6, error: 'errors.yellowCardTerm' },
} as const satisfies Record<SanctionKindName, { unit: 'years' | 'months' | 'days'; min: number; max: number; byDefault: number; error: string }>

/** The last day of a term that starts on `startsOn` (both inclusive): a year from 1 March ends on the last day of February. */
export function termEnd(startsOn: string, kind: SanctionKindName, term: number): string {
  const d = new Date(`${startsOn}T00:00:00Z`)
  const { unit } = SANCTION_TERMS[kind]
  if (unit === 'days') d.setUTCDate(d.getUTCDate() + term)
  else {
    const months = unit === 'years' ? term * 12 : term
    const dayOfMonth = d.getUTCDate()
    d.setUTCDate(1)
    d.setUTCMonth(d.getUTCMonth() + months)
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
    d.setUTCDate(Math.min(dayOfMonth, last))
  }
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

export const sanctionSchema = z
  .object({
    kind: z.enum(SANCTION_KINDS, { error: 'errors.choose' }),
    uscc: z.string({ error: 'errors.usccLength' }).check(z.trim(), z.toUpperCase(), z.length(18, 'errors.usccLength')),
    decisionNo: text(2, 100),
    reason: text(4, 1000, 'errors.reasonShort'),
    legalBasis: text(4, 500, 'errors.legalBasis'),
    startsOn: day,
    term: wholeNumber(0, 100_000, 'errors.termNumber'),
  })
  .check(
    z.superRefine((v, ctx) => {
      const bounds = SANCTION_TERMS[v.kind]
      if (v.term < bounds.min || v.term > bounds.max) ctx.issues.push({ code: 'custom', path: ['term'], message: bounds.error, input: v.term })
    }),
  )
export type SanctionInput = z.infer<typeof sanctionSchema>

/** The second user's approval: the decision's reference may be given or corrected then. */
export const approveSchema = z.object({ id: uuid('errors.notFound'), decisionNo: text(2, 100) })
export const refuseSchema = z.object({ id: uuid('errors.notFound'), reason: text(4, 1000, 'errors.reasonShort') })
export const liftSchema = z.object({ id: uuid('errors.notFound'), reason: text(4, 1000, 'errors.reasonShort') })
