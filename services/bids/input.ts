import * as z from 'zod/mini'
import { accepted, text, uuid, uuids, wholeNumber } from '../shared/fields'
import { amountProblem, parseYuan } from '../shared/money'

/*
 * An agency's forms, as they are sent. Pure (zod's small build and the shared checks), so the
 * browser checks them with the server's schemas and messages before sending.
 */

export const NONCE = /^[0-9a-f]{64}$/

/** Partners besides the lead: the marketplace's limit for one consortium. */
export const MAX_CONSORTIUM_MEMBERS = 3

/** A price offered, typed in yuan, as fen: a sealed bid's, and each offer of a live auction. */
export const bidPrice = z.pipe(
  z.string({ error: 'errors.amount' }).check(
    z.superRefine((v, ctx) => {
      const problem = amountProblem(v)
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v })
    }),
  ),
  z.transform((v: string) => parseYuan(v) ?? 0),
)

export const bidInputSchema = z.object({
  price: bidPrice,
  // The limit is the procurement's expected days, checked with its number (errors.daysOverExpected).
  committedDays: wholeNumber(1, 100_000, 'errors.daysPositive'),
  /** made by the bidder's browser; the server makes one when JavaScript is off */
  nonce: z.pipe(
    z.pipe(z.optional(z.string().check(z.trim(), z.toLowerCase())), z.transform((v) => v || undefined)),
    z.optional(z.string().check(z.regex(NONCE, 'errors.nonce'))),
  ),
  accept: accepted,
  practitionerIds: uuids(10),
  /** 联合体: the lead's share of the items (when the procurement has several), and the members with theirs */
  leadItemIds: uuids(20),
  members: z._default(
    z.optional(
      z.array(z.object({ uscc: z.string().check(z.trim(), z.toUpperCase(), z.length(18, 'errors.usccLength')), itemIds: z._default(z.array(uuid('errors.choose')).check(z.maxLength(20, 'errors.tooMany')), []) })).check(
        z.maxLength(MAX_CONSORTIUM_MEMBERS, 'errors.tooManyMembers'),
      ),
    ),
    [],
  ),
})

export type BidInput = z.infer<typeof bidInputSchema>

/** A member's answer to one invitation (an agency may be invited by several leads): the bid it answers, and how. */
export const consortiumResponseSchema = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('accept'), bidId: uuid('errors.notFound'), accept: accepted }),
  z.object({ answer: z.literal('decline'), bidId: uuid('errors.notFound'), reason: text(4, 500, 'errors.reasonShort') }),
])
