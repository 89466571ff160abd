import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CategoryItemSelects, Pager } from '~/components/filters'
import { DataTable } from '~/components/data-table'
import { GradeBadge } from '~/components/credit'
import { CREDIT_GRADES } from '../../services/credit/kinds'
import { getApp } from '~/utils/app.server'
import { formatYuan, placeName } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { directoryQuerySchema, catalogNames, regionTree, searchAgencies, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['credit', 'dir', 'level', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'dir.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const query = directoryQuerySchema.parse(params)
  const [result, catalog, cities] = await Promise.all([searchAgencies(db, query, shanghaiDate(clock.now())), catalogNames(db), regionTree(db)])
  return {
    params,
    result,
    categories: catalog,
    cities: cities.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
  }
}

export default function Directory() {
  const { params, result, categories, cities } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  type Agency = (typeof result.agencies)[number]
  const busy = useNavigation().state === 'loading'
  const itemChosen = !!params.item
  return (
    <div className="page">
      <h1>{t('dir.title')}</h1>
      <p className="lead">{t('dir.intro')}</p>
      <Form method="get" className="card form filters">
        <CategoryItemSelects key={`${params.category}|${params.item}`} idPrefix="f" categories={categories} category={params.category} item={params.item} />
        <div className="field">
          <label htmlFor="f-city">{t('dir.city')}</label>
          <select id="f-city" name="city" defaultValue={params.city ?? ''}>
            <option value="">{t('dir.any')}</option>
            {cities.map((c) => <option key={c.code} value={c.code}>{en ? c.nameEn : c.nameZh}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-level">{t('dir.level')}</label>
          <select id="f-level" name="level" defaultValue={params.level ?? ''}>
            <option value="">{t('dir.any')}</option>
            {([1, 2, 3] as const).map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-fee">{t('dir.maxFee')}</label>
          <input id="f-fee" name="maxFee" inputMode="decimal" defaultValue={params.maxFee ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-q">{t('dir.q')}</label>
          <input id="f-q" name="q" type="search" maxLength={40} defaultValue={params.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-grade">{t('dir.credit')}</label>
          <select id="f-grade" name="grade" defaultValue={params.grade ?? ''}>
            <option value="">{t('dir.any')}</option>
            {CREDIT_GRADES.map((g) => <option key={g} value={g}>{t('credit.gradeN', { grade: g })}</option>)}
          </select>
        </div>
        <div className="actions filter-actions">
          <button type="submit" className="button">{t('dir.search')}</button>
          <Link to="/agencies">{t('dir.reset')}</Link>
        </div>
      </Form>
      <p role="status" aria-busy={busy}>{t('dir.count', { n: result.total })}</p>
      {result.agencies.length ? (
        <DataTable<Agency>
          label={t('dir.title')}
          rows={result.agencies}
          rowKey={(a) => a.id}
          columns={[
            { header: t('dir.agency'), lead: true, cell: (a) => <Link to={`/agencies/${a.id}`}>{en ? a.nameEn : a.nameZh}</Link> },
            { header: t('dir.region'), cell: (a) => placeName(a, locale) },
            { header: t('dir.bestLevel'), cell: (a) => t(`level.${a.bestLevel as 1 | 2 | 3}`) },
            itemChosen
              ? { header: t('dir.committed'), className: 'num', cell: (a) => (a.committedDays ? t('time.days', { n: a.committedDays }) : '—') }
              : { header: t('dir.offerings'), className: 'num', cell: (a) => a.offerings },
            itemChosen && { header: t('dir.fee'), className: 'num', cell: (a) => (a.fee !== null ? formatYuan(a.fee, locale) : '—') },
            { header: t('credit.grade'), cell: (a) => <GradeBadge grade={a.grade} score={a.score} /> },
          ]}
        />
      ) : (
        <p className="muted">{t('dir.none')}</p>
      )}
      <Pager page={result.page} pages={result.pages} params={params} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
