import * as z from 'zod'
import { amountProblem, parseYuan } from '../shared/money'
import { isUuid } from '../shared/schemas'


export const NONCE = /^[0-9a-f]{64}$/

/** Partners besides the lead: the marketplace's limit for one consortium. */
export const MAX_CONSORTIUM_MEMBERS = 3

export const bidInputSchema = z.object({
  price: z.string({ error: 'errors.amount' }).transform((v, ctx) => {
    const problem = amountProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
    return parseYuan(v) ?? 0
  }),
  // The limit is the procurement's expected days, checked with its number (errors.daysOverExpected).
  committedDays: z.coerce.number({ error: 'errors.daysPositive' }).int('errors.daysPositive').min(1, 'errors.daysPositive').max(100_000, 'errors.daysPositive'),
  /** made by the bidder's browser; the server makes one when JavaScript is off */
  nonce: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(NONCE, 'errors.nonce').optional()),
  accept: z.literal('yes', { error: 'errors.mustAccept' }),
  practitionerIds: z.array(z.string().refine(isUuid, 'errors.choose')).max(10).optional().default([]),
  /** 联合体: the lead's share of the items (when the procurement has several), and the members with theirs */
  leadItemIds: z.array(z.string().refine(isUuid, 'errors.choose')).max(20).optional().default([]),
  members: z
    .array(z.object({ uscc: z.string().trim().toUpperCase().length(18, 'errors.usccLength'), itemIds: z.array(z.string().refine(isUuid, 'errors.choose')).max(20).default([]) }))
    .max(MAX_CONSORTIUM_MEMBERS, 'errors.tooManyMembers')
    .optional()
    .default([]),
})

export type BidInput = z.infer<typeof bidInputSchema>

/** A member's answer to one invitation (an agency may be invited by several leads): the bid it answers, and how. */
export const consortiumResponseSchema = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('accept'), bidId: z.string().refine(isUuid, 'errors.notFound'), accept: z.literal('yes', { error: 'errors.mustAccept' }) }),
  z.object({ answer: z.literal('decline'), bidId: z.string().refine(isUuid, 'errors.notFound'), reason: z.string().trim().min(4, 'errors.reasonShort').max(500, 'errors.tooLong') }),
])
