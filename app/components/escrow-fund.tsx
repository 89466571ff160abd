import { Form } from '@remix-run/react'
import { CheckedForm } from './checked-form'
import { TextArea } from './field'
import { terminationForm } from '~/forms/contract'
import type { ActionReply } from '~/utils/action-reply'
import type { EscrowMilestone } from './escrow'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

/** The owner's button to fund a milestone into escrow (again, after a decline). */
export function FundButton({ milestone, busy }: { milestone: EscrowMilestone; busy: boolean }) {
  const t = useT()
  const locale = useLocale()
  return (
    <Form method="post">
      <input type="hidden" name="seq" value={milestone.seq} />
      <button type="submit" name="intent" value="fund" className="button" disabled={busy}>
        {t(milestone.payment ? 'fund.fundAgain' : 'fund.fund', { amount: formatYuan(milestone.amountFen, locale) })}
      </button>
    </Form>
  )
}

/**
 * Termination: the owner ends the contract before the acceptance, saying why; what escrow holds is
 * then refunded (the contract's share) and paid to the agency (the rest).
 */
export function TerminateSection({ refundPercent, reply, busy }: { refundPercent: number; reply: ActionReply | undefined; busy: boolean }) {
  const t = useT()
  return (
    <details className="card danger-zone" open={reply?.intent === 'terminate' && !reply.ok}>
      <summary>
        <h2 className="inline-heading">{t('fund.terminateTitle')}</h2>
      </summary>
      <p className="hint">{t('fund.terminateHint', { percent: refundPercent })}</p>
      <CheckedForm spec={terminationForm} id="terminate" intent="terminate" reply={reply}>
        {(errors, values) => (
          <>
            <TextArea label="fund.terminateReason" name="reason" rows={3} maxLength={1000} required defaultValue={values.reason} error={errors.reason} />
            <button type="submit" className="button danger" disabled={busy}>
              {t('fund.terminate')}
            </button>
          </>
        )}
      </CheckedForm>
    </details>
  )
}
