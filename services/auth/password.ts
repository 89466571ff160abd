import type { ErrorCode } from '../shared/error-codes'
import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's second recommended setting (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

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

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

/** A hash of nothing, verified against when the email is unknown so both answers take as long. */
let dummy: Promise<string> | undefined
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-0')
  return dummy
}
