import * as z from 'zod/mini'
import { day, text, wholeNumber } from '../shared/fields'

/*
 * An agency's qualification certificate as its form sends it, and the authority's decision on
 * one. Pure, so the browser checks them with the server's messages.
 */
export const qualificationInputSchema = z
  .object({
    specialtyCode: z.string({ error: 'errors.choose' }).check(z.minLength(1, 'errors.choose')),
    level: wholeNumber(1, 3, 'errors.choose'),
    certificateNo: z.string({ error: 'errors.certificateNo' }).check(z.trim(), z.toUpperCase(), z.minLength(4, 'errors.certificateNo'), z.maxLength(40, 'errors.certificateNo'), z.regex(/^[0-9A-Z\-/()]+$/, 'errors.certificateNo')),
    issuer: text(2, 80),
    validFrom: day,
    validTo: day,
  })
  .check(z.refine((v) => v.validFrom <= v.validTo, { path: ['validTo'], message: 'errors.validityOrder' }))
export type QualificationInput = z.infer<typeof qualificationInputSchema>

/** The authority's decision on a qualification, as its form sends it; the reason's length is the review's own rule. */
export const reviewDecisionSchema = z.object({ decision: z.enum(['approve', 'reject', 'requestChanges'], { error: 'errors.choose' }), reason: z._default(z.optional(z.string()), '') })
