import * as z from 'zod/mini'
import { text, uuid, wholeNumber, yuan } from '../shared/fields'

/*
 * An agency's public terms: which items it offers within what time (承诺时限), and the lines of
 * its price list (明码标价). Pure, so the browser checks them with the server's messages.
 */
export const offeringSchema = z.object({ itemId: uuid('errors.choose'), committedDays: wholeNumber(1, 250, 'errors.days') })

export const priceItemSchema = z.object({
  itemId: uuid('errors.choose'),
  content: text(2, 200),
  unit: text(1, 20),
  fee: yuan(),
  legalBasis: text(2, 200),
  // A mobile, a landline, or a government hotline such as 12315 (market regulation) or 12345.
  complaintPhone: z.string({ error: 'errors.complaintPhone' }).check(z.trim(), z.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|12\d{3})$/, 'errors.complaintPhone')),
})
