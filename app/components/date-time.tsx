import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

/**
 * An instant as people read it (Beijing time, in the user's language), machine-readable in
 * `datetime`; `provisional` when it was counted across a year whose holiday notice is not out.
 */
export function DateTime({ at, provisional = false }: { at: Date | string; provisional?: boolean }) {
  const locale = useLocale()
  const t = useT()
  const time = <time dateTime={new Date(at).toISOString()}>{formatDateTime(at, locale)}</time>
  if (!provisional) return time
  return (
    <>
      {time} <span className="badge warn">{t('time.provisional')}</span>
    </>
  )
}
