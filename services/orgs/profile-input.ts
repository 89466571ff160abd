import * as z from 'zod/mini'
import { email, optionalText, phone, regionCode, text } from '../shared/fields'

/**
 * What an organization's admin may change after sign-up. The name and the USCC are not here:
 * they identify the organization in every record, and change only through the market office.
 * Pure, so the browser checks it with the server's messages.
 */
export const profileSchema = z.object({
  legalRepresentative: text(1, 40),
  address: text(1, 200),
  regionCode,
  contactName: text(1, 40),
  contactPhone: phone,
  contactEmail: email,
  nameEn: optionalText(160),
})
export type ProfileInput = z.infer<typeof profileSchema>
