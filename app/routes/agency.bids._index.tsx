import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DataTable } from '~/components/data-table'
import { DateTime } from '~/components/date-time'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { bidsOfAgency } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'
import type { CandidateState, ProcurementStatus } from '../../db/schema'

export const handle: PageHandle = { i18n: ['ann', 'bid', 'bids', 'cons', 'proc', 'sel', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'bids.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:bid:own')
  const { db } = await getApp()
  const rows = await bidsOfAgency(db, session.org.id)
  return {
    rows: rows.map((r) => ({
      id: r.bid.procurementId, bidId: r.bid.id, number: r.number, title: r.title, status: r.status, priceFen: r.bid.priceFen, committedDays: r.bid.committedDays, bidStatus: r.bid.status, bidDeadline: r.bidDeadline?.toISOString() ?? null,
      member: r.role === 'member' ? r.partyStatus : null, rank: r.rank, candidateState: r.candidateState, won: r.won,
    })),
  }
}

export default function AgencyBids() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  type Row = (typeof rows)[number]
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('bids.title')}</h1>
      <p className="lead">{t('bids.intro')}</p>
      <p>
        <Link to="/procurements?status=published" className="button secondary">
          {t('bids.findOpen')}
        </Link>
      </p>
      {rows.length ? (
        <DataTable<Row>
          label={t('bids.title')}
          rows={rows}
          rowKey={(r) => r.bidId}
          columns={[
            {
              header: t('ann.announcement'),
              lead: true,
              cell: (r) => (
                <>
                  <Link to={`/agency/bids/${r.id}`}>{r.title}</Link>
                  <div className="mono sub muted">{r.number}</div>
                </>
              ),
            },
            { header: t('bid.price'), className: 'num', cell: (r) => formatYuan(r.priceFen, locale) },
            { header: t('proc.committedDays'), className: 'num', cell: (r) => t('time.days', { n: r.committedDays }) },
            {
              header: t('bids.bidState'),
              cell: (r) => (
                <span>
                  {t(`bid.status.${r.bidStatus}`)}
                  {r.member ? (
                    <span className="block sub muted">
                      {t('cons.role.member')} · {t(`cons.status.${r.member === 'released' ? 'declined' : r.member}`)}
                    </span>
                  ) : null}
                </span>
              ),
            },
            { header: t('bids.outcome'), cell: (r) => <Outcome row={r} /> },
            { header: t('proc.deadline'), cell: (r) => (r.bidDeadline ? <DateTime at={r.bidDeadline} /> : '—') },
            { header: t('bids.procurementStatus'), cell: (r) => t(`proc.status.${r.status}`) },
          ]}
        />
      ) : (
        <p className="muted">{t('bids.none')}</p>
      )}
    </div>
  )
}

/**
 * What the bid came to, for this agency alone: won, its place among the candidates, still sealed,
 * or not among them. Only a won bid is green.
 */
function Outcome({ row }: { row: { won: boolean; rank: number | null; candidateState: CandidateState | null; status: ProcurementStatus; bidStatus: string } }) {
  const t = useT()
  if (row.won) return <span className="badge ok">{t('bids.won')}</span>
  if (row.rank !== null) return <span>{t('bids.rank', { n: row.rank })}{row.candidateState ? <span className="block sub muted">{t(`sel.state.${row.candidateState}`)}</span> : null}</span>
  if (row.status === 'published' || row.status === 'closed') return <span className="muted">{row.bidStatus === 'withdrawn' ? '—' : t('bids.sealed')}</span>
  if (row.status === 'failed' || row.status === 'cancelled') return <span className="muted">—</span>
  return <span className="muted">{t('bids.notCandidate')}</span>
}

export const ErrorBoundary = GeneralErrorBoundary
