import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { useLocale, useT } from '~/utils/i18n'
import { categoryItemCounts, marketplaceStats } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['home'] }

export async function loader(_: LoaderFunctionArgs) {
  const { db } = await getApp()
  const [stats, categories] = await Promise.all([marketplaceStats(db), categoryItemCounts(db)])
  return { stats, categories }
}

export default function Home() {
  const { stats, categories } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <div className="page">
      <section className="hero">
        <h1>{t('home.hero')}</h1>
        <p>{t('home.heroText')}</p>
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
          <li><strong>{stats.agencies}</strong><span>{t('home.statAgencies')}</span></li>
          <li><strong>{stats.owners}</strong><span>{t('home.statOwners')}</span></li>
          <li><strong>{stats.categories}</strong><span>{t('home.statCategories')}</span></li>
          <li><strong>{stats.items}</strong><span>{t('home.statItems')}</span></li>
        </ul>
      </section>
      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t('home.categories')}</h2>
        <ul className="tiles">
          {categories.map((c) => (
            <li key={c.id}>
              <Link to={`/catalog#${c.code}`}>
                <span className="tile-code">{c.code}</span>
                <strong>{locale === 'en' ? c.nameEn : c.nameZh}</strong>
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
