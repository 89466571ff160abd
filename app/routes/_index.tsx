import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SearchBox } from '~/components/search-box'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { categoryItemCounts, countDirectoryAgencies, latestOnHome, marketplaceStats, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['home', 'method', 'proc', 'search', 'time'] }

export async function loader(_: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const now = clock.now()
  const [stats, agencies, categories, latest] = await Promise.all([marketplaceStats(db), countDirectoryAgencies(db, shanghaiDate(now)), categoryItemCounts(db), latestOnHome(db, now)])
  return { stats: { ...stats, agencies }, categories, latest }
}

export default function Home() {
  const { stats, categories, latest } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <div className="page">
      <section className="hero">
        <h1>{t('home.hero')}</h1>
        <p>{t('home.heroText')}</p>
        <SearchBox id="home-q" />
        <p className="actions">
          <Link to="/signup" className="button">
            {t('home.ctaSignUp')}
          </Link>
          <Link to="/catalog" className="button secondary">
            {t('home.ctaCatalog')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="stats-title">
        <h2 id="stats-title">{t('home.stats')}</h2>
        <ul className="stats">
          <li><Link to="/agencies"><strong>{stats.agencies}</strong><span>{t('home.statAgencies')}</span></Link></li>
          <li><strong>{stats.owners}</strong><span>{t('home.statOwners')}</span></li>
          <li><Link to="/catalog"><strong>{stats.categories}</strong><span>{t('home.statCategories')}</span></Link></li>
          <li><Link to="/catalog"><strong>{stats.items}</strong><span>{t('home.statItems')}</span></Link></li>
        </ul>
      </section>
      <div className="grid two">
        <section className="card" aria-labelledby="open-title">
          <h2 id="open-title">{t('home.open')}</h2>
          {latest.open.length ? (
            <ul className="notice-list">
              {latest.open.map((p) => (
                <li key={p.id}>
                  <Link to={`/procurements/${p.id}`}>{p.title}</Link>
                  <span className="muted sub block">
                    {t(`method.${p.method}` as MessageKey)} · {t('proc.maxPrice')} {formatYuan(p.maxPriceFen, locale)}
                  </span>
                  {p.bidDeadline ? <span className="sub block">{t('home.closes')} <DateTime at={p.bidDeadline} /></span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('home.noneOpen')}</p>
          )}
          <p><Link to="/procurements?status=published&sort=deadline">{t('home.allOpen')}</Link></p>
        </section>
        <section className="card" aria-labelledby="results-title">
          <h2 id="results-title">{t('home.results')}</h2>
          {latest.results.length ? (
            <ul className="notice-list">
              {latest.results.map((r) => (
                <li key={r.id}>
                  <Link to={`/procurements/${r.id}`}>{r.title}</Link>
                  <span className="muted sub block">
                    {en ? r.agencyEn : r.agencyZh} · {formatYuan(r.priceFen, locale)}
                  </span>
                  <span className="sub block">
                    {t(`method.${r.method}` as MessageKey)} · <DateTime at={r.decidedAt} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('home.noResults')}</p>
          )}
          <p><Link to="/procurements">{t('home.allResults')}</Link></p>
        </section>
      </div>
      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t('home.categories')}</h2>
        <ul className="tiles">
          {categories.map((c) => (
            <li key={c.id}>
              <Link to={`/catalog#${c.code}`}>
                <span className="tile-code">{c.code}</span>
                <strong>{en ? c.nameEn : c.nameZh}</strong>
                <span className="muted">{t('home.itemsCount', { n: c.items })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="how-title">
        <h2 id="how-title">{t('home.howTitle')}</h2>
        <ol className="steps">
          <li>{t('home.how1')}</li>
          <li>{t('home.how2')}</li>
          <li>{t('home.how3')}</li>
          <li>{t('home.how4')}</li>
        </ol>
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
