import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { ObjectionStatus } from '~/components/objection-status'
import { Field } from '~/components/field'
import { questionForm } from '~/forms/agency'
import type { ActionReply } from '~/utils/action-reply'
import { useT } from '~/utils/i18n'
import type { loader } from './route'

/**
 * The agency's objections on this procurement: each with its state and a link to follow it
 * up (the answer, the verdict, a complaint), and a link to raise one on a matter still open to it.
 */
export function ObjectionSection() {
  const { announcement, objectionMatters, myObjections } = useLoaderData<typeof loader>()
  const t = useT()
  if (!objectionMatters.length && !myObjections.length) return null
  const draft = myObjections.find((o) => o.status === 'draft')
  const sent = myObjections.filter((o) => o.status !== 'draft')
  return (
    <section className="card" aria-labelledby="object-title">
      <h2 id="object-title">{t('obj.raiseTitle')}</h2>
      {sent.length ? (
        <ul className="records">
          {sent.map((o) => (
            <li key={o.id} className="objection">
              <span className="badge">{t(`obj.matter.${o.matter}`)}</span> <ObjectionStatus status={o.status} complaint={o.complaintStatus} />
              <p>{o.text}</p>
              {o.response ? <p className="alert info">{t('obj.response', { text: o.response })}</p> : null}
              <Link to={`/agency/objections/${o.id}`}>{t('obj.followUp')}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {objectionMatters.length ? (
        <p>
          <Link className="button secondary" to={`/agency/objections/new?procurement=${announcement.p.id}`}>
            {t(draft ? 'obj.continueDraft' : 'obj.new')}
          </Link>
        </p>
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
