import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { StatusBadge } from '~/components/announcement'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CategoryItemSelects, Pager } from '~/components/filters'
import { TableWrap } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { AVAILABLE_METHODS } from '../../services/market/methods'
import { announcementQuerySchema, catalogNames, regionTree, searchAnnouncements } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['ann', 'auction', 'calendar', 'catalog', 'cons', 'dir', 'draw', 'method', 'proc', 'sel', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'ann.title')

const STATUSES = ['published', 'selecting', 'awarded', 'contracted', 'in_service', 'delivered', 'accepted', 'evaluated', 'failed', 'cancelled'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await getApp()
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const [result, catalog, cities] = await Promise.all([searchAnnouncements(db, announcementQuerySchema.parse(params)), catalogNames(db), regionTree(db)])
  return {
    params,
    result: { ...result, rows: result.rows.map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null, bidDeadline: r.bidDeadline?.toISOString() ?? null })) },
    categories: catalog,
    cities: cities.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
  }
}

export default function Announcements() {
  const { params, result, categories, cities } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const busy = useNavigation().state === 'loading'
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
        <CategoryItemSelects idPrefix="a" categories={categories} category={params.category} item={params.item} />
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
        <div className="actions filter-actions">
          <button type="submit" className="button">{t('dir.search')}</button>
          <Link to="/procurements">{t('dir.reset')}</Link>
          <a href="/procurements/feed.xml">{t('ann.feed')}</a>
        </div>
      </Form>
      <p role="status" aria-busy={busy}>{t('ann.count', { n: result.total })}</p>
      {result.rows.length ? (
        <TableWrap label={t('ann.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ann.announcement')}</th>
                <th scope="col">{t('proc.method')}</th>
                <th scope="col">{t('proc.maxPrice')}</th>
                <th scope="col">{t('proc.deadline')}</th>
                <th scope="col">{t('ann.status')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/procurements/${r.id}`}>{r.title}</Link>
                    <div className="muted sub">
                      <span className="mono">{r.number}</span> · {en ? r.ownerEn : r.ownerZh} · {en ? r.regionEn : r.regionZh}
                    </div>
                    <div className="muted sub">{r.items.map((i) => (en ? i.nameEn : i.nameZh)).join(en ? ', ' : '、')}</div>
                  </td>
                  <td>{t(`method.${r.method}` as MessageKey)}</td>
                  <td className="num">{formatYuan(r.maxPriceFen, locale)}</td>
                  <td>{r.bidDeadline ? formatDateTime(r.bidDeadline, locale) : '—'}</td>
                  <td><StatusBadge status={r.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">{t('ann.none')}</p>
      )}
      <Pager page={result.page} pages={result.pages} params={params} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
