import { contractForm } from '~/forms/contract'
import { decisionForm, evaluationForm } from '~/forms/owner'
import type { ActionReply } from '~/utils/action-reply'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { CheckedForm } from './checked-form'
import { Choices, Field, Select } from './field'

/**
 * The owner's steps after the award, each shown in its state: the contract (after the standstill,
 * with no objection waiting), the decision on a delivery, and the evaluation.
 */
export function OwnerAfterAwardForms({
  status,
  award,
  hasContract,
  objectionOpen,
  now,
  busy,
  reply,
}: {
  status: string
  award: { confirmedAt: string | null; standstillEndsAt: string } | null
  hasContract: boolean
  objectionOpen: boolean
  now: string
  busy: boolean
  /** the page's last action reply */
  reply: ActionReply | undefined
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <>
      {status === 'awarded' && award ? (
        <section className="card" aria-labelledby="contract-form-title">
          <h2 id="contract-form-title">{t('after.contractTitle')}</h2>
          {objectionOpen ? (
            <p className="alert warn">{t('obj.holdsContract')}</p>
          ) : !award.confirmedAt ? (
            <p className="muted">{t('after.waitAward')}</p>
          ) : now < award.standstillEndsAt ? (
            <p className="muted">{t('after.waitStandstill', { at: formatDateTime(award.standstillEndsAt, locale) })}</p>
          ) : (
            <>
              {hasContract ? <p className="muted">{t('after.waitContractConfirm')}</p> : <p className="hint">{t('after.contractHint')}</p>}
              <CheckedForm spec={contractForm} id="contract" intent="contract" reply={reply} encType="multipart/form-data">
                {(errors, values) => (
                  <>
                    <div className="grid two">
                      <Field label="after.start" name="startDate" type="date" required defaultValue={values.startDate} error={errors.startDate} />
                      <Field label="after.contractFile" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required error={errors.file} />
                    </div>
                    <div className="grid two">
                      <Field label="fund.firstPercent" name="firstPercent" inputMode="numeric" hint="fund.firstPercentHint" defaultValue={values.firstPercent} error={errors.firstPercent} />
                      <Field label="fund.fundDays" name="fundDays" inputMode="numeric" required hint="fund.fundDaysHint" defaultValue={values.fundDays ?? '5'} error={errors.fundDays} />
                      <Field label="fund.refundPercent" name="refundPercent" inputMode="numeric" hint="fund.refundPercentHint" defaultValue={values.refundPercent ?? '100'} error={errors.refundPercent} />
                    </div>
                    <button type="submit" className="button" disabled={busy}>
                      {t(hasContract ? 'after.replaceContract' : 'after.uploadContract')}
                    </button>
                  </>
                )}
              </CheckedForm>
            </>
          )}
        </section>
      ) : null}

      {status === 'delivered' ? (
        <section className="card" aria-labelledby="decide-title">
          <h2 id="decide-title">{t('after.decideTitle')}</h2>
          <CheckedForm spec={decisionForm} id="decide" intent="decide" reply={reply}>
            {(errors, values) => (
              <>
                <Choices name="decision" legend="after.decision" options={[['accept', 'after.accept'], ['return', 'after.return']]} checked={values.decision} error={errors.decision} />
                <Field label="after.returnReason" name="reason" maxLength={1000} defaultValue={values.reason} error={errors.reason} />
                <button type="submit" className="button" disabled={busy}>
                  {t('after.submitDecision')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}

      {status === 'accepted' ? (
        <section className="card" aria-labelledby="evaluate-title">
          <h2 id="evaluate-title">{t('after.evaluateTitle')}</h2>
          <CheckedForm spec={evaluationForm} id="evaluate" intent="evaluate" reply={reply}>
            {(errors, values) => (
              <>
                <p className="hint">{t('after.evaluateHint')}</p>
                <div className="grid three">
                  {(['quality', 'timeliness', 'conduct', 'fees', 'compliance'] as const).map((k) => (
                    <Select key={k} label={`after.${k}`} name={k} defaultValue={values[k] ?? '5'} error={errors[k]}>
                      {[5, 4, 3, 2, 1].map((n) => (
                        <option key={n} value={n}>
                          {t('after.stars', { n })}
                        </option>
                      ))}
                    </Select>
                  ))}
                </div>
                <Field label="after.comment" name="comment" maxLength={1000} defaultValue={values.comment} error={errors.comment} hint="after.commentHint" />
                <button type="submit" className="button" disabled={busy}>
                  {t('after.submitEvaluation')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
    </>
  )
}
