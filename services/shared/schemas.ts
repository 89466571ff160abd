import * as z from 'zod'

/** A calendar day 'YYYY-MM-DD' that exists (no 2026-02-30, no 2026-13-45); the message is an i18n key. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`)
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d)
  }, 'errors.date')

/** The shape of our ids (gen_random_uuid): checked before a query, so junk never reaches the database. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
}

export const emailField = z
  .string({ error: 'errors.required' })
  .trim()
  .toLowerCase()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .pipe(z.email({ error: 'errors.email' }))

export const phoneField = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'errors.phone')
