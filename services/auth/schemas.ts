import * as z from 'zod/mini'
import { email, optionalText, phone, regionCode, text } from '../shared/fields'
import { normalizeUscc, usccProblem } from '../shared/uscc'
import { PASSWORD_MAX, passwordProblem } from './password-rule'

/**
 * Form schemas shared by the web layer and the services, and checked in the browser too.
 * Messages are i18n keys, so the web layer shows each error in the user's language.
 */

export const signInSchema = z.object({
  email,
  // Not checked for strength here: a sign-in only compares.
  password: z.string({ error: 'errors.required' }).check(z.minLength(1, 'errors.required'), z.maxLength(PASSWORD_MAX, 'errors.passwordTooLong')),
})
export type SignInInput = z.infer<typeof signInSchema>

export const signUpSchema = z
  .object({
    email,
    password: z.string({ error: 'errors.required' }).check(z.minLength(1, 'errors.required')),
    displayName: text(1, 60),
    orgKind: z.enum(['owner', 'agency'], { error: 'errors.choose' }),
    orgNameZh: text(1, 100),
    orgNameEn: optionalText(160),
    uscc: z.pipe(
      z.pipe(z.string({ error: 'errors.required' }), z.transform(normalizeUscc)),
      z.string().check(
        z.minLength(1, 'errors.required'),
        z.superRefine((code, ctx) => {
          const problem = usccProblem(code)
          if (problem) ctx.addIssue({ code: 'custom', message: problem, input: code })
        }),
      ),
    ),
    regionCode,
    contactName: text(1, 40),
    contactPhone: phone,
    address: optionalText(200),
  })
  .check(
    z.superRefine((value, ctx) => {
      // Reported with the other field errors, not only once they are fixed.
      const problem = value.password && passwordProblem(value.password, value.email)
      if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem, input: value })
    }),
  )
export type SignUpInput = z.infer<typeof signUpSchema>
