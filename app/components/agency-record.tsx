import { Link } from '@remix-run/react'
import type { MessageKey } from '~/i18n'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { DateTime } from './date-time'

/** An agency's record as its page receives it (dates as strings after serialization). */
export interface RecordData {
  awards: Array<{ id: string; number: string | null; title: string; priceFen: number; decidedAt: string }>
  awardCount: number
  awardSumFen: number
  delivered: { counted: number; onTime: number }
  evaluations: { n: number; quality: number | null; timeliness: number | null; conduct: number | null }
  events: Array<{ kind: string; occurredAt: string; procurementId: string | null; title: string | null }>
}

/** The agency's record: awards, delivery on time, owners' evaluations and credit events, each as the marketplace holds it. */
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
              {t('after.quality')} {e.quality} · {t('after.timeliness')} {e.timeliness} · {t('after.conduct')} {e.conduct} <span className="muted">{t('agency.outOf5')}</span>
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
      <h3>{t('agency.creditEvents')}</h3>
      {record.events.length ? (
        <ul className="notice-list">
          {record.events.map((ev, i) => (
            <li key={i}>
              {t(`agency.event.${ev.kind}` as MessageKey)}
              {ev.procurementId ? <> · <Link to={`/procurements/${ev.procurementId}`}>{ev.title}</Link></> : null}
              <span className="muted sub block"><DateTime at={ev.occurredAt} /></span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('agency.noCreditEvents')}</p>
      )}
    </section>
  )
}

