import { formatDateTime, formatDay, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { DataTable } from './data-table'
import { DefinitionList } from './field'

export interface AfterAwardData {
  contract: { fileId: string; priceFen: number; startDate: string; dueDate: string; uploadedAt: string; confirmedAt: string | null; overdueFlaggedAt: string | null; terminationRefundPercent: number; terminatedAt: string | null; terminationReason: string | null } | null
  deliveries: Array<{ id: string; fileId: string; note: string; deliveredAt: string; decideBy: string; /** undecided past its acceptance period */ late: boolean; decision: 'accepted' | 'returned' | null; reason: string | null; decidedAt: string | null }>
  evaluation: { quality: number; timeliness: number; conduct: number; fees: number | null; compliance: number | null; comment: string; createdAt: string } | null
  ownerEvaluation: { payment: number; cooperation: number; comment: string; createdAt: string } | null
}

type Delivery = AfterAwardData['deliveries'][number]

const POINTS = ['quality', 'timeliness', 'conduct', 'fees', 'compliance'] as const

/** The contract, the deliveries with their decisions, and the evaluation: what both parties see. */
export function AfterAward({ data }: { data: AfterAwardData }) {
  const t = useT()
  const locale = useLocale()
  const { contract, deliveries, evaluation, ownerEvaluation } = data
  if (!contract && !deliveries.length && !evaluation && !ownerEvaluation) return null
  return (
    <>
      {contract ? (
        <section className="card" aria-labelledby="contract-title">
          <h2 id="contract-title">{t('after.contract')}</h2>
          {contract.terminatedAt ? <p className="alert warn">{t('after.terminated', { at: formatDateTime(contract.terminatedAt, locale), reason: contract.terminationReason ?? '' })}</p> : null}
          {contract.overdueFlaggedAt && !contract.terminatedAt ? <p className="alert error">{t('after.overdue', { due: formatDay(contract.dueDate, locale) })}</p> : null}
          <DefinitionList
            items={[
              [t('after.amount'), formatYuan(contract.priceFen, locale)],
              [t('after.start'), formatDay(contract.startDate, locale)],
              [t('after.due'), formatDay(contract.dueDate, locale)],
              [t('after.uploadedAt'), formatDateTime(contract.uploadedAt, locale)],
              [t('after.confirmedAt'), contract.confirmedAt ? formatDateTime(contract.confirmedAt, locale) : t('after.notYet')],
              [t('after.refundPercent'), `${contract.terminationRefundPercent}%`],
              [t('after.document'), <a key="f" href={`/files/${contract.fileId}`}>{t('after.download')}</a>],
            ]}
          />
        </section>
      ) : null}
      {deliveries.length ? (
        <section className="card" aria-labelledby="deliveries-title">
          <h2 id="deliveries-title">{t('after.deliveries')}</h2>
          <DataTable<Delivery>
            label={t('after.deliveries')}
            rows={deliveries}
            rowKey={(d) => d.id}
            columns={[
              { header: t('after.deliveredAt'), lead: true, cell: (d) => formatDateTime(d.deliveredAt, locale) },
              { header: t('after.noteShort'), cell: (d) => d.note || '—' },
              {
                header: t('after.decision'),
                cell: (d) =>
                  d.decision === 'accepted' ? (
                    <span className="badge ok">{t('after.accepted')}</span>
                  ) : d.decision === 'returned' ? (
                    <span>
                      <span className="badge status-rejected">{t('after.returned')}</span> {d.reason}
                    </span>
                  ) : d.late ? (
                    <span className="overdue-text">{t('after.awaitingLate', { by: formatDateTime(d.decideBy, locale) })}</span>
                  ) : (
                    t('after.awaiting', { by: formatDateTime(d.decideBy, locale) })
                  ),
              },
              { header: t('after.document'), cell: (d) => <a href={`/files/${d.fileId}`}>{t('after.download')}</a> },
            ]}
          />
        </section>
      ) : null}
      {evaluation ? (
        <section className="card" aria-labelledby="eval-title">
          <h2 id="eval-title">{t('after.evaluation')}</h2>
          <DefinitionList
            items={[
              // Fees and conduct are null on evaluations made before they were asked.
              ...POINTS.flatMap((k) => (evaluation[k] === null ? [] : [[t(`after.${k}`), t('after.stars', { n: evaluation[k] })] as [string, string]])),
              [t('after.comment'), evaluation.comment || '—'],
            ]}
          />
        </section>
      ) : null}
      {ownerEvaluation ? (
        <section className="card" aria-labelledby="owner-eval-title">
          <h2 id="owner-eval-title">{t('after.ownerEvaluation')}</h2>
          <DefinitionList
            items={[
              [t('after.payment'), t('after.stars', { n: ownerEvaluation.payment })],
              [t('after.cooperation'), t('after.stars', { n: ownerEvaluation.cooperation })],
              [t('after.comment'), ownerEvaluation.comment || '—'],
            ]}
          />
        </section>
      ) : null}
    </>
  )
}
