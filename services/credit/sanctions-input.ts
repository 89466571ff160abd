import * as z from 'zod/mini'
import { day, text, uuid } from '../shared/fields'

/*
 * The office's blacklist forms: a listing (the decision, its reason and its period) and the
 * early lifting of one. Pure, so the browser checks them with the server's messages.
 */

const optionalDay = z.pipe(z.pipe(z.optional(z.string().check(z.trim())), z.transform((v) => v || undefined)), z.optional(day))

export const blacklistSchema = z
  .object({
    uscc: z.string({ error: 'errors.usccLength' }).check(z.trim(), z.toUpperCase(), z.length(18, 'errors.usccLength')),
    decisionNo: text(2, 100),
    reason: text(4, 1000, 'errors.reasonShort'),
    startsOn: day,
    endsOn: optionalDay,
  })
  .check(z.refine((v) => !v.endsOn || v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'errors.validityOrder' }))
export type BlacklistInput = z.infer<typeof blacklistSchema>

export const liftSchema = z.object({ id: uuid('errors.notFound'), reason: text(4, 1000, 'errors.reasonShort') })
