import { formatDateTime } from '~/utils/format'
import { notificationText } from '~/utils/notification-text'
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
  return (
    <section className="card" aria-labelledby="inbox-title">
      <h2 id="inbox-title">{t('notify.title')}</h2>
      {items.length ? (
        <ul className="inbox">
          {items.map((n) => {
            return (
              <li key={n.id}>
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time>
                {notificationText(n.kind, n.params, locale)}
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
