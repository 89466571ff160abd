import * as z from 'zod'
import { emailField, phoneField } from '../shared/schemas'
import { normalizeUscc, usccProblem } from '../shared/uscc'
import { PASSWORD_MAX, passwordProblem } from './password'

/**
 * Form schemas shared by the web layer and the services. Messages are i18n keys, so the web layer
 * shows each error in the user's language.
 */
const text = (max: number) => z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.tooLong')

export const signInSchema = z.object({
  email: emailField,
  // Not checked for strength here: a sign-in only compares.
  password: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(PASSWORD_MAX, 'errors.passwordTooLong'),
})
export type SignInInput = z.infer<typeof signInSchema>

export const signUpSchema = z
  .object({
  email: emailField,
  password: z.string({ error: 'errors.required' }).min(1, 'errors.required'),
  displayName: text(60),
  orgKind: z.enum(['owner', 'agency'], { error: 'errors.choose' }),
  orgNameZh: text(100),
  orgNameEn: z.string().trim().max(160, 'errors.tooLong').optional().default(''),
  uscc: z
    .string({ error: 'errors.required' })
    .transform(normalizeUscc)
    .pipe(
      z
        .string()
        .min(1, 'errors.required')
        .superRefine((code, ctx) => {
          const problem = usccProblem(code)
          if (problem) ctx.addIssue({ code: 'custom', message: problem })
        }),
    ),
  regionCode: z.string({ error: 'errors.required' }).regex(/^\d{6}$/, 'errors.region'),
  contactName: text(40),
  contactPhone: phoneField,
  address: z.string().trim().max(200, 'errors.tooLong').optional().default(''),
  })
  .superRefine((value, ctx) => {
    // Reported with the other field errors, not only once they are fixed.
    const problem = value.password && passwordProblem(value.password, value.email)
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
  })
export type SignUpInput = z.infer<typeof signUpSchema>
