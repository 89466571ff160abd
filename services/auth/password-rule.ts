import type { ErrorCode } from '../shared/error-codes'

/* What makes a password acceptable. Pure, so the sign-up form says so before it is sent. */

export const PASSWORD_MIN = 10
/** Long inputs cost argon2 time; anything longer is refused before hashing. */
export const PASSWORD_MAX = 128

const COMMON = new Set(['password123', '1234567890', 'qwertyuiop', '12345678910', 'abc1234567', 'password1234', 'a123456789', 'woaini1314520', 'iloveyou1234'])

/** An i18n key naming what is wrong with the password, or null when it is strong enough. */
export function passwordProblem(password: string, email?: string): ErrorCode | null {
  if (password.length < PASSWORD_MIN) return 'errors.passwordTooShort'
  if (password.length > PASSWORD_MAX) return 'errors.passwordTooLong'
  const classes = [/[a-zA-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length
  if (classes < 2 || COMMON.has(password.toLowerCase())) return 'errors.passwordWeak'
  const local = email?.split('@')[0]?.toLowerCase()
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return 'errors.passwordContainsEmail'
  return null
}
