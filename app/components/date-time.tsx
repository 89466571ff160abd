import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/i18n'

/** An instant as people read it (Beijing time, in the user's language), machine-readable in `datetime`. */
export function DateTime({ at }: { at: Date | string }) {
  const locale = useLocale()
  return <time dateTime={new Date(at).toISOString()}>{formatDateTime(at, locale)}</time>
}
