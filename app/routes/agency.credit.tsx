import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TextArea } from '~/components/field'
import { appealForm, repairForm } from '~/forms/office'
import { PetitionList, Repair, outcomeKey } from '~/components/credit-repair'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDay, formatInstantDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { appealEvaluation, creditExplained, creditFileOf, fileRepair } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['bl', 'credit', 'pet', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'pet.agencyTitle')

/** The agency's own credit, to act on: its score, the marks it may ask to repair, the evaluations it may appeal, its requests. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:petition:own')
  const { db, clock } = await getApp()
  const now = clock.now()
  const [credit, file] = await Promise.all([creditExplained(db, session.org.id, now), creditFileOf(db, session.org.id, now)])
  return { orgId: session.org.id, score: credit?.score ?? 100, grade: credit?.grade ?? 'A', ...file }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'create:petition:own',
    intents: {
      appeal: intent({ form: appealForm, run: async ({ app, actor }, input) => void (await appealEvaluation(app.db, app.clock, actor, input)) }),
      repair: intent({ form: repairForm, run: async ({ app, actor }, input) => void (await fileRepair(app.db, app.clock, actor, input)) }),
    },
  })


export default function AgencyCredit() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const forTarget = (id: string) => (r: ActionReply) => r.values.id === id || r.values.procurementId === id
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('pet.agencyTitle')}</h1>
      <p className="lead">{t('pet.agencyIntro')}</p>
      {reply?.ok ? (
        <p className="alert ok" role="status">
          {t(reply.intent === 'appeal' ? 'pet.appealFiled' : 'pet.repairFiled')}
        </p>
      ) : null}
      <p>
        {t('pet.scoreNow', { score: data.score, grade: data.grade })} <Link to={`/credit/${data.orgId}`}>{t('pet.publicRecord')}</Link>
      </p>

      <section className="card" aria-labelledby="measures-title">
        <h2 id="measures-title">{t('pet.measures')}</h2>
        {data.measures.length ? (
          <ul className="records">
            {data.measures.map((m) => (
              <li key={m.id}>
                <strong>{t(`bl.kind.${m.kind}`)}</strong> {m.decisionNo} · {t('bl.until', { from: formatDay(m.startsOn, locale), until: m.endsOn ? formatDay(m.endsOn, locale) : '—' })}
                <div className="sub">{m.reason}</div>
                <Repair target="sanction" id={m.id} done={m.lifted} open={m.open} repairFrom={m.repairFrom} today={data.today} reply={reply} busy={busy} owns={forTarget(m.id)} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('pet.noMeasures')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">{t('pet.events')}</h2>
        {data.events.length ? (
          <ul className="records">
            {data.events.map((e) => (
              <li key={e.id}>
                <strong>{t(`credit.kind.${e.kind}` as MessageKey)}</strong> · {formatInstantDay(e.occurredAt, locale)}
                {e.title ? <div className="sub muted">{e.title} <span className="mono">{e.number}</span></div> : null}
                <Repair target="event" id={e.id} done={e.voided} open={e.open} repairFrom={e.repairFrom} today={data.today} reply={reply} busy={busy} owns={forTarget(e.id)} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('pet.noEvents')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="evaluations-title">
        <h2 id="evaluations-title">{t('pet.evaluations')}</h2>
        {data.evaluations.length ? (
          <ul className="records">
            {data.evaluations.map((ev) => (
              <li key={ev.procurementId}>
                <strong>{ev.title}</strong> <span className="mono sub">{ev.number}</span>
                <div className="sub">
                  {t('pet.points', { points: [ev.quality, ev.timeliness, ev.conduct, ev.fees, ev.compliance].filter((p) => p !== null).join(' / ') })}
                  {ev.comment ? ` · ${ev.comment}` : null}
                </div>
                {ev.appeal ? (
                  <p className="sub">
                    <span className="badge">{t(outcomeKey(ev.appeal.outcome))}</span> {ev.appeal.decisionNote ?? ''}
                  </p>
                ) : (
                  <CheckedForm spec={appealForm} id={`appeal-${ev.procurementId}`} intent="appeal" reply={reply} owns={forTarget(ev.procurementId)} className="form" ownFailures>
                    {(e, v) => (
                      <>
                        <input type="hidden" name="procurementId" value={ev.procurementId} />
                        <TextArea label="pet.appealReason" name="statement" required maxLength={2000} rows={2} defaultValue={v.statement} error={e.statement ?? e.procurementId} hint="pet.appealHint" />
                        <button type="submit" className="button secondary small" disabled={busy}>
                          {t('pet.appeal')}
                        </button>
                      </>
                    )}
                  </CheckedForm>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('pet.noEvaluations')}</p>
        )}
      </section>

      <PetitionList petitions={data.petitions} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
