import * as z from 'zod/mini'
import { day, text } from '../shared/fields'
import { idNumberProblem } from '../shared/id-number'

/**
 * A practitioner (执业人员) as the agency's form sends it: the identity number is checked for its
 * shape, its date of birth and its check digit. Pure, so the browser checks it with the server's messages.
 */
export const practitionerInputSchema = z.object({
  name: text(2, 30, 'errors.personName'),
  idNumber: z.string({ error: 'errors.required' }).check(
    z.trim(),
    z.toUpperCase(),
    z.superRefine((v, ctx) => {
      const problem = idNumberProblem(v)
      if (problem) ctx.addIssue({ code: 'custom', message: `errors.idNumber.${problem}`, input: v })
    }),
  ),
  specialtyCode: z.string({ error: 'errors.choose' }).check(z.minLength(1, 'errors.choose')),
  certificateNo: z.string({ error: 'errors.certificateNo' }).check(z.trim(), z.toUpperCase(), z.minLength(4, 'errors.certificateNo'), z.maxLength(40, 'errors.certificateNo'), z.regex(/^[0-9A-Z\-/()]+$/, 'errors.certificateNo')),
  validTo: day,
})
export type PractitionerInput = z.infer<typeof practitionerInputSchema>
