/**
 * 统一社会信用代码, GB 32100-2015: 18 characters from a 31-character set (no I, O, S, V, Z);
 * the 18th is a check character over the first 17 with weights 3^(i) mod 31.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!)
    if (value < 0) throw new Error(`invalid USCC character ${first17[i]}`)
    sum += value * WEIGHTS[i]!
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!
}

export function normalizeUscc(input: string): string {
  return input.trim().toUpperCase()
}

/**
 * Why a code is not a USCC, as the message to show (null when it is one): its length, a character
 * outside the code set (I, O, S, V and Z are never used; the region part is digits), or its check
 * character.
 */
export function usccProblem(input: string): 'errors.usccLength' | 'errors.usccCharset' | 'errors.usccCheck' | null {
  const code = normalizeUscc(input)
  if (code.length !== 18) return 'errors.usccLength'
  if (!SHAPE.test(code)) return 'errors.usccCharset'
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'errors.usccCheck'
}

export function isValidUscc(input: string): boolean {
  const code = normalizeUscc(input)
  if (!SHAPE.test(code)) return false
  return usccCheckChar(code.slice(0, 17)) === code[17]
}
