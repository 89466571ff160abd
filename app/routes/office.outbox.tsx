import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CursorPager } from '~/components/cursor-pager'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { OUTBOX_PAGE_SIZE, outboxQuerySchema, recentOutbox } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['dir', 'outbox', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'outbox.title')

/**
 * The email outbox: what would be mailed, rendered in each addressee's language, a page at a time,
 * filtered by addressee, language and whether it was sent; each email's body opens on demand.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:jobs:any')
  const { db } = await getApp()
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const query = outboxQuery(params)
  const rows = await recentOutbox(db, OUTBOX_PAGE_SIZE + 1, query)
  const page = rows.slice(0, OUTBOX_PAGE_SIZE)
  const last = page.at(-1)
  return {
    query: { to: query.to ?? '', locale: query.locale ?? '', state: query.state ?? '' },
    paged: !!query.before,
    next: rows.length > OUTBOX_PAGE_SIZE && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
    rows: page.map((r) => ({ id: r.id, to: r.toEmail, locale: r.locale, subject: r.subject, body: r.body, link: r.link, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
  }
}

const outboxQuery = (params: Record<string, string>) => outboxQuerySchema.parse(params)

export default function Outbox() {
  const { rows, query, next, paged } = useLoaderData<typeof loader>()
  const t = useT()
  const keep = Object.fromEntries(Object.entries(query).filter(([, v]) => v))
  return (
    <div className="page">
      <h1>{t('outbox.title')}</h1>
      <p className="lead">{t('outbox.intro')}</p>
      <Form method="get" className="card form filters">
        <div className="field">
          <label htmlFor="o-to">{t('outbox.to')}</label>
          <input id="o-to" name="to" type="search" maxLength={80} defaultValue={query.to} />
        </div>
        <div className="field">
          <label htmlFor="o-locale">{t('outbox.language')}</label>
          <select id="o-locale" name="locale" defaultValue={query.locale}>
            <option value="">{t('dir.any')}</option>
            <option value="zh-CN">{t('lang.zh')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="o-state">{t('outbox.state')}</label>
          <select id="o-state" name="state" defaultValue={query.state}>
            <option value="">{t('dir.any')}</option>
            <option value="unsent">{t('outbox.unsent')}</option>
            <option value="sent">{t('outbox.sent')}</option>
          </select>
        </div>
        <div className="actions filter-actions">
          <button type="submit" className="button">{t('dir.search')}</button>
          <Link to="/office/outbox">{t('dir.reset')}</Link>
        </div>
      </Form>
      {rows.length ? (
        <ul className="outbox">
          {rows.map((r) => (
            <li key={r.id} className="card">
              <p className="muted sub">
                <DateTime at={r.createdAt} /> · {t('outbox.to')} <span className="mono">{r.to}</span> · {r.locale === 'en' ? t('lang.en') : t('lang.zh')} ·{' '}
                <span className={`badge ${r.sentAt ? 'ok' : 'warn'}`}>{t(r.sentAt ? 'outbox.sent' : 'outbox.unsent')}</span>
              </p>
              <h2 className="outbox-subject">{r.link ? <Link to={r.link}>{r.subject}</Link> : r.subject}</h2>
              <details>
                <summary>{t('outbox.showBody')}</summary>
                <pre className="outbox-body">{r.body}</pre>
              </details>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('outbox.none')}</p>
      )}
      <CursorPager label={t('outbox.pages')} keep={keep} paged={paged} next={next} newest={t('outbox.newest')} older={t('outbox.older')} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
