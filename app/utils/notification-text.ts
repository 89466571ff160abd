import { translator, isMessageKey, type Locale } from '~/i18n'
import { formatDateTime, formatDay, formatYuan } from './format'

/**
 * A notification's words in a language: its kind names the message (notify.<kind>) and its
 * params fill it, with names stored in both languages picked for the reader. The inbox and the
 * email outbox both say it this way.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/

export function notificationText(kind: string, raw: Record<string, string | number>, locale: Locale): string {
  const en = locale === 'en'
  const params: Record<string, string | number> = {
    ...raw,
    specialty: String((en ? raw.specialtyEn : raw.specialtyZh) ?? ''),
    agency: String((en ? raw.agencyEn : raw.agencyZh) ?? ''),
    ...(raw.orgZh !== undefined ? { org: String((en ? raw.orgEn : raw.orgZh) ?? '') } : {}),
    ...(typeof raw.validTo === 'string' ? { validTo: formatDay(raw.validTo, locale) } : {}),
    ...(typeof raw.due === 'string' ? { due: formatDay(raw.due, locale) } : {}),
    // A measure's term: its first and last days (an open end is a dash).
    ...(typeof raw.from === 'string' && DAY.test(raw.from) ? { from: formatDay(raw.from, locale) } : {}),
    ...(typeof raw.until === 'string' && DAY.test(raw.until) ? { until: formatDay(raw.until, locale) } : {}),
    ...(typeof raw.by === 'string' ? { by: formatDateTime(raw.by, locale) } : {}),
    ...(typeof raw.at === 'string' ? { at: formatDateTime(raw.at, locale) } : {}),
    ...(typeof raw.amountFen === 'number' ? { amount: formatYuan(raw.amountFen, locale) } : {}),
  }
  // A role is said in the reader's language (an invitation names the one offered).
  const roleKey = `role.${String(raw.role ?? '')}`
  if (isMessageKey(roleKey)) params.role = translator(locale)(roleKey)
  const key = `notify.${kind}`
  return isMessageKey(key) ? translator(locale)(key, params) : kind
}
