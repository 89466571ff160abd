import { Link } from '@remix-run/react'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { DateTime } from './date-time'

/** An agency's record as its page receives it (dates as strings after serialization). */
export interface RecordData {
  awards: Array<{ id: string; number: string | null; title: string; priceFen: number; decidedAt: string }>
  awardCount: number
  awardSumFen: number
  delivered: { counted: number; onTime: number }
  evaluations: { n: number; quality: number | null; timeliness: number | null; conduct: number | null; fees: number | null; compliance: number | null }
}

/** The agency's record: awards, delivery on time and owners' evaluations, as the marketplace holds them (its credit events are explained in its credit section). */
export function AgencyRecord({ record }: { record: RecordData }) {
  const t = useT()
  const locale = useLocale()
  const { awardCount, awardSumFen, delivered, evaluations: e } = record
  return (
    <section className="card" aria-labelledby="r-title">
      <h2 id="r-title">{t('agency.record')}</h2>
      <div className="award-stats">
        <div><span className="stat-label">{t('agency.awards')}</span><strong>{t('agency.awardCount', { n: awardCount })}</strong><span className="sub muted">{formatYuan(awardSumFen, locale)}</span></div>
        <div>
          <span className="stat-label">{t('agency.onTime')}</span>
          <strong>{delivered.counted ? `${Math.round((delivered.onTime * 100) / delivered.counted)}%` : '—'}</strong>
          <span className="sub muted">{delivered.counted ? t('agency.onTimeOf', { n: delivered.onTime, of: delivered.counted }) : t('agency.onTimeNone')}</span>
        </div>
        <div>
          <span className="stat-label">{t('agency.evaluations', { n: e.n })}</span>
          {e.n ? (
            <span className="sub">
              {t('after.quality')} {e.quality} · {t('after.timeliness')} {e.timeliness} · {t('after.conduct')} {e.conduct}
              {e.fees !== null ? ` · ${t('after.fees')} ${e.fees}` : ''}
              {e.compliance !== null ? ` · ${t('after.compliance')} ${e.compliance}` : ''} <span className="muted">{t('agency.outOf5')}</span>
            </span>
          ) : (
            <span className="sub muted">{t('agency.noEvaluations')}</span>
          )}
        </div>
      </div>
      {record.awards.length ? (
        <>
          <h3>{t('agency.latestAwards')}</h3>
          <ul className="notice-list">
            {record.awards.map((a) => (
              <li key={a.id}>
                <Link to={`/procurements/${a.id}`}>{a.title}</Link>
                <span className="muted sub block">
                  <span className="mono">{a.number}</span> · {formatYuan(a.priceFen, locale)} · <DateTime at={a.decidedAt} />
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

