import type { MessageKey } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { DefinitionList } from './field'

type Dated = Date | string | null

/** What an objection says and where it stands: its matter, violation and remedy asked, the owner's answer, the dates. */
export function ObjectionFacts({ o }: { o: { matter: string; violation: string; remedy: string | null; text: string; status: string; raisedAt: Dated; answerDueAt: Dated; response: string | null; respondedAt: Dated; escalateBy: Dated } }) {
  const t = useT()
  const locale = useLocale()
  const when = (d: Dated) => (d ? formatDateTime(d, locale) : '—')
  return (
    <section className="card" aria-labelledby="objection-title">
      <h2 id="objection-title">{t('cmp.objection')}</h2>
      <DefinitionList
        items={[
          [t('cmp.matterLabel'), t(`obj.matter.${o.matter}` as MessageKey)],
          [t('cmp.violationLabel'), t(`viol.${o.violation}` as MessageKey)],
          [t('cmp.remedyLabel'), o.remedy ? t(`cmp.remedy.${o.remedy}` as MessageKey) : t('cmp.noRemedy')],
          [t('cmp.state'), t(`obj.status.${o.status}` as MessageKey)],
          [t('cmp.raisedAt'), when(o.raisedAt)],
          [t('cmp.answerDue'), when(o.answerDueAt)],
        ]}
      />
      <blockquote>{o.text}</blockquote>
      {o.response ? (
        <p className="alert info">
          {t('obj.response', { text: o.response })} <span className="sub">{when(o.respondedAt)}</span>
        </p>
      ) : (
        <p className="muted">{t('obj.waiting')}</p>
      )}
    </section>
  )
}

/** A complaint's record: its state with the office's due dates, the arguments and evidence, the decision and the remedy ordered. */
export function ComplaintFacts({
  c,
  evidence,
}: {
  c: { status: string; remedy: string; arguments: string; filedAt: Dated; acceptBy: Dated; decideBy: Dated; decidedAt: Dated; decision: string | null; reviewNote: string | null; remedyApplied: string | null; reannouncedAs: string | null }
  evidence: Array<{ id: string; mime: string; size: number }>
}) {
  const t = useT()
  const locale = useLocale()
  const when = (d: Dated) => (d ? formatDateTime(d, locale) : '—')
  const decided = ['upheld', 'dismissed', 'invalid'].includes(c.status)
  return (
    <section className="card" aria-labelledby="complaint-title">
      <h2 id="complaint-title">
        {t('cmp.complaint')} <span className={`badge${c.status === 'upheld' ? ' ok' : c.status === 'pending' ? ' warn' : ''}`}>{t(`obj.complaint.${c.status}` as MessageKey)}</span>
      </h2>
      <DefinitionList
        items={[
          [t('cmp.remedyAsked'), t(`cmp.remedy.${c.remedy}` as MessageKey)],
          [t('cmp.filedAt'), when(c.filedAt)],
          [t('cmp.acceptBy'), when(c.acceptBy)],
          [t('cmp.decideBy'), when(c.decideBy)],
        ]}
      />
      <h3>{t('cmp.arguments')}</h3>
      <blockquote>{c.arguments}</blockquote>
      {evidence.length ? (
        <ul className="plain">
          {evidence.map((f, n) => (
            <li key={f.id}>
              <a href={`/files/${f.id}`}>{t('cmp.evidenceFile', { n: n + 1, kb: Math.max(1, Math.round(f.size / 1024)) })}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('cmp.noEvidence')}</p>
      )}
      {decided ? (
        <div className={`alert ${c.status === 'upheld' ? 'ok' : 'info'}`}>
          <p>
            <strong>{t(`obj.complaint.${c.status}` as MessageKey)}</strong> · {when(c.decidedAt)}
          </p>
          <p>{c.decision ?? c.reviewNote}</p>
          {c.remedyApplied ? <p>{t('cmp.remedyApplied', { remedy: t(`cmp.remedy.${c.remedyApplied}` as MessageKey) })}</p> : null}
        </div>
      ) : null}
    </section>
  )
}
