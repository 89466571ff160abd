import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { listSpotChecks } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['spot'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'spot.title')

/** Every authority's quarterly spot checks, public: what was sampled, by which published draw. */
export async function loader(_: LoaderFunctionArgs) {
  const { db } = await getApp()
  return { checks: (await listSpotChecks(db)).map((c) => ({ ...c.check, nameZh: c.nameZh, nameEn: c.nameEn, items: Number(c.items) })) }
}

export default function SpotChecks() {
  const { checks } = useLoaderData<typeof loader>()
  const t = useT()
  const en = useLocale() === 'en'
  type Row = (typeof checks)[number]
  return (
    <div className="page">
      <h1>{t('spot.title')}</h1>
      <p className="lead">{t('spot.intro')}</p>
      {checks.length ? (
        <DataTable<Row>
          label={t('spot.title')}
          rows={checks}
          rowKey={(r) => r.id}
          columns={[
            { header: t('spot.periodLabel'), lead: true, cell: (r) => <Link to={`/spot-checks/${r.id}`}>{t('spot.period', { year: r.year, quarter: r.quarter })}</Link> },
            { header: t('spot.authority'), cell: (r) => (en ? r.nameEn : r.nameZh) },
            { header: t('spot.percent'), className: 'num', cell: (r) => `${r.percent}%` },
            { header: t('spot.sample'), className: 'num', cell: (r) => (r.drawnAt ? r.items : t('spot.notDrawn')) },
          ]}
        />
      ) : (
        <p className="muted">{t('spot.none')}</p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
