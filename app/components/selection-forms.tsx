import { Form } from '@remix-run/react'
import { declineForm, explanationForm } from '~/forms/agency'
import { chooseForm, explanationDecisionForm } from '~/forms/owner'
import type { ActionReply } from '~/utils/action-reply'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { CheckedForm } from './checked-form'
import { Choices, TextArea } from './field'
import type { SelectionData } from './selection-result'

type Candidate = SelectionData['candidates'][number]

/**
 * The agency's answer to the selection: explain an abnormally low price before its deadline, or,
 * once selected, confirm or decline the award (a decline passes it to the next candidate and is
 * recorded for credit).
 */
export function OfferActions({ mine, confirmed, busy, reply }: { mine: Candidate; confirmed: boolean; busy: boolean; reply: ActionReply | undefined }) {
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
          <CheckedForm spec={explanationForm} id="explain" intent="explain" reply={reply}>
            {(errors, values) => (
              <>
                <p>{t('offer.explainHint', { price: formatYuan(mine.priceFen, locale), by })}</p>
                <TextArea label="offer.explanation" name="explanation" rows={5} minLength={20} maxLength={2000} required defaultValue={values.explanation} error={errors.explanation} />
                <button type="submit" className="button" disabled={busy}>
                  {t('offer.sendExplanation')}
                </button>
              </>
            )}
          </CheckedForm>
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
      <details open={reply?.intent === 'decline' && !reply.ok}>
        <summary>{t('offer.declineTitle')}</summary>
        <CheckedForm spec={declineForm} id="decline" intent="decline" reply={reply}>
          {(errors, values) => (
            <>
              <p className="hint">{t('offer.declineHint')}</p>
              <TextArea label="offer.declineReason" name="reason" rows={3} maxLength={500} required defaultValue={values.reason} error={errors.reason} />
              <button type="submit" className="button danger" disabled={busy}>
                {t('offer.decline')}
              </button>
            </>
          )}
        </CheckedForm>
      </details>
    </section>
  )
}

/** The owner's decision on an explanation of an abnormally low price. */
export function ExplanationDecision({ candidate, busy, reply }: { candidate: Candidate; busy: boolean; reply: ActionReply | undefined }) {
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
          <CheckedForm spec={explanationDecisionForm} id="explanation-decision" intent="decideExplanation" reply={reply}>
            {(errors, values) => (
              <>
                <Choices name="decision" legend="offer.decision" options={[['accept', 'offer.accept'], ['reject', 'offer.reject']]} checked={values.decision} error={errors.decision} block />
                <TextArea label="offer.decisionReason" name="reason" rows={3} maxLength={500} defaultValue={values.reason} error={errors.reason} hint="offer.decisionReasonHint" />
                <button type="submit" className="button" disabled={busy}>
                  {t('offer.sendDecision')}
                </button>
              </>
            )}
          </CheckedForm>
        </>
      ) : (
        <p className="muted">{t('offer.waitingExplanation', { by: candidate.respondBy ? formatDateTime(candidate.respondBy, locale) : '' })}</p>
      )}
    </section>
  )
}

/**
 * Credit shortlist: the owner picks the winner from the short list the draw made, and says why; the reason
 * is published with the result. Each choice shows the bid's price and days and its agency's credit.
 */
export function ShortlistChoice({ candidates, credit, busy, reply }: { candidates: Candidate[]; credit: Record<string, number>; busy: boolean; reply: ActionReply | undefined }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <section className="card attention" aria-labelledby="choose-title">
      <h2 id="choose-title">{t('sel.short.chooseTitle')}</h2>
      <p>{t('sel.short.chooseIntro', { n: candidates.length })}</p>
      <CheckedForm spec={chooseForm} id="shortlist-choice" intent="choose" reply={reply} ownFailures>
        {(errors, values) => (
          <>
            <Choices
              name="bidId"
              legend="sel.short.candidates"
              options={candidates.map((c) => [
                c.bidId!,
                t('sel.short.option', { agency: en ? c.agencyEn : c.agencyZh, price: formatYuan(c.priceFen, locale), days: c.committedDays, credit: credit[c.uscc] ?? 100 }),
              ])}
              checked={values.bidId}
              error={errors.bidId}
              block
              literal
            />
            <TextArea label="sel.short.reason" name="reason" rows={3} maxLength={1000} required defaultValue={values.reason} error={errors.reason} hint="sel.short.reasonHint" />
            <button type="submit" className="button" disabled={busy}>
              {t('sel.short.choose')}
            </button>
          </>
        )}
      </CheckedForm>
    </section>
  )
}
