import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { complaintsForOffice } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['cmp', 'obj', 'time', 'viol'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'cmp.officeTitle')

/** The complaints to review and decide, the most urgent first, then those decided. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:complaint:any')
  const { db, clock } = await getApp()
  const [open, decided] = await Promise.all([complaintsForOffice(db, 'open'), complaintsForOffice(db, 'decided', 50)])
  return { open, decided, now: clock.now().toISOString() }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['open'][number]

function ComplaintTable({ rows, open, now }: { rows: Row[]; open: boolean; now: string }) {
  const t = useT()
  const locale = useLocale()
  const label = t(open ? 'cmp.open' : 'cmp.decidedList')
  return (
    <TableWrap label={label}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('cmp.procurement')}</th>
            <th scope="col">{t('cmp.complainant')}</th>
            <th scope="col">{t('cmp.matterLabel')}</th>
            <th scope="col">{t('cmp.state')}</th>
            <th scope="col">{t(open ? 'cmp.due' : 'cmp.decidedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const due = c.decideBy ?? c.acceptBy
            const late = open && String(due) < now
            return (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/office/complaints/${c.id}`}>{c.title}</Link>
                  <div className="sub">{c.number}</div>
                </th>
                <td>{locale === 'en' ? c.agencyEn : c.agencyZh}</td>
                <td>
                  {t(`obj.matter.${c.matter}`)}
                  <div className="sub">{t(`viol.${c.violation}` as MessageKey)}</div>
                </td>
                <td>
                  <span className={`badge${c.status === 'upheld' ? ' ok' : c.status === 'pending' ? ' warn' : ''}`}>{t(`obj.complaint.${c.status}`)}</span>
                </td>
                <td className={late ? 'late' : undefined}>
                  {open ? formatDateTime(due, locale) : c.decidedAt ? formatDateTime(c.decidedAt, locale) : '—'}
                  {late ? <div className="sub">{t('cmp.overdue')}</div> : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableWrap>
  )
}

export default function OfficeComplaints() {
  const { open, decided, now } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('cmp.officeTitle')}</h1>
      <p className="lead">{t('cmp.officeIntro')}</p>
      <p className="actions">
        <Link to="/complaints">{t('cmp.publicTitle')}</Link> · <Link to="/office/monitoring">{t('cmp.monitoring')}</Link> · <Link to="/office/red-flags">{t('cmp.redFlags')}</Link>
      </p>
      <section className="card" aria-labelledby="open-title">
        <h2 id="open-title">{t('cmp.open')}</h2>
        {open.length ? <ComplaintTable rows={open} open now={now} /> : <p className="muted">{t('cmp.noneOpen')}</p>}
      </section>
      <section className="card" aria-labelledby="decided-title">
        <h2 id="decided-title">{t('cmp.decidedList')}</h2>
        {decided.length ? <ComplaintTable rows={decided} open={false} now={now} /> : <p className="muted">{t('cmp.noneDecided')}</p>}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
