import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { Field } from '~/components/field'
import { objectionForm, questionForm } from '~/forms/agency'
import type { ActionReply } from '~/utils/action-reply'
import { useT } from '~/utils/i18n'
import type { loader } from './route'

/** A bidder's objection to the result, during the standstill, and the owner's answers to those it raised. */
export function ObjectionSection() {
  const { mayObject, myObjections } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  if (!mayObject && !myObjections.length) return null
  return (
    <section className="card" aria-labelledby="object-title">
      <h2 id="object-title">{t('obj.raiseTitle')}</h2>
      {myObjections.map((o) => (
        <div key={o.id} className="objection">
          <p>{o.text}</p>
          <p className={o.response ? 'alert info' : 'muted'}>{o.response ? t('obj.response', { text: o.response }) : t('obj.waiting')}</p>
        </div>
      ))}
      {mayObject ? (
        <CheckedForm spec={objectionForm} id="object" intent="object" reply={reply}>
          {(errors, values, params) => (
            <>
              <p className="hint">{t('obj.hint')}</p>
              <Field label="obj.text" name="text" maxLength={2000} required defaultValue={values.text} error={errors.text} errorParams={params} />
              <button type="submit" className="button secondary" disabled={busy}>
                {t('obj.raise')}
              </button>
            </>
          )}
        </CheckedForm>
      ) : null}
    </section>
  )
}

/** A question to the owner while bidding is open, and whether those asked were answered. */
export function AskSection() {
  const { open, asked } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  if (!open) return null
  return (
    <section className="card" aria-labelledby="ask-title">
      <h2 id="ask-title">{t('qa.ask')}</h2>
      <p className="hint">{t('qa.askHint')}</p>
      {asked.length ? (
        <ul className="plain">
          {asked.map((q) => (
            <li key={q.id}>
              {q.question} <span className={`badge${q.answered ? ' ok' : ''}`}>{t(q.answered ? 'qa.answered' : 'qa.waiting')}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <CheckedForm spec={questionForm} id="ask" intent="ask" reply={reply}>
        {(errors, values, params) => (
          <>
            <Field label="qa.question" name="question" maxLength={1000} required defaultValue={values.question} error={errors.question} errorParams={params} />
            <button type="submit" className="button secondary" disabled={busy}>
              {t('qa.send')}
            </button>
          </>
        )}
      </CheckedForm>
    </section>
  )
}
