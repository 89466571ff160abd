import * as z from 'zod/mini'
import { optionalYuan, text, wholeNumber } from '../shared/fields'

/*
 * The market office's edit of an item's terms, amounts typed in yuan. Pure, so the browser
 * checks it with the server's messages; the version it edits is checked on arrival.
 */
const fee = optionalYuan({ allowZero: true })

export const itemTermsSchema = z
  .object({
    nameZh: text(1, 60),
    nameEn: text(1, 120),
    standardDays: wholeNumber(1, 250, 'errors.days'),
    legalBasis: text(1, 300),
    authorityZh: text(1, 60),
    authorityEn: text(1, 120),
    feeMin: fee,
    feeMax: fee,
    specialties: z.array(z.string()).check(z.minLength(1, 'errors.chooseSpecialty')),
  })
  .check(z.refine((v) => v.feeMin === null || v.feeMax === null || v.feeMin <= v.feeMax, { path: ['feeMax'], message: 'errors.feeRange' }))

export type ItemTermsInput = z.infer<typeof itemTermsSchema>
