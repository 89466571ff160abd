/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence and an
 * ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idNumberCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK[sum % 11]!
}

export type IdNumberProblem = 'format' | 'birthDate' | 'check'

/** The birth date a well-formed identity number carries, 'YYYY-MM-DD'. */
export function birthDateOf(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`
}

/** Why the number is not a valid identity number, or null when it is (a birth date later than today is the caller's check: it needs the clock). */
export function idNumberProblem(value: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format'
  const birth = birthDateOf(value)
  const ms = Date.parse(`${birth}T00:00:00Z`)
  if (Number.isNaN(ms) || !new Date(ms).toISOString().startsWith(birth) || birth < '1900-01-01') return 'birthDate'
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'check'
  return null
}

/**
 * How everyone but the agency itself sees an identity number: region prefix and the last four
 * characters. The same rule is written in SQL by `maskedIdNumberSql`, so the whole number never
 * leaves the database for other viewers.
 */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(10)}${value.slice(-4)}`
}
