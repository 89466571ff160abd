/**
 * Money is integer fen. Amounts typed in yuan ("12,345.6", "¥800") are parsed digit by digit,
 * never through a float, so 0.1 + 0.2 problems cannot happen.
 */
const YUAN = /^\s*[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:元)?\s*$/

/** Fen from a yuan amount, or null when the text is not one. At most 1,000,000,000 yuan. */
export function parseYuan(text: string): number | null {
  const match = YUAN.exec(text)
  if (!match) return null
  const whole = match[1]!.replaceAll(',', '')
  if (whole.length > 10) return null
  const fen = Number(whole) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return fen <= 100_000_000_000 ? fen : null
}

/** Fen as plain yuan for a form field: 1234567 → "12345.67". */
export function fenToYuanInput(fen: number): string {
  const cents = String(fen % 100).padStart(2, '0')
  return cents === '00' ? String(Math.trunc(fen / 100)) : `${Math.trunc(fen / 100)}.${cents}`
}

export type AmountProblem = 'errors.amount' | 'errors.amountNegative' | 'errors.amountTooLarge' | 'errors.amountZero'

/**
 * What is wrong with a typed yuan amount, as the message to show (null when nothing is): a sign
 * is not a format error, nor is an amount past the limit.
 */
export function amountProblem(text: string, { allowZero = false } = {}): AmountProblem | null {
  const fen = parseYuan(text)
  if (fen !== null) return fen === 0 && !allowZero ? 'errors.amountZero' : null
  if (/^\s*[-−－]/.test(text)) return 'errors.amountNegative'
  if (YUAN.test(text)) return 'errors.amountTooLarge'
  return 'errors.amount'
}
