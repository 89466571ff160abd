import * as z from 'zod/mini'
import { REMEDIES } from '../procurement/talk-input'
import { optionalText, text, uuid } from '../shared/fields'

/*
 * A complaint's forms (投诉): filed on an objection, reviewed and decided by the office. Pure, so the
 * browser checks them; their own errors are said in the complaint pages' namespace (cmp).
 */
/** A complaint on an objection the owner did not resolve: the remedy asked for and the arguments (evidence is a file beside them). */
export const complaintSchema = z.object({ remedy: z.enum(REMEDIES, { error: 'errors.choose' }), arguments: text(20, 5000, 'cmp.error.argumentsShort') })
/** The supervisor's review: accepted for decision, or invalid with the reason. */
export const complaintReviewSchema = z.discriminatedUnion('review', [
  z.object({ review: z.literal('accepted'), note: optionalText(1000) }),
  z.object({ review: z.literal('invalid'), note: text(4, 1000, 'errors.reasonShort') }),
], { error: 'errors.choose' })
/** The supervisor's decision: upheld with the remedy ordered, or dismissed; the reasons either way. */
export const complaintDecisionSchema = z.object({
  outcome: z.enum(['upheld', 'dismissed'], { error: 'errors.choose' }),
  remedy: z._default(z.optional(z.union([z.enum(REMEDIES, { error: 'errors.choose' }), z.literal('')])), ''),
  decision: text(10, 5000, 'cmp.error.decisionShort'),
})
export const complaintIdSchema = z.object({ id: uuid('errors.notFound') })
