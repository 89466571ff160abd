import { Link } from '@remix-run/react'
import { DataTable } from './data-table'
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
export function QualificationTable({ rows, today, showAgency = false, action, waiting }: { rows: Row[]; today: string; showAgency?: boolean; action?: (row: Row['qualification']) => { to: string; label: string } | null; /** a review queue: when each was submitted, and the working days it has waited */ waiting?: Record<string, { day: string; days: number }> }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <DataTable<Row>
      label={t('dash.qualifications')}
      rows={rows}
      rowKey={(r) => r.qualification.id}
      columns={[
        showAgency && { header: t('dash.agency'), lead: true, cell: (r) => (en ? r.agencyEn : r.agencyZh) },
        { header: t('dash.specialty'), cell: (r) => (en ? r.specialtyEn : r.specialtyZh) },
        { header: t('dash.level'), cell: (r) => t(`level.${r.qualification.level as 1 | 2 | 3}`) },
        { header: t('dash.certificate'), className: 'mono', cell: (r) => r.qualification.certificateNo },
        {
          header: t('dash.validity'),
          cell: ({ qualification: q }) => (
            <span>
              {formatDay(q.validFrom, locale)} – {formatDay(q.validTo, locale)}
              {q.validTo < today && q.status !== 'expired' ? <span className="badge warn">{t('dash.expired')}</span> : null}
            </span>
          ),
        },
        {
          header: t('dash.status'),
          cell: ({ qualification: q }) => (
            <span>
              <span className={`badge status-${q.status}`}>{t(`qualification.${q.status}`)}</span>
              {q.reviewReason ? <span className="hint"> {t('qual.reason')}: {q.reviewReason}</span> : null}
            </span>
          ),
        },
        waiting && {
          header: t('dash.submitted'),
          cell: (r) => {
            const w = waiting[r.qualification.id]
            return w ? (
              <span>
                {formatDay(w.day, locale)}
                <span className="block sub muted">{t('dash.waitedDays', { n: w.days })}</span>
              </span>
            ) : '—'
          },
        },
        action && {
          header: t('review.open'),
          hidden: true,
          cell: (r) => {
            const link = action(r.qualification)
            return link ? <Link to={link.to}>{link.label}</Link> : null
          },
        },
      ]}
    />
  )
}
