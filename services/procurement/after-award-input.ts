import * as z from 'zod/mini'
import { optionalText, text, wholeNumber } from '../shared/fields'

/*
 * The owner's forms after the award: the decision on a delivery, and the evaluation of the
 * service (the contract's form is in contract-input.ts). Pure, so the browser checks them with
 * the server's messages.
 */

/** Accepting a delivery cannot be undone, so the form ticks neither choice: the owner picks one. */
export const decisionSchema = z.discriminatedUnion(
  'decision',
  [z.object({ decision: z.literal('accept'), reason: z.optional(z.string()) }), z.object({ decision: z.literal('return'), reason: text(4, 1000, 'errors.reasonRequired') })],
  { error: 'errors.choose' },
)

const score = wholeNumber(1, 5, 'errors.score')
/** A point of 2 or less must say why in the comment: the agency reads it, and may appeal it. */
const lowNeedsReason = (points: number[], comment: string) => !points.some((p) => p <= 2) || comment.length >= 4

/** 质量, 时效, 态度, 收费, 规范: the five points local platforms rate a finished service on. */
export const evaluationSchema = z
  .object({ quality: score, timeliness: score, conduct: score, fees: score, compliance: score, comment: optionalText(1000) })
  .check(z.refine((v) => lowNeedsReason([v.quality, v.timeliness, v.conduct, v.fees, v.compliance], v.comment), { path: ['comment'], message: 'errors.lowScoreReason' }))

/** The agency's rating of the owner: paying on time, and cooperating. */
export const ownerEvaluationSchema = z
  .object({ payment: score, cooperation: score, comment: optionalText(1000) })
  .check(z.refine((v) => lowNeedsReason([v.payment, v.cooperation], v.comment), { path: ['comment'], message: 'errors.lowScoreReason' }))
