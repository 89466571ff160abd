import * as z from 'zod/mini'
import { optionalText, text } from '../shared/fields'

/*
 * What the parties answer to an offer: the winner's reason to decline, the agency's explanation
 * of an abnormally low price, and the owner's decision on it. Pure, so the browser checks them too.
 */
export const declineSchema = z.object({ reason: text(4, 500, 'errors.reasonShort') })
export const explanationSchema = z.object({ explanation: text(20, 2000, 'errors.explanationShort') })
/** 信用择优: the owner's choice from the short list, and why (published with the result). */
export const chooseSchema = z.object({ bidId: z.string({ error: 'errors.chooseCandidate' }).check(z.minLength(1, 'errors.chooseCandidate')), reason: text(10, 1000, 'errors.chooseReason') })
export const explanationDecisionSchema = z
  .object({ decision: z.enum(['accept', 'reject'], { error: 'errors.choose' }), reason: optionalText(500) })
  .check(z.refine((v) => v.decision === 'accept' || v.reason.length >= 4, { path: ['reason'], message: 'errors.reasonRequired' }))
