import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { StatusBadge } from '~/components/status-badge'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SearchBox } from '~/components/search-box'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { announcementQuerySchema, directoryQuerySchema, searchAgencies, searchAnnouncements, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['level', 'method', 'proc', 'search', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'search.title')

/** States in which a procurement has a result (a winner); the others are announcements. */
const RESULT_STATES = new Set(['awarded', 'contracted', 'in_service', 'delivered', 'accepted', 'evaluated'])

/**
 * One search over announcements, results and agencies, by name or number: the first page of each
 * public list for the same words, with a link to the whole list.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 40)
  if (!q) return { q, procurements: null, agencies: null }
  const now = clock.now()
  const [procurements, agencies] = await Promise.all([searchAnnouncements(db, announcementQuerySchema.parse({ q }), now), searchAgencies(db, directoryQuerySchema.parse({ q }), shanghaiDate(now))])
  const rows = procurements.rows.map((r) => ({ id: r.id, number: r.number, title: r.title, status: r.status, method: r.method, maxPriceFen: r.maxPriceFen, bidDeadline: r.bidDeadline?.toISOString() ?? null, ownerZh: r.ownerZh, ownerEn: r.ownerEn }))
  return {
    q,
    procurements: { total: procurements.total, announcements: rows.filter((r) => !RESULT_STATES.has(r.status)), results: rows.filter((r) => RESULT_STATES.has(r.status)) },
    agencies: { total: agencies.total, rows: agencies.agencies.map((a) => ({ id: a.id, nameZh: a.nameZh, nameEn: a.nameEn, regionZh: a.regionZh, regionEn: a.regionEn, bestLevel: a.bestLevel })) },
  }
}

export default function Search() {
  const { q, procurements, agencies } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const query = new URLSearchParams({ q }).toString()
  type Row = NonNullable<typeof procurements>['results'][number]
  const list = (rows: Row[]) => (
    <ul className="notice-list">
      {rows.map((r) => (
        <li key={r.id}>
          <Link to={`/procurements/${r.id}`}>{r.title}</Link> <StatusBadge status={r.status} />
          <span className="muted sub block">
            <span className="mono">{r.number}</span> · {en ? r.ownerEn : r.ownerZh} · {t(`method.${r.method}` as MessageKey)} · {formatYuan(r.maxPriceFen, locale)}
          </span>
          {r.status === 'published' && r.bidDeadline ? <span className="sub block">{t('proc.deadline')}: <DateTime at={r.bidDeadline} /></span> : null}
        </li>
      ))}
    </ul>
  )
  return (
    <div className="page">
      <h1>{t('search.title')}</h1>
      <SearchBox id="search-q" q={q} />
      {!procurements || !agencies ? (
        <p className="muted">{t('search.prompt')}</p>
      ) : (
        <>
          <p role="status">{t('search.found', { q, n: procurements.total + agencies.total })}</p>
          <div className="grid two">
            <section className="card" aria-labelledby="found-announcements">
              <h2 id="found-announcements">{t('search.announcements', { n: procurements.announcements.length })}</h2>
              {procurements.announcements.length ? list(procurements.announcements) : <p className="muted">{t('search.none')}</p>}
            </section>
            <section className="card" aria-labelledby="found-results">
              <h2 id="found-results">{t('search.results', { n: procurements.results.length })}</h2>
              {procurements.results.length ? list(procurements.results) : <p className="muted">{t('search.none')}</p>}
            </section>
          </div>
          {procurements.total > procurements.announcements.length + procurements.results.length ? (
            <p><Link to={`/procurements?${query}`}>{t('search.allProcurements', { n: procurements.total })}</Link></p>
          ) : null}
          <section className="card" aria-labelledby="found-agencies">
            <h2 id="found-agencies">{t('search.agencies', { n: agencies.total })}</h2>
            {agencies.rows.length ? (
              <ul className="notice-list">
                {agencies.rows.map((a) => (
                  <li key={a.id}>
                    <Link to={`/agencies/${a.id}`}>{en ? a.nameEn : a.nameZh}</Link>
                    <span className="muted sub block">
                      {en ? a.regionEn : a.regionZh} · {t(`level.${a.bestLevel as 1 | 2 | 3}`)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('search.none')}</p>
            )}
            {agencies.total > agencies.rows.length ? <p><Link to={`/agencies?${query}`}>{t('search.allAgencies', { n: agencies.total })}</Link></p> : null}
          </section>
        </>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
