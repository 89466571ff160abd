import type { z } from 'zod'
import { isMessageKey, type MessageKey } from '~/i18n'

/** Field errors as i18n keys, first error per field, ready to send back with status 400. */
export type FieldErrors = Partial<Record<string, MessageKey>>

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (out[field]) continue
    out[field] = isMessageKey(issue.message) ? issue.message : 'errors.required'
  }
  return out
}

export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of formData) if (typeof value === 'string') out[key] = value
  return out
}
