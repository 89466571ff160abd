import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { recentOutbox } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['outbox', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'outbox.title')

/** The email outbox: what would be mailed, rendered in each addressee's language. Nothing is sent yet. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:jobs:any')
  const { db } = await getApp()
  const rows = await recentOutbox(db, 50)
  return { rows: rows.map((r) => ({ id: r.id, to: r.toEmail, locale: r.locale, subject: r.subject, body: r.body, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })) }
}

export default function Outbox() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <div className="page">
      <h1>{t('outbox.title')}</h1>
      <p className="lead">{t('outbox.intro')}</p>
      {rows.length ? (
        <ul className="outbox">
          {rows.map((r) => (
            <li key={r.id} className="card">
              <p className="muted sub">
                {formatDateTime(r.createdAt, locale)} · {t('outbox.to')} <span className="mono">{r.to}</span> · {r.locale} · {t(r.sentAt ? 'outbox.sent' : 'outbox.unsent')}
              </p>
              <h2 className="outbox-subject">{r.subject}</h2>
              <pre className="outbox-body">{r.body}</pre>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('outbox.none')}</p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
