import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList } from '~/components/field'
import type { PageHandle } from '~/i18n/page-messages'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { PAYMENT_VIEWS, escrowMotion, paymentOverview, type PaymentView } from '~/utils/services.server'
import { paymentState } from '~/components/escrow'

export const handle: PageHandle = { i18n: ['escrow', 'pay', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'escrow.title')

/** The supervisors' view of the money in escrow: the ledger and its balance, each state's count, the newest payments of one state. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:payment:any')
  const { db, clock } = await getApp()
  const asked = new URL(request.url).searchParams.get('view') ?? 'all'
  const view: PaymentView = (PAYMENT_VIEWS as readonly string[]).includes(asked) ? (asked as PaymentView) : 'all'
  const o = await paymentOverview(db, clock.now(), view)
  return {
    view,
    views: PAYMENT_VIEWS,
    totals: o.totals,
    problems: o.problems,
    counts: o.counts,
    stuck: o.stuck,
    lateMilestones: o.lateMilestones,
    rows: o.rows.map((r) => ({
      id: r.payment.id, procurementId: r.payment.procurementId, number: r.number, title: r.title, ownerZh: r.ownerZh, ownerEn: r.ownerEn, agencyZh: r.agencyZh, agencyEn: r.agencyEn,
      milestone: r.payment.milestoneSeq, amountFen: r.payment.amountFen, releasedFen: r.payment.releasedFen, refundedFen: r.payment.refundedFen, status: r.payment.status, declineCode: r.payment.declineCode,
      motion: escrowMotion(r.payment, r.procurementStatus), updatedAt: r.payment.updatedAt.toISOString(),
    })),
  }
}

export default function OfficePayments() {
  const { view, views, totals, problems, counts, stuck, lateMilestones, rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const yuan = (fen: number) => formatYuan(fen, locale)
  const share = (fen: number) => `${totals.fundedFen ? (fen * 100) / totals.fundedFen : 0}%`
  type Row = (typeof rows)[number]
  return (
    <div className="page">
      <h1>{t('escrow.title')}</h1>
      <p className="lead">{t('escrow.intro')}</p>
      <section className="card" aria-labelledby="ledger-title">
        <h2 id="ledger-title">
          {t('escrow.ledger')} <span className={`badge ${problems.length ? 'status-rejected' : 'ok'}`}>{t(problems.length ? 'escrow.unbalanced' : 'escrow.balanced')}</span>
        </h2>
        {problems.length ? (
          <ul className="alert error">
            {problems.map((p) => <li key={p} className="mono">{p}</li>)}
          </ul>
        ) : null}
        <DefinitionList items={[[t('escrow.funded'), yuan(totals.fundedFen)], [t('escrow.inEscrow'), yuan(totals.escrowFen)], [t('escrow.released'), yuan(totals.releasedFen)], [t('escrow.refunded'), yuan(totals.refundedFen)]]} />
        <div className="escrow-bar" aria-hidden="true">
          <span className="released" style={{ width: share(totals.releasedFen) }} />
          <span className="held" style={{ width: share(totals.escrowFen) }} />
        </div>
        {stuck ? <p className="alert warn">{t('escrow.stuck', { n: stuck })}</p> : null}
        {lateMilestones ? <p className="alert warn">{t('escrow.late', { n: lateMilestones })}</p> : null}
      </section>
      <nav className="tabs" aria-label={t('escrow.views')}>
        {views.map((v) => (
          <Link key={v} to={v === 'all' ? '?' : `?view=${v}`} aria-current={v === view ? 'page' : undefined}>
            {t(`escrow.view.${v}`)} ({counts[v]})
          </Link>
        ))}
      </nav>
      {rows.length ? (
        <DataTable
          label={t('escrow.title')}
          rows={rows}
          rowKey={(r: Row) => r.id}
          columns={[
            { header: t('escrow.procurement'), lead: true, cell: (r: Row) => <Link to={`/procurements/${r.procurementId}`}>{`${r.number ?? ''} ${r.title}`.trim()}</Link> },
            { header: t('escrow.owner'), cell: (r: Row) => (en ? r.ownerEn : r.ownerZh) },
            { header: t('escrow.agency'), cell: (r: Row) => (en ? r.agencyEn : r.agencyZh) },
            { header: t('escrow.milestone'), className: 'num', cell: (r: Row) => r.milestone },
            { header: t('escrow.amount'), className: 'num', cell: (r: Row) => yuan(r.amountFen) },
            { header: t('escrow.state'), cell: (r: Row) => t(paymentState(r).key, { code: r.declineCode ?? '', refunded: yuan(r.refundedFen), released: yuan(r.releasedFen) }) },
            { header: t('escrow.updated'), cell: (r: Row) => <DateTime at={r.updatedAt} /> },
          ]}
        />
      ) : (
        <p className="muted">{t('escrow.none')}</p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
