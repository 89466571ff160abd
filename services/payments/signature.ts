import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The provider signs each webhook: header `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * While a secret is rotated the provider signs with both, so the header may carry several `v1`
 * values, and we hold several secrets: one match of any is enough.
 */
export const SIGNATURE_HEADER = 'provider-signature'
/** How far the signature's time may be from ours, either way (replays of old events are refused). */
export const SIGNATURE_TOLERANCE_S = 300

export function sign(secret: string, unixSeconds: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex')
}

/** The header the provider sends: one `v1` per secret it signs with. */
export function signatureHeader(secrets: readonly string[], unixSeconds: number, rawBody: string): string {
  return [`t=${unixSeconds}`, ...secrets.map((s) => `v1=${sign(s, unixSeconds, rawBody)}`)].join(',')
}

export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch'

/** Why a webhook's signature is not to be trusted, or null when it is. */
export function signatureProblem(header: string | null, rawBody: string, secrets: readonly string[], now: Date, toleranceS = SIGNATURE_TOLERANCE_S): SignatureProblem | null {
  if (!header) return 'missing'
  let t: number | null = null
  const candidates: Buffer[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value)
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(Buffer.from(value, 'hex'))
  }
  if (t === null || !candidates.length) return 'malformed'
  if (Math.abs(now.getTime() / 1000 - t) > toleranceS) return 'stale'
  for (const secret of secrets) {
    const expected = Buffer.from(sign(secret, t, rawBody), 'hex')
    // Every candidate is compared in full, in constant time: nothing leaks which byte differed.
    if (candidates.some((c) => c.length === expected.length && timingSafeEqual(c, expected))) return null
  }
  return 'mismatch'
}
