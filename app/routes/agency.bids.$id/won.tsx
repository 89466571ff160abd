import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { Field, Select } from '~/components/field'
import { ownerEvaluationForm } from '~/forms/agency'
import type { ActionReply } from '~/utils/action-reply'
import { useT } from '~/utils/i18n'
import type { loader } from './route'

/** The winner's part, once it confirmed the award: the contract to confirm, then the work to deliver. */
export function WonSection({ failed }: { failed: ActionReply | undefined }) {
  const { announcement, afterAward } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const { p } = announcement
  const e = failed?.errors ?? {}
  return (
    <section className="card won" aria-labelledby="won-title">
      <h2 id="won-title">{t('after.won')}</h2>
      {p.status === 'awarded' ? (
        afterAward?.contract ? (
          <Form method="post">
            <p>
              {t('after.contractReady', { start: afterAward.contract.startDate, due: afterAward.contract.dueDate })} <a href={`/files/${afterAward.contract.fileId}`}>{t('after.download')}</a>
            </p>
            <button type="submit" name="intent" value="confirmContract" className="button" disabled={busy}>
              {t('after.confirmContract')}
            </button>
          </Form>
        ) : (
          <p className="muted">{t('after.waitContract')}</p>
        )
      ) : null}
      {p.status === 'in_service' ? (
        <Form method="post" encType="multipart/form-data" className="form" noValidate>
          <p className="hint">{t('after.deliverHint', { due: afterAward?.contract?.dueDate ?? '' })}</p>
          <Field label="after.deliverable" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required error={e.file} />
          <Field label="after.note" name="note" maxLength={1000} defaultValue={failed?.values.note} error={e.note} />
          <button type="submit" name="intent" value="deliver" className="button" disabled={busy}>
            {t('after.deliver')}
          </button>
        </Form>
      ) : null}
      {p.status === 'delivered' ? <p className="muted">{t('after.waitDecision')}</p> : null}
      {(p.status === 'accepted' || p.status === 'evaluated') && !afterAward?.ownerEvaluation ? (
        <CheckedForm spec={ownerEvaluationForm} id="evaluate-owner" intent="evaluateOwner" reply={failed}>
          {(errors, values) => (
            <>
              <h3>{t('after.evaluateOwnerTitle')}</h3>
              <p className="hint">{t('after.evaluateOwnerHint')}</p>
              <div className="grid two">
                {(['payment', 'cooperation'] as const).map((k) => (
                  <Select key={k} label={`after.${k}`} name={k} defaultValue={values[k] ?? '5'} error={errors[k]}>
                    {[5, 4, 3, 2, 1].map((n) => (
                      <option key={n} value={n}>{t('after.stars', { n })}</option>
                    ))}
                  </Select>
                ))}
              </div>
              <Field label="after.comment" name="comment" maxLength={1000} defaultValue={values.comment} error={errors.comment} hint="after.commentHint" />
              <button type="submit" className="button" disabled={busy}>{t('after.submitOwnerEvaluation')}</button>
            </>
          )}
        </CheckedForm>
      ) : null}
    </section>
  )
}
