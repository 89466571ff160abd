import { Form } from '@remix-run/react'
import { formatDateTime } from '~/utils/format'
import type { FieldErrors } from '~/utils/forms'
import { useLocale, useT } from '~/utils/i18n'
import { Field } from './field'

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
  errorsOf,
  valuesOf,
}: {
  status: string
  award: { confirmedAt: string | null; standstillEndsAt: string } | null
  hasContract: boolean
  objectionOpen: boolean
  now: string
  busy: boolean
  errorsOf: (intent: string) => FieldErrors
  valuesOf: (intent: string) => Record<string, string>
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
              <Form method="post" encType="multipart/form-data" className="form" noValidate>
                <div className="grid two">
                  <Field label="after.start" name="startDate" type="date" required defaultValue={valuesOf('contract').startDate} error={errorsOf('contract').startDate} />
                  <Field label="after.contractFile" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required error={errorsOf('contract').file} />
                </div>
                <button type="submit" name="intent" value="contract" className="button" disabled={busy}>
                  {t(hasContract ? 'after.replaceContract' : 'after.uploadContract')}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      {status === 'delivered' ? (
        <section className="card" aria-labelledby="decide-title">
          <h2 id="decide-title">{t('after.decideTitle')}</h2>
          <Form method="post" className="form" noValidate>
            <fieldset className="choices">
              <legend>{t('after.decision')}</legend>
              <label className="choice">
                <input type="radio" name="decision" value="accept" defaultChecked={valuesOf('decide').decision !== 'return'} /> {t('after.accept')}
              </label>
              <label className="choice">
                <input type="radio" name="decision" value="return" defaultChecked={valuesOf('decide').decision === 'return'} /> {t('after.return')}
              </label>
            </fieldset>
            <Field label="after.returnReason" name="reason" maxLength={1000} defaultValue={valuesOf('decide').reason} error={errorsOf('decide').reason} />
            <button type="submit" name="intent" value="decide" className="button" disabled={busy}>
              {t('after.submitDecision')}
            </button>
          </Form>
        </section>
      ) : null}

      {status === 'accepted' ? (
        <section className="card" aria-labelledby="evaluate-title">
          <h2 id="evaluate-title">{t('after.evaluateTitle')}</h2>
          <Form method="post" className="form" noValidate>
            <div className="grid three">
              {(['quality', 'timeliness', 'conduct'] as const).map((k) => (
                <div className={`field${errorsOf('evaluate')[k] ? ' has-error' : ''}`} key={k}>
                  <label htmlFor={`score-${k}`}>{t(`after.${k}`)}</label>
                  <select id={`score-${k}`} name={k} defaultValue={valuesOf('evaluate')[k] ?? '5'}>
                    {[5, 4, 3, 2, 1].map((n) => (
                      <option key={n} value={n}>
                        {t('after.stars', { n })}
                      </option>
                    ))}
                  </select>
                  {errorsOf('evaluate')[k] ? <p className="error">{t(errorsOf('evaluate')[k]!)}</p> : null}
                </div>
              ))}
            </div>
            <Field label="after.comment" name="comment" maxLength={1000} defaultValue={valuesOf('evaluate').comment} error={errorsOf('evaluate').comment} />
            <button type="submit" name="intent" value="evaluate" className="button" disabled={busy}>
              {t('after.submitEvaluation')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
