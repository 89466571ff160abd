import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { StatusBadge } from '~/components/status-badge'
import { DataTable } from '~/components/data-table'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CategoryItemSelects, Pager } from '~/components/filters'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { formatInstantDay, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { exportQuery, feedQuery } from '~/utils/list-query'
import { title } from '~/utils/meta'
import { AVAILABLE_METHODS } from '../../services/market/methods'
import { ANNOUNCEMENT_SORTS } from '../../services/procurement/announcement-sorts'
import { announcementQuerySchema, catalogNames, openToBidder, regionTree, searchAnnouncements, shanghaiDate } from '~/utils/services.server'
import { getSession } from '~/utils/auth.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['ann', 'dir', 'method', 'proc', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'ann.title')

const STATUSES = ['published', 'selecting', 'awarded', 'contracted', 'in_service', 'delivered', 'accepted', 'evaluated', 'terminated', 'failed', 'cancelled'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const query = announcementQuerySchema.parse(params)
  const now = clock.now()
  // A signed-in agency may narrow the list to what it may bid on now (the one standing rule).
  const session = await getSession(request)
  const agencyId = session?.org.kind === 'agency' ? session.org.id : null
  const only = query.eligible && agencyId ? await openToBidder(db, agencyId, now, shanghaiDate(now)) : undefined
  const [result, catalog, cities] = await Promise.all([searchAnnouncements(db, query, now, only), catalogNames(db), regionTree(db)])
  return {
    params,
    forAgency: agencyId !== null,
    result: { ...result, rows: result.rows.map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null, bidDeadline: r.bidDeadline?.toISOString() ?? null })) },
    categories: catalog,
    cities: cities.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
  }
}

export default function Announcements() {
  const { params, result, categories, cities, forAgency } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const busy = useNavigation().state === 'loading'
  type Row = (typeof result.rows)[number]
  return (
    <div className="page">
      <h1>{t('ann.title')}</h1>
      <p className="lead">{t('ann.intro')}</p>
      <Form method="get" className="card form filters">
        <div className="field">
          <label htmlFor="a-city">{t('dir.city')}</label>
          <select id="a-city" name="city" defaultValue={params.city ?? ''}>
            <option value="">{t('dir.any')}</option>
            {cities.map((c) => <option key={c.code} value={c.code}>{en ? c.nameEn : c.nameZh}</option>)}
          </select>
        </div>
        <CategoryItemSelects key={`${params.category}|${params.item}`} idPrefix="a" categories={categories} category={params.category} item={params.item} />
        <div className="field">
          <label htmlFor="a-method">{t('proc.method')}</label>
          <select id="a-method" name="method" defaultValue={params.method ?? ''}>
            <option value="">{t('dir.any')}</option>
            {AVAILABLE_METHODS.map((m) => <option key={m} value={m}>{t(`method.${m}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-status">{t('ann.status')}</label>
          <select id="a-status" name="status" defaultValue={params.status ?? ''}>
            <option value="">{t('dir.any')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`proc.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-q">{t('ann.q')}</label>
          <input id="a-q" name="q" type="search" maxLength={40} defaultValue={params.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="a-sort">{t('ann.sort')}</label>
          <select id="a-sort" name="sort" defaultValue={params.sort ?? 'published'}>
            {ANNOUNCEMENT_SORTS.map((s) => <option key={s} value={s}>{t(`ann.sort.${s}`)}</option>)}
          </select>
        </div>
        {forAgency ? (
          <div className="field check">
            <input id="a-eligible" name="eligible" type="checkbox" value="me" defaultChecked={params.eligible === 'me'} />
            <label htmlFor="a-eligible">{t('ann.eligibleMe')}</label>
          </div>
        ) : null}
        <div className="actions filter-actions">
          <button type="submit" className="button">{t('dir.search')}</button>
          <Link to="/procurements">{t('dir.reset')}</Link>
        </div>
      </Form>
      <div className="list-head">
        <p role="status" aria-busy={busy}>{t(result.more ? 'ann.countMore' : 'ann.count', { n: result.total })}</p>
        <span className="actions">
          <a href={`/procurements/export${exportQuery(params, 'csv')}`} download>{t('ann.exportCsv')}</a>
          <a href={`/procurements/export${exportQuery(params, 'xlsx')}`} download>{t('ann.exportXlsx')}</a>
          <a href={`/procurements/feed.xml${feedQuery(params)}`}>{t('ann.feed')}</a>
        </span>
      </div>
      {result.rows.length ? (
        <DataTable<Row>
          label={t('ann.title')}
          className="announcements"
          rows={result.rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('ann.announcement'),
              lead: true,
              cell: (r) => (
                <>
                  <Link to={`/procurements/${r.id}`}>{r.title}</Link>
                  <div className="muted sub">
                    <span className="mono">{r.number}</span> · {en ? r.ownerEn : r.ownerZh} · {en ? r.regionEn : r.regionZh}
                  </div>
                  <div className="muted sub">{r.items.map((i) => (en ? i.nameEn : i.nameZh)).join(en ? ', ' : '、')}</div>
                </>
              ),
            },
            { header: t('proc.method'), cell: (r) => t(`method.${r.method}` as MessageKey) },
            { header: t('proc.maxPrice'), className: 'num', cell: (r) => formatYuan(r.maxPriceFen, locale) },
            { header: t('ann.published'), cell: (r) => (r.publishedAt ? <time dateTime={r.publishedAt}>{formatInstantDay(r.publishedAt, locale)}</time> : '—') },
            { header: t('proc.deadline'), cell: (r) => (r.bidDeadline ? <DateTime at={r.bidDeadline} /> : '—') },
            { header: t('ann.status'), cell: (r) => <StatusBadge status={r.status} /> },
          ]}
        />
      ) : (
        <p className="muted">{t('ann.none')}</p>
      )}
      <Pager page={result.page} pages={result.pages} params={params} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
