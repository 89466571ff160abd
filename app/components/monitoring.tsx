import { useNavigation } from '@remix-run/react'
import { acceptRectificationForm, concludeForm, monitoringAnswerForm, monitoringQuestionForm, rectificationForm } from '~/forms/monitoring'
import { sanctionForm } from '~/forms/office'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { CheckedForm } from './checked-form'
import { Choices, DefinitionList, Field, TextArea } from './field'

type Dated = Date | string | null

type Question = { id: string; question: string; askedAt: Dated; dueAt: Dated; answer: string | null; answeredAt: Dated }

/** The questions asked, each with its due date and the party's answer; the party answers here those still open. */
export function Questions({ questions, party, reply }: { questions: Question[]; party: boolean; reply: ActionReply | undefined }) {
  const t = useT()
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  const when = (d: Dated) => (d ? formatDateTime(d, locale) : '—')
  if (!questions.length) return null
  return (
    <section className="card" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('mon.questions')}</h2>
      <ul className="records">
        {questions.map((q) => (
          <li key={q.id}>
            <p>
              <strong>{q.question}</strong>
            </p>
            <p className="sub">{t('mon.dueAt', { asked: when(q.askedAt), due: when(q.dueAt) })}</p>
            {q.answer ? (
              <p className="alert info">
                {q.answer} <span className="sub">{when(q.answeredAt)}</span>
                {q.answeredAt && q.dueAt && String(q.answeredAt) > String(q.dueAt) ? <span className="badge warn">{t('mon.late')}</span> : null}
              </p>
            ) : party ? (
              <CheckedForm spec={monitoringAnswerForm} id={`answer-${q.id}`} intent="answer" reply={reply} owns={(r) => r.values.questionId === q.id}>
                {(e, v) => (
                  <>
                    <input type="hidden" name="questionId" value={q.id} />
                    <TextArea label="mon.answer" name="answer" required maxLength={4000} rows={3} defaultValue={v.answer} error={e.answer} />
                    <button type="submit" className="button secondary" disabled={busy}>
                      {t('mon.sendAnswer')}
                    </button>
                  </>
                )}
              </CheckedForm>
            ) : (
              <p className="muted">{t('mon.noAnswer')}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** What the monitoring found and what followed: the findings, the report, the decision. */
export function Outcome({ m }: { m: { findings: string | null; concludedAt: Dated; rectifyBy: Dated; reportText: string | null; reportedAt: Dated; reportFileId: string | null; decisionNote: string | null; decidedAt: Dated; status: string } }) {
  const t = useT()
  const locale = useLocale()
  const when = (d: Dated) => (d ? formatDateTime(d, locale) : '—')
  if (!m.findings) return null
  return (
    <section className="card" aria-labelledby="findings-title">
      <h2 id="findings-title">{t('mon.findings')}</h2>
      <p className="sub">{when(m.concludedAt)}</p>
      <blockquote>{m.findings}</blockquote>
      {m.rectifyBy ? <DefinitionList items={[[t('mon.rectifyBy'), when(m.rectifyBy)], [t('mon.reportedAt'), when(m.reportedAt)]]} /> : null}
      {m.reportText ? (
        <>
          <h3>{t('mon.report')}</h3>
          <blockquote>{m.reportText}</blockquote>
          {m.reportFileId ? <a href={`/files/${m.reportFileId}`}>{t('mon.reportFile')}</a> : null}
        </>
      ) : null}
      {m.decisionNote ? (
        <p className={`alert ${m.status === 'escalated' ? 'error' : 'ok'}`}>
          <strong>{t(`mon.status.${m.status}` as MessageKey)}</strong> · {when(m.decidedAt)} · {m.decisionNote}
        </p>
      ) : null}
    </section>
  )
}

/** The office's next step: a question or the findings while open; acceptance or escalation after. */
export function OfficeSteps({ status, overdue, agency, uscc, today, reply }: { status: string; overdue: boolean; agency: boolean; uscc: string; today: string; reply: ActionReply | undefined }) {
  const t = useT()
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      {status === 'open' ? (
        <section className="card" aria-labelledby="ask-title">
          <h2 id="ask-title">{t('mon.ask')}</h2>
          <CheckedForm spec={monitoringQuestionForm} id="ask" intent="ask" reply={reply}>
            {(e, v) => (
              <>
                <TextArea label="mon.question" name="question" required maxLength={2000} rows={3} defaultValue={v.question} error={e.question} />
                <Field label="mon.replyDays" name="days" type="number" inputMode="numeric" required min={1} max={30} defaultValue={v.days ?? '3'} error={e.days} />
                <button type="submit" className="button secondary" disabled={busy}>
                  {t('mon.sendQuestion')}
                </button>
              </>
            )}
          </CheckedForm>
          <h2>{t('mon.conclude')}</h2>
          <CheckedForm spec={concludeForm} id="conclude" intent="conclude" reply={reply}>
            {(e, v) => (
              <>
                <TextArea label="mon.findings" name="findings" required maxLength={5000} rows={5} defaultValue={v.findings} error={e.findings} />
                <Choices name="rectify" legend="mon.rectifyLabel" options={[['yes', 'mon.rectifyYes'], ['no', 'mon.rectifyNo']]} checked={v.rectify} error={e.rectify} block />
                <button type="submit" className="button" disabled={busy}>
                  {t('mon.concludeButton')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
      {status === 'reported' ? (
        <section className="card" aria-labelledby="accept-title">
          <h2 id="accept-title">{t('mon.acceptTitle')}</h2>
          <CheckedForm spec={acceptRectificationForm} id="accept" intent="accept" reply={reply}>
            {(e, v) => (
              <>
                <TextArea label="mon.acceptNote" name="note" required maxLength={1000} rows={2} defaultValue={v.note} error={e.note} />
                <button type="submit" className="button" disabled={busy}>
                  {t('mon.acceptButton')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
      {agency && (status === 'reported' || (status === 'rectifying' && overdue)) ? (
        <section className="card" aria-labelledby="escalate-title">
          <h2 id="escalate-title">{t('mon.escalateTitle')}</h2>
          <p className="hint">{t('mon.escalateHint')}</p>
          <CheckedForm spec={sanctionForm} id="escalate" intent="escalate" reply={reply}>
            {(e, v) => (
              <>
                <input type="hidden" name="uscc" value={uscc} />
                <Choices name="kind" legend="bl.kindLabel" options={[['yellow_card', 'bl.kind.yellow_card'], ['suspension', 'bl.kind.suspension'], ['blacklist', 'bl.kind.blacklist']]} checked={v.kind ?? 'yellow_card'} error={e.kind} />
                <Field label="bl.decisionNo" name="decisionNo" required maxLength={100} defaultValue={v.decisionNo} error={e.decisionNo} />
                <TextArea label="bl.reason" name="reason" required maxLength={1000} rows={3} defaultValue={v.reason} error={e.reason} />
                <Field label="bl.legalBasis" name="legalBasis" required maxLength={500} defaultValue={v.legalBasis} error={e.legalBasis} />
                <Field label="bl.startsOn" name="startsOn" type="date" required min={today} defaultValue={v.startsOn ?? today} error={e.startsOn} />
                <Field label="mon.term" name="term" type="number" inputMode="numeric" required min={1} defaultValue={v.term ?? '6'} error={e.term} hint="mon.termHint" />
                <button type="submit" className="button danger" disabled={busy}>
                  {t('mon.escalateButton')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
    </>
  )
}

/** The party's rectification report, before its due date. */
export function RectificationForm({ reply, by }: { reply: ActionReply | undefined; by: string }) {
  const t = useT()
  const busy = useNavigation().state === 'submitting'
  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">{t('mon.reportTitle')}</h2>
      <p className="hint">{t('mon.reportHint', { by })}</p>
      <CheckedForm spec={rectificationForm} id="report" intent="report" reply={reply} encType="multipart/form-data">
        {(e, v) => (
          <>
            <TextArea label="mon.report" name="report" required maxLength={5000} rows={5} defaultValue={v.report} error={e.report} />
            <Field label="mon.reportFileLabel" name="file" type="file" accept="application/pdf,image/jpeg,image/png" error={e.file} />
            <button type="submit" className="button" disabled={busy}>
              {t('mon.sendReport')}
            </button>
          </>
        )}
      </CheckedForm>
    </section>
  )
}
