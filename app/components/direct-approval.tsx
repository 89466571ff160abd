import { Form } from '@remix-run/react'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

export interface DirectApprovalView {
  thresholdFen: number
  latest: { decision: 'approved' | 'rejected' | null; requestedAt: string; decidedAt: string | null; decisionReason: string | null } | null
  /** an approval stands for the draft as it is now */
  stands: boolean
}

/** On a draft that is a direct commission above the limit: what the office decided, or the button to ask it. */
export function DirectApprovalPanel({ view, busy }: { view: DirectApprovalView; busy: boolean }) {
  const t = useT()
  const locale = useLocale()
  const { latest } = view
  const at = (iso: string | null) => (iso ? formatDateTime(iso, locale) : '')
  const mayAsk = !latest || latest.decision === 'rejected' || (latest.decision === 'approved' && !view.stands)
  return (
    <section className="card" aria-labelledby="direct-approval-title">
      <h2 id="direct-approval-title">{t('approvals.owner.title')}</h2>
      <p>{t('approvals.owner.needed', { threshold: formatYuan(view.thresholdFen, locale) })}</p>
      {latest && !latest.decision ? <p className="alert info">{t('approvals.owner.pending', { at: at(latest.requestedAt) })}</p> : null}
      {latest?.decision === 'approved' ? <p className={view.stands ? 'alert ok' : 'alert warn'}>{view.stands ? t('approvals.owner.approved', { at: at(latest.decidedAt), reason: latest.decisionReason ?? '' }) : t('approvals.owner.stale')}</p> : null}
      {latest?.decision === 'rejected' ? <p className="alert warn">{t('approvals.owner.rejected', { at: at(latest.decidedAt), reason: latest.decisionReason ?? '' })}</p> : null}
      {mayAsk ? (
        <Form method="post">
          <button type="submit" name="intent" value="askDirectApproval" className="button" disabled={busy}>
            {t('approvals.owner.ask')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
