import { Link } from '@remix-run/react'
import type { MessageKey } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { TableWrap } from './field'

type Dated = Date | string | null
type Row = { id: string; status: string; reason: string; openedAt: Dated; concludedAt: Dated; rectifyBy: Dated; number: string | null; title: string | null; partyZh: string; partyEn: string }

/** A monitoring's state as a badge. */
export function MonitoringStatus({ status }: { status: string }) {
  const t = useT()
  return <span className={`badge${status === 'closed' ? ' ok' : status === 'escalated' ? ' danger' : status === 'open' ? ' warn' : ''}`}>{t(`mon.status.${status}` as MessageKey)}</span>
}

/** Monitorings in a table: subject, party, reason, state and dates. */
export function MonitoringTable({ rows }: { rows: Row[] }) {
  const t = useT()
  const locale = useLocale()
  const when = (d: Dated) => (d ? formatDateTime(d, locale) : '—')
  return (
    <TableWrap label={t('mon.listTitle')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('mon.subject')}</th>
            <th scope="col">{t('mon.party')}</th>
            <th scope="col">{t('mon.reason')}</th>
            <th scope="col">{t('mon.state')}</th>
            <th scope="col">{t('mon.openedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <Link to={`/monitoring/${m.id}`}>{m.title ?? (locale === 'en' ? m.partyEn : m.partyZh)}</Link>
                {m.number ? <div className="sub">{m.number}</div> : null}
              </th>
              <td>{locale === 'en' ? m.partyEn : m.partyZh}</td>
              <td>{t(`mon.reason.${m.reason}` as MessageKey)}</td>
              <td>
                <MonitoringStatus status={m.status} />
                {m.status === 'rectifying' ? <div className="sub">{t('mon.rectifyByShort', { by: when(m.rectifyBy) })}</div> : null}
              </td>
              <td>{when(m.openedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}

