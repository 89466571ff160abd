import { Link } from '@remix-run/react'
import { formatDateTime } from '~/utils/format'
import { notificationText } from '~/utils/notification-text'
import { useLocale, useT } from '~/utils/i18n'

export interface InboxItem {
  id: string
  kind: string
  params: Record<string, string | number>
  createdAt: string
  read: boolean
  link: string | null
}

/**
 * The in-app inbox, each message rendered in the reader's language from its kind and params, the
 * unread ones marked and counted; a message opens its subject (and counts as read) through
 * /inbox/<id>. `all` links to the whole inbox, where a home shows only the newest.
 */
export function Inbox({ items, unread, all = true }: { items: InboxItem[]; unread: number; all?: boolean }) {
  const t = useT()
  const locale = useLocale()
  return (
    <section className="card" aria-labelledby="inbox-title">
      <h2 id="inbox-title">
        {t('notify.title')} {unread ? <span className="badge warn">{t('inbox.unread', { n: unread })}</span> : null}
      </h2>
      {items.length ? (
        <ul className="inbox">
          {items.map((n) => (
            <li key={n.id} className={n.read ? undefined : 'unread'}>
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time>
              <Link to={`/inbox/${n.id}`}>
                {n.read ? null : <span className="sr-only">{t('inbox.unreadOne')} </span>}
                {notificationText(n.kind, n.params, locale)}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('notify.none')}</p>
      )}
      {all ? (
        <p>
          <Link to="/inbox">{t('inbox.all')}</Link>
        </p>
      ) : null}
    </section>
  )
}
