import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { Field } from '~/components/field'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { useIntentReply } from './reply'
import type { loader } from './route'

/** The bidders' open questions, each with a form to publish its answer. */
export function QuestionsSection() {
  const { questions } = useLoaderData<typeof loader>()
  const { data } = useIntentReply()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  if (!questions.length) return null
  return (
    <section className="card" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('qa.open', { n: questions.length })}</h2>
      <p className="hint">{t('qa.openHint')}</p>
      {questions.map((q) => (
        <Form method="post" className="form question" key={q.id} noValidate>
          <input type="hidden" name="questionId" value={q.id} />
          <p>
            <strong>{q.question}</strong> <span className="muted sub">{formatDateTime(q.askedAt, locale)}</span>
          </p>
          <Field label="qa.answer" name="answer" maxLength={2000} required error={data?.intent === 'answer' && data.values.questionId === q.id ? data.errors.answer : undefined} />
          <button type="submit" name="intent" value="answer" className="button secondary" disabled={busy}>
            {t('qa.publish')}
          </button>
        </Form>
      ))}
    </section>
  )
}

/** Objections to the result, each answered by the owner. */
export function ObjectionsSection() {
  const { objections } = useLoaderData<typeof loader>()
  const { data } = useIntentReply()
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
            <strong>{en ? o.agencyEn : o.agencyZh}</strong> <span className="muted sub">{formatDateTime(o.raisedAt, locale)}</span>
          </p>
          <p>{o.text}</p>
          {o.response ? (
            <p className="alert info">{t('obj.response', { text: o.response })}</p>
          ) : (
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="objectionId" value={o.id} />
              <Field label="obj.answer" name="response" maxLength={2000} required error={data?.intent === 'answerObjection' && data.values.objectionId === o.id ? data.errors.response : undefined} />
              <button type="submit" name="intent" value="answerObjection" className="button secondary" disabled={busy}>
                {t('obj.send')}
              </button>
            </Form>
          )}
        </div>
      ))}
    </section>
  )
}
