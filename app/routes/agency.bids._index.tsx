import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { StatusBadge } from '~/components/announcement'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/field'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { bidsOfAgency } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['ann', 'auction', 'bid', 'bids', 'calendar', 'catalog', 'cons', 'draw', 'method', 'own', 'proc', 'sel', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'bids.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:bid:own')
  const { db } = await getApp()
  const rows = await bidsOfAgency(db, session.org.id)
  return {
    rows: rows.map((r) => ({
      id: r.bid.procurementId, bidId: r.bid.id, number: r.number, title: r.title, status: r.status, priceFen: r.bid.priceFen, committedDays: r.bid.committedDays, bidStatus: r.bid.status, bidDeadline: r.bidDeadline?.toISOString() ?? null,
      member: r.role === 'member' ? r.partyStatus : null,
    })),
  }
}

export default function AgencyBids() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
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
        <TableWrap label={t('bids.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ann.announcement')}</th>
                <th scope="col">{t('bid.price')}</th>
                <th scope="col">{t('proc.committedDays')}</th>
                <th scope="col">{t('own.bidState')}</th>
                <th scope="col">{t('proc.deadline')}</th>
                <th scope="col">{t('ann.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.bidId}>
                  <td>
                    <Link to={`/agency/bids/${r.id}`}>{r.title}</Link>
                    <div className="mono sub muted">{r.number}</div>
                  </td>
                  <td className="num">{formatYuan(r.priceFen, locale)}</td>
                  <td className="num">{t('catalog.days', { n: r.committedDays })}</td>
                  <td>
                    {t(`bid.status.${r.bidStatus}`)}
                    {r.member ? (
                      <div className="sub muted">
                        {t('cons.role.member')} · {t(`cons.status.${r.member === 'released' ? 'declined' : r.member}`)}
                      </div>
                    ) : null}
                  </td>
                  <td>{r.bidDeadline ? formatDateTime(r.bidDeadline, locale) : '—'}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">{t('bids.none')}</p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
