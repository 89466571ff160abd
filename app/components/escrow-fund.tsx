import { Form } from '@remix-run/react'
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
