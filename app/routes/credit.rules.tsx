import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { signed } from '~/components/credit'
import { DataTable } from '~/components/data-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { creditTableHistory, currentCreditTable } from '~/utils/services.server'
import { AGENCY_EVENT_KINDS, CREDIT_EVENT_KINDS, type CreditEventKind } from '../../services/credit/kinds'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['credit', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'credit.rulesTitle')

/** The credit rules, public: the table in force (what each event is worth, its cap, the grades) and every version published. */
export async function loader(_: LoaderFunctionArgs) {
  const { db } = await getApp()
  const [current, history] = await Promise.all([currentCreditTable(db), creditTableHistory(db)])
  return { current, history: history.map(({ table: _t, ...v }) => v) }
}

const agencyKinds = new Set<string>(AGENCY_EVENT_KINDS)

export default function CreditRules() {
  const { current, history } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const { table } = current
  type Kind = { kind: CreditEventKind }
  type Version = (typeof history)[number]
  return (
    <div className="page">
      <p className="eyebrow"><Link to="/credit">{t('credit.rankingTitle')}</Link></p>
      <h1>{t('credit.rulesTitle')}</h1>
      <p className="lead">
        {t('credit.how', { months: table.windowMonths, A: table.grades.A, B: table.grades.B, C: table.grades.C, version: current.version })}
      </p>
      <section className="card" aria-labelledby="kinds-title">
        <h2 id="kinds-title">{t('credit.kindsCaption')}</h2>
        <DataTable<Kind>
          label={t('credit.kindsCaption')}
          rows={CREDIT_EVENT_KINDS.map((kind) => ({ kind }))}
          rowKey={(r) => r.kind}
          columns={[
            { header: t('credit.event'), lead: true, cell: (r) => t(`credit.kind.${r.kind}`) },
            { header: t('credit.whoseCol'), cell: (r) => t(agencyKinds.has(r.kind) ? 'credit.whose.agency' : 'credit.whose.owner') },
            { header: t('credit.rulePoints'), className: 'num', cell: (r) => signed(table.kinds[r.kind].points) },
            { header: t('credit.cap'), className: 'num', cell: (r) => (table.kinds[r.kind].cap === null ? t('credit.noCap') : table.kinds[r.kind].cap) },
          ]}
        />
        <p className="muted">{t('credit.evaluationRule')}</p>
      </section>
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('credit.versions')}</h2>
        {history.length ? (
          <DataTable<Version>
            label={t('credit.versions')}
            rows={history}
            rowKey={(v) => String(v.version)}
            columns={[
              { header: t('credit.version'), lead: true, cell: (v) => t('credit.versionN', { version: v.version }) },
              { header: t('credit.publishedAt'), cell: (v) => formatDateTime(v.publishedAt, locale) },
              { header: t('credit.versionNote'), cell: (v) => v.note },
            ]}
          />
        ) : (
          <p className="muted">{t('credit.firstVersion')}</p>
        )}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
