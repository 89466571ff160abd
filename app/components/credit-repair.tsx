import { CheckedForm } from './checked-form'
import { TextArea } from './field'
import { repairForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { formatDay, formatInstantDay } from '~/utils/format'
import type { MessageKey } from '~/i18n'
import { useLocale, useT } from '~/utils/i18n'

export type Outcome = 'granted' | 'refused' | null
export const outcomeKey = (o: Outcome): MessageKey => (o === 'granted' ? 'pet.outcome.granted' : o === 'refused' ? 'pet.outcome.refused' : 'pet.outcome.open')

/** The agency's requests, newest first, each with where it stands and the office's note. */
export function PetitionList({ petitions }: { petitions: Array<{ id: string; kind: 'appeal' | 'repair'; filedAt: string; outcome: Outcome; statement: string; decisionNote: string | null }> }) {
  const t = useT()
  const locale = useLocale()
  return (
      <section className="card" aria-labelledby="petitions-title">
        <h2 id="petitions-title">{t('pet.mine')}</h2>
        {petitions.length ? (
          <ul className="records">
            {petitions.map((p) => (
              <li key={p.id}>
                <strong>{t(`pet.kind.${p.kind}`)}</strong> · {formatInstantDay(p.filedAt, locale)} · <span className="badge">{t(outcomeKey(p.outcome))}</span>
                <div className="sub">{p.statement}</div>
                {p.decisionNote ? <div className="sub muted">{t('pet.noteIs', { note: p.decisionNote })}</div> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('pet.none')}</p>
        )}
      </section>
  )
}

/** A mark's repair: the request form once its minimum time is over, else the day it will be; or where its request stands. */
export function Repair({ target, id, done, open, repairFrom, today, reply, busy, owns }: { target: 'sanction' | 'event'; id: string; done: boolean; open: { outcome: Outcome } | null; repairFrom: string; today: string; reply: ActionReply | undefined; busy: boolean; owns: (r: ActionReply) => boolean }) {
  const t = useT()
  const locale = useLocale()
  if (done) return <p className="sub"><span className="badge">{t('pet.repaired')}</span></p>
  if (open) return <p className="sub"><span className="badge">{t('pet.outcome.open')}</span></p>
  if (today < repairFrom) return <p className="sub muted">{t('pet.repairFrom', { date: formatDay(repairFrom, locale) })}</p>
  return (
    <CheckedForm spec={repairForm} id={`repair-${id}`} intent="repair" reply={reply} owns={owns} className="form" ownFailures>
      {(e, v) => (
        <>
          <input type="hidden" name="target" value={target} />
          <input type="hidden" name="id" value={id} />
          <TextArea label="pet.evidence" name="statement" required maxLength={2000} rows={2} defaultValue={v.statement} error={e.statement ?? e.id} hint="pet.evidenceHint" />
          <button type="submit" className="button secondary small" disabled={busy}>
            {t('pet.repair')}
          </button>
        </>
      )}
    </CheckedForm>
  )
}

