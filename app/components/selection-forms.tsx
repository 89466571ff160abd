import { Form } from '@remix-run/react'
import type { MessageKey } from '~/i18n'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { TextArea } from './field'
import type { SelectionData } from './selection-result'

type Candidate = SelectionData['candidates'][number]
type Errors = Partial<Record<string, MessageKey>>

/**
 * The agency's answer to the selection: explain an abnormally low price before its deadline, or,
 * once selected, confirm or decline the award (a decline passes it to the next candidate and is
 * recorded for credit).
 */
export function OfferActions({ mine, confirmed, busy, errors, values }: { mine: Candidate; confirmed: boolean; busy: boolean; errors: Errors; values: Record<string, string> }) {
  const t = useT()
  const locale = useLocale()
  const by = mine.respondBy ? formatDateTime(mine.respondBy, locale) : ''
  if (mine.state === 'explaining')
    return (
      <section className="card won" aria-labelledby="explain-title">
        <h2 id="explain-title">{t('offer.explainTitle')}</h2>
        {mine.explanation ? (
          <p className="muted">{t('offer.explained')}</p>
        ) : (
          <Form method="post" className="form" noValidate>
            <p>{t('offer.explainHint', { price: formatYuan(mine.priceFen, locale), by })}</p>
            <TextArea label="offer.explanation" name="explanation" rows={5} minLength={20} maxLength={2000} required defaultValue={values.explanation} error={errors.explanation} />
            <button type="submit" name="intent" value="explain" className="button" disabled={busy}>
              {t('offer.sendExplanation')}
            </button>
          </Form>
        )}
      </section>
    )
  if (mine.state !== 'offered' || confirmed) return null
  return (
    <section className="card won" aria-labelledby="offer-title">
      <h2 id="offer-title">{t('after.won')}</h2>
      <Form method="post">
        <p>{t('offer.confirmHint', { by })}</p>
        <button type="submit" name="intent" value="confirmAward" className="button" disabled={busy}>
          {t('after.confirmAward')}
        </button>
      </Form>
      <details open={!!errors.reason}>
        <summary>{t('offer.declineTitle')}</summary>
        <Form method="post" className="form" noValidate>
          <p className="hint">{t('offer.declineHint')}</p>
          <TextArea label="offer.declineReason" name="reason" rows={3} maxLength={500} required defaultValue={values.reason} error={errors.reason} />
          <button type="submit" name="intent" value="decline" className="button danger" disabled={busy}>
            {t('offer.decline')}
          </button>
        </Form>
      </details>
    </section>
  )
}

/** The owner's decision on an explanation of an abnormally low price. */
export function ExplanationDecision({ candidate, busy, errors, values }: { candidate: Candidate; busy: boolean; errors: Errors; values: Record<string, string> }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <section className="card attention" aria-labelledby="low-title">
      <h2 id="low-title">{t('offer.decideTitle')}</h2>
      <p>{t('offer.decideIntro', { agency: en ? candidate.agencyEn : candidate.agencyZh, price: formatYuan(candidate.priceFen, locale) })}</p>
      {candidate.explanation ? (
        <>
          <blockquote className="quote">{candidate.explanation}</blockquote>
          <Form method="post" className="form" noValidate>
            <fieldset>
              <legend>{t('offer.decision')}</legend>
              <label className="choice block">
                <input type="radio" name="decision" value="accept" defaultChecked={values.decision !== 'reject'} /> {t('offer.accept')}
              </label>
              <label className="choice block">
                <input type="radio" name="decision" value="reject" defaultChecked={values.decision === 'reject'} /> {t('offer.reject')}
              </label>
              {errors.decision ? <p className="error">{t(errors.decision)}</p> : null}
            </fieldset>
            <TextArea label="offer.decisionReason" name="reason" rows={3} maxLength={500} defaultValue={values.reason} error={errors.reason} hint="offer.decisionReasonHint" />
            <button type="submit" name="intent" value="decideExplanation" className="button" disabled={busy}>
              {t('offer.sendDecision')}
            </button>
          </Form>
        </>
      ) : (
        <p className="muted">{t('offer.waitingExplanation', { by: candidate.respondBy ? formatDateTime(candidate.respondBy, locale) : '' })}</p>
      )}
    </section>
  )
}
