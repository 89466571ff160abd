import * as z from 'zod/mini'
import { optionalText, text } from '../shared/fields'

/*
 * What bidders and owners say on a procurement's page: questions while bids are open (答疑),
 * objections (异议) with the owner's answers and the bidder's verdict on them. Pure, so the
 * browser checks them with the server's messages. A complaint's forms: services/supervision/complaint-input.ts.
 */
export const questionSchema = z.object({ question: text(5, 1000, 'errors.questionShort') })
export const answerSchema = z.object({ answer: text(2, 2000) })

/** What an objection or a complaint is about: the announcement's terms, the result, or the bidder's exclusion. */
export const OBJECTION_MATTERS = ['terms', 'result', 'qualification'] as const
/** The violation types a party can name (违法违规情形). */
export const VIOLATION_TYPES = ['discriminatory_terms', 'unclear_requirements', 'qualification_error', 'procedure', 'price_or_scoring', 'collusion', 'conflict_of_interest', 'false_material', 'other'] as const
/** The remedies a complaint may ask for and a supervisor may order. */
export const REMEDIES = ['amend_terms', 'cancel', 'rerun_next', 're_announce'] as const
export type Remedy = (typeof REMEDIES)[number]

/** An objection: its matter, the violation, the remedy wanted, and the text; `draft` keeps it unsent. */
export const objectionSchema = z.object({
  matter: z.enum(OBJECTION_MATTERS, { error: 'errors.choose' }),
  violation: z.enum(VIOLATION_TYPES, { error: 'errors.choose' }),
  remedy: z._default(z.optional(z.union([z.enum(REMEDIES, { error: 'errors.choose' }), z.literal('')])), ''),
  text: text(10, 2000, 'errors.objectionShort'),
  draft: optionalText(5),
})
export type ObjectionInput = z.infer<typeof objectionSchema>
export const objectionAnswerSchema = z.object({ response: text(4, 2000, 'errors.reasonShort') })
/** The bidder's verdict on the owner's answer. */
export const objectionVerdictSchema = z.object({ verdict: z.enum(['resolved', 'not_resolved'], { error: 'errors.choose' }) })
