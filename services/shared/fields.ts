import * as z from 'zod/mini'
import { amountProblem, parseYuan } from './money'
import { isUuid } from './uuid'

/*
 * The fields forms are made of, in zod's small build: a form's schema is checked in the browser
 * too, so it ships, and these cost a fraction of zod's chainable API. Messages are i18n keys.
 */

/** Trimmed text of min..max characters (min 1: required). */
export const text = (min: number, max: number, short: string = 'errors.required') =>
  z.string({ error: min > 0 ? short : 'errors.required' }).check(z.trim(), z.minLength(min, short), z.maxLength(max, 'errors.tooLong'))

/** Optional trimmed text up to max characters: '' when not sent. */
export const optionalText = (max: number) => z._default(z.optional(z.string().check(z.trim(), z.maxLength(max, 'errors.tooLong'))), '')

/** A whole number in min..max that may be left empty: null when empty, the error (with a null) when out of bounds. */
export const optionalWholeNumber = (min: number, max: number, message: string) =>
  z.pipe(
    z.optional(z.string()),
    z.transform((v, ctx) => {
      const s = (v ?? '').trim()
      if (!s) return null
      const n = Number(s)
      if (!Number.isInteger(n) || n < min || n > max) ctx.issues.push({ code: 'custom', message, input: v, path: [] })
      return n
    }),
  )

/** A whole number in min..max, typed in a field. */
export const wholeNumber = (min: number, max: number, message: string) => z.coerce.number({ error: message }).check(z.int(message), z.minimum(min, message), z.maximum(max, message))

/**
 * Fen from a typed amount, or null with the problem reported. The value is null, never the text,
 * when the amount is wrong, so a rule across fields (floor under ceiling) passes it over.
 */
function toFen(v: string | undefined, ctx: { issues: unknown[] }, optional: boolean, allowZero: boolean): number | null {
  const empty = !v?.trim()
  const problem = empty ? (optional ? null : 'errors.required') : amountProblem(v!, { allowZero })
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: v, path: [] })
  return problem || empty ? null : parseYuan(v!)
}

/** A yuan amount typed in, as fen (null only along with its error, so never in a parsed form). */
export const yuan = ({ allowZero = false } = {}) => z.pipe(z.string({ error: 'errors.required' }), z.transform((v: string, ctx) => toFen(v, ctx, false, allowZero) as number))

/** A yuan amount that may be left empty, as fen or null. */
export const optionalYuan = ({ allowZero = false } = {}) => z.pipe(z.optional(z.string()), z.transform((v: string | undefined, ctx) => toFen(v, ctx, true, allowZero)))

/** A checkbox: ticked or not. */
export const checkbox = z.pipe(z.optional(z.unknown()), z.transform((v) => v === 'on' || v === 'yes' || v === true))

/** One of our ids (the message when it is not one). */
export const uuid = (message: string) => z.string({ error: message }).check(z.refine(isUuid, message))

/** Ticked ids of a repeated checkbox: [] when none. */
export const uuids = (max: number, message = 'errors.choose') => z._default(z.optional(z.array(uuid(message)).check(z.maxLength(max, 'errors.tooMany'))), [])

/** A ticked "I accept". */
export const accepted = z.literal('yes', { error: 'errors.mustAccept' })

/** A calendar day 'YYYY-MM-DD' that exists (no 2026-02-30). */
export const day = z.string({ error: 'errors.date' }).check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date'),
  z.refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`)
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d)
  }, 'errors.date'),
)

/** A mobile number or a landline with its area code. */
export const phone = z.string({ error: 'errors.required' }).check(z.trim(), z.minLength(1, 'errors.required'), z.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'errors.phone'))

/** An email address, kept lower-case. */
export const email = z.pipe(z.string({ error: 'errors.required' }).check(z.trim(), z.toLowerCase(), z.minLength(1, 'errors.required'), z.maxLength(254, 'errors.tooLong')), z.email({ error: 'errors.email' }))

/** A region's six-digit code (its existence is checked against the database). */
export const regionCode = z.string({ error: 'errors.required' }).check(z.regex(/^\d{6}$/, 'errors.region'))
