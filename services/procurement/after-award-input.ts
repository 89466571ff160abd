import * as z from 'zod/mini'
import { day, optionalText, text, wholeNumber } from '../shared/fields'

/*
 * The owner's forms after the award: the contract's start, the decision on a delivery, and the
 * evaluation of the service. Pure, so the browser checks them with the server's messages.
 */
export const contractInputSchema = z.object({ startDate: day })

/** Accepting a delivery cannot be undone, so the form ticks neither choice: the owner picks one. */
export const decisionSchema = z.discriminatedUnion(
  'decision',
  [z.object({ decision: z.literal('accept'), reason: z.optional(z.string()) }), z.object({ decision: z.literal('return'), reason: text(4, 1000, 'errors.reasonRequired') })],
  { error: 'errors.choose' },
)

const score = wholeNumber(1, 5, 'errors.score')
export const evaluationSchema = z.object({ quality: score, timeliness: score, conduct: score, comment: optionalText(1000) })
