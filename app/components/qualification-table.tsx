import { Link } from '@remix-run/react'
import { TableWrap } from './field'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

interface Row {
  qualification: {
    id: string
    level: number
    certificateNo: string
    validFrom: string
    validTo: string
    status: 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'expired'
    reviewReason?: string | null
  }
  specialtyZh: string
  specialtyEn: string
  agencyZh?: string
  agencyEn?: string
}

/** `action` gives a row its link (to correct it, or to review it), when it has one. */
export function QualificationTable({ rows, today, showAgency = false, action }: { rows: Row[]; today: string; showAgency?: boolean; action?: (row: Row['qualification']) => { to: string; label: string } | null }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <TableWrap label={t('dash.qualifications')}>
      <table>
        <thead>
          <tr>
            {showAgency ? <th scope="col">{t('dash.agency')}</th> : null}
            <th scope="col">{t('dash.specialty')}</th>
            <th scope="col">{t('dash.level')}</th>
            <th scope="col">{t('dash.certificate')}</th>
            <th scope="col">{t('dash.validity')}</th>
            <th scope="col">{t('dash.status')}</th>
            {action ? <th scope="col"><span className="sr-only">{t('review.open')}</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ qualification: q, ...r }) => {
            const link = action?.(q)
            return (
            <tr key={q.id}>
              {showAgency ? <td>{en ? r.agencyEn : r.agencyZh}</td> : null}
              <td>{en ? r.specialtyEn : r.specialtyZh}</td>
              <td>{t(`level.${q.level as 1 | 2 | 3}`)}</td>
              <td className="mono">{q.certificateNo}</td>
              <td>
                {formatDay(q.validFrom, locale)} – {formatDay(q.validTo, locale)}
                {q.validTo < today && q.status !== 'expired' ? <span className="badge warn">{t('dash.expired')}</span> : null}
              </td>
              <td>
                <span className={`badge status-${q.status}`}>{t(`qualification.${q.status}`)}</span>
                {q.reviewReason ? <span className="hint"> {t('qual.reason')}: {q.reviewReason}</span> : null}
              </td>
              {action ? <td>{link ? <Link to={link.to}>{link.label}</Link> : null}</td> : null}
            </tr>
            )
          })}
        </tbody>
      </table>
    </TableWrap>
  )
}
