import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { Field } from '~/components/field'
import { answerForm, objectionAnswerForm } from '~/forms/owner'
import type { MessageKey } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { ActionReply } from '~/utils/action-reply'
import type { loader } from './route'

/** The bidders' open questions, each with a form to publish its answer. */
export function QuestionsSection() {
  const { questions } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  if (!questions.length) return null
  return (
    <section className="card" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('qa.open', { n: questions.length })}</h2>
      <p className="hint">{t('qa.openHint')}</p>
      {questions.map((q) => (
        <CheckedForm key={q.id} spec={answerForm} id={`answer-${q.id}`} intent="answer" reply={data} owns={(r) => r.values.questionId === q.id} className="form question">
          {(errors, values) => (
            <>
              <input type="hidden" name="questionId" value={q.id} />
              <p>
                <strong>{q.question}</strong> <span className="muted sub">{formatDateTime(q.askedAt, locale)}</span>
              </p>
              <Field label="qa.answer" name="answer" maxLength={2000} required defaultValue={values.answer} error={errors.answer} />
              <button type="submit" className="button secondary" disabled={busy}>
                {t('qa.publish')}
              </button>
            </>
          )}
        </CheckedForm>
      ))}
    </section>
  )
}

/** Objections raised (on the terms, the result, an exclusion), each answered by the owner by its due date, and the complaint each became. */
export function ObjectionsSection() {
  const { objections } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  if (!objections.length) return null
  return (
    <section className="card" aria-labelledby="objections-title">
      <h2 id="objections-title">{t('obj.title', { n: objections.length })}</h2>
      {objections.map((o) => (
        <div key={o.id} className="objection">
          <p>
            <strong>{en ? o.agencyEn : o.agencyZh}</strong> <span className="muted sub">{formatDateTime(o.raisedAt, locale)}</span> <span className="badge">{t(`obj.matter.${o.matter}`)}</span>{' '}
            <span className="badge wraps">{t(`viol.${o.violation}` as MessageKey)}</span>
            {o.complaintStatus ? <span className="badge warn">{t(`obj.complaint.${o.complaintStatus}` as MessageKey)}</span> : null}
          </p>
          <p>{o.text}</p>
          {!o.response && o.answerDueAt ? <p className="hint">{t('obj.answerBy', { by: formatDateTime(o.answerDueAt, locale) })}</p> : null}
          {o.response ? (
            <p className="alert info">{t('obj.response', { text: o.response })}</p>
          ) : (
            <CheckedForm spec={objectionAnswerForm} id={`objection-${o.id}`} intent="answerObjection" reply={data} owns={(r) => r.values.objectionId === o.id}>
              {(errors, values) => (
                <>
                  <input type="hidden" name="objectionId" value={o.id} />
                  <Field label="obj.answer" name="response" maxLength={2000} required defaultValue={values.response} error={errors.response} />
                  <button type="submit" className="button secondary" disabled={busy}>
                    {t('obj.send')}
                  </button>
                </>
              )}
            </CheckedForm>
          )}
        </div>
      ))}
    </section>
  )
}
