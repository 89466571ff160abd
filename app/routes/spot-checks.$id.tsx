import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { DefinitionList } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { spotCheckDetail } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['spot', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'spot.title')

/** One spot check as published: the commitment made when it was announced, its draw, its sample and their scores. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { db } = await getApp()
  const detail = await spotCheckDetail(db, params.id ?? '')
  if (!detail) throw new Response('Not found', { status: 404 })
  return detail
}

export default function SpotCheck() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  type Row = (typeof d.items)[number]
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/spot-checks">{t('spot.title')}</Link>
      </p>
      <h1>{t('spot.period', { year: d.check.year, quarter: d.check.quarter })}</h1>
      <section className="card" aria-label={t('spot.title')}>
        <DefinitionList
          items={[
            [t('spot.authority'), en ? d.nameEn : d.nameZh],
            [t('spot.categories'), d.categories.map((c) => (en ? c.nameEn : c.nameZh)).join(en ? ', ' : '、')],
            [t('spot.percent'), `${d.check.percent}%`],
            [t('spot.announcedAt'), formatDateTime(d.check.announcedAt, locale)],
            [t('spot.commitment'), <code key="c" className="hash commitment">{d.check.commitment}</code>],
            [t('spot.purpose'), <code key="p">{d.purpose}</code>],
            [t('spot.drawnAt'), d.check.drawnAt ? formatDateTime(d.check.drawnAt, locale) : t('spot.notDrawn')],
            ...(d.check.drawId ? ([[t('spot.drawRecord'), <Link key="r" to={`/draws/${d.check.drawId}`}>{t('spot.viewDraw')}</Link>]] as Array<[string, React.ReactNode]>) : []),
          ]}
        />
      </section>
      {d.check.drawnAt ? (
        <section className="card" aria-labelledby="sample-title">
          <h2 id="sample-title">{t('spot.sampleTitle')}</h2>
          {d.items.length ? (
            <DataTable<Row>
              label={t('spot.sampleTitle')}
              rows={d.items}
              rowKey={(r) => r.procurementId}
              columns={[
                { header: t('spot.contract'), lead: true, cell: (r) => (<><Link to={`/procurements/${r.procurementId}`}>{r.title}</Link><div className="mono sub muted">{r.number}</div></>) },
                { header: t('spot.agency'), cell: (r) => (en ? r.agencyEn : r.agencyZh) },
                { header: t('spot.score'), className: 'num', cell: (r) => (r.scoredAt ? r.score : t('spot.notScored')) },
                { header: t('spot.comment'), cell: (r) => r.comment ?? '' },
              ]}
            />
          ) : (
            <p className="muted">{t('spot.noneFinished')}</p>
          )}
        </section>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
