import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { BarChart } from '~/components/charts'
import { GradeBadge } from '~/components/credit'
import { DataTable } from '~/components/data-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pager } from '~/components/filters'
import { getApp } from '~/utils/app.server'
import { placeName } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { catalogNames, creditRanking, rankingQuerySchema, regionTree, shanghaiDate } from '~/utils/services.server'
import { CREDIT_GRADES } from '../../services/credit/kinds'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['credit', 'dir', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'credit.rankingTitle')

/** The public credit ranking: agencies (or owners) by credit score, in a category and a city, with the grades' spread. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const query = rankingQuerySchema.parse(params)
  const [ranking, catalog, cities] = await Promise.all([creditRanking(db, query, { today: shanghaiDate(clock.now()) }), catalogNames(db), regionTree(db)])
  return { params, query, ranking, categories: catalog.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })), cities: cities.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })) }
}

export default function CreditRanking() {
  const { params, query, ranking, categories, cities } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const busy = useNavigation().state === 'loading'
  const agencies = query.kind === 'agency'
  type Row = (typeof ranking.rows)[number]
  const exportQuery = new URLSearchParams(Object.entries(params).filter(([k]) => k !== 'page'))
  return (
    <div className="page">
      <h1>{t('credit.rankingTitle')}</h1>
      <p className="lead">{t('credit.rankingIntro', { A: ranking.grades.A, B: ranking.grades.B, C: ranking.grades.C })} <Link to="/credit/rules">{t('credit.rulesLink')}</Link></p>
      <nav className="tabs" aria-label={t('credit.whose')}>
        {(['agency', 'owner'] as const).map((k) => (
          <Link key={k} to={`?kind=${k}`} aria-current={query.kind === k ? 'page' : undefined}>{t(`credit.whose.${k}`)}</Link>
        ))}
      </nav>
      <Form method="get" className="card form filters">
        <input type="hidden" name="kind" value={query.kind} />
        {agencies ? (
          <div className="field">
            <label htmlFor="r-category">{t('dir.category')}</label>
            <select id="r-category" name="category" defaultValue={query.category ?? ''}>
              <option value="">{t('dir.any')}</option>
              {categories.map((c) => <option key={c.code} value={c.code}>{en ? c.nameEn : c.nameZh}</option>)}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="r-city">{t('dir.city')}</label>
          <select id="r-city" name="city" defaultValue={query.city ?? ''}>
            <option value="">{t('dir.any')}</option>
            {cities.map((c) => <option key={c.code} value={c.code}>{en ? c.nameEn : c.nameZh}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-grade">{t('credit.grade')}</label>
          <select id="r-grade" name="grade" defaultValue={query.grade ?? ''}>
            <option value="">{t('dir.any')}</option>
            {CREDIT_GRADES.map((g) => <option key={g} value={g}>{t('credit.gradeN', { grade: g })}</option>)}
          </select>
        </div>
        <div className="actions filter-actions">
          <button type="submit" className="button">{t('dir.search')}</button>
          <Link to={`/credit?kind=${query.kind}`}>{t('dir.reset')}</Link>
        </div>
      </Form>
      <section className="card" aria-labelledby="dist-title">
        <h2 id="dist-title">{t('credit.distribution')}</h2>
        <BarChart
          title={t('credit.distribution')}
          caption={t('credit.distributionCaption', { n: ranking.distribution.reduce((a, d) => a + d.n, 0) })}
          parts={[t(`credit.whose.${query.kind}`)]}
          bars={ranking.distribution.map((d) => ({ label: t('credit.gradeN', { grade: d.grade }), values: [d.n] }))}
          format={(v) => String(v)}
        />
      </section>
      <p className="actions">
        <a href={`/credit/export?${exportQuery}&format=csv`} download>{t('credit.exportCsv')}</a>
        <a href={`/credit/export?${exportQuery}&format=xlsx`} download>{t('credit.exportXlsx')}</a>
      </p>
      <p role="status" aria-busy={busy}>{t('credit.count', { n: ranking.total })}</p>
      {ranking.rows.length ? (
        <DataTable<Row>
          label={t('credit.rankingTitle')}
          rows={ranking.rows}
          rowKey={(r) => r.id}
          columns={[
            { header: t('credit.position'), className: 'num', cell: (r) => r.position },
            { header: t('credit.name'), lead: true, cell: (r) => <Link to={agencies ? `/agencies/${r.id}#credit-title` : `/credit/${r.id}`}>{en ? r.nameEn : r.nameZh}</Link> },
            { header: t('dir.region'), cell: (r) => placeName(r, locale) },
            { header: t('credit.score'), className: 'num', cell: (r) => r.score },
            {
              header: t('credit.grade'),
              cell: (r) => (
                <>
                  <GradeBadge grade={r.grade} />
                  {r.measure ? <span className="badge warn">{t(`credit.measure.${r.measure}`)}</span> : null}
                </>
              ),
            },
          ]}
        />
      ) : (
        <p className="muted">{t('credit.none')}</p>
      )}
      <Pager page={ranking.page} pages={ranking.pages} params={params} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
