import { isMessageKey } from '~/i18n'
import { formatDateTime, formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

export interface InboxItem {
  id: string
  kind: string
  params: Record<string, string | number>
  createdAt: string
}

/** The in-app inbox, each message rendered in the reader's language from its kind and params. */
export function Inbox({ items }: { items: InboxItem[] }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <section className="card" aria-labelledby="inbox-title">
      <h2 id="inbox-title">{t('notify.title')}</h2>
      {items.length ? (
        <ul className="inbox">
          {items.map((n) => {
            const key = `notify.${n.kind}`
            const p = n.params
            const params = {
              ...p,
              specialty: String((en ? p.specialtyEn : p.specialtyZh) ?? ''),
              agency: String((en ? p.agencyEn : p.agencyZh) ?? ''),
              ...(typeof p.validTo === 'string' ? { validTo: formatDay(p.validTo, locale) } : {}),
            }
            return (
              <li key={n.id}>
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time>
                {isMessageKey(key) ? t(key, params) : n.kind}
              </li>
            )
          })}
        </ul>
      ) : (
        <p className="muted">{t('notify.none')}</p>
      )}
    </section>
  )
}
