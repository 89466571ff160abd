import type { MessageKey } from '~/i18n'

/** Field errors as i18n keys, first error per field: what a page shows beside its fields (a GET form's too). */
export type FieldErrors = Partial<Record<string, MessageKey>>
