import { TableWrap } from './field'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

interface Row {
  qualification: { id: string; level: number; certificateNo: string; validFrom: string; validTo: string; status: 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'expired' }
  specialtyZh: string
  specialtyEn: string
  agencyZh?: string
  agencyEn?: string
}

export function QualificationTable({ rows, today, showAgency = false }: { rows: Row[]; today: string; showAgency?: boolean }) {
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
          </tr>
        </thead>
        <tbody>
          {rows.map(({ qualification: q, ...r }) => (
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}
