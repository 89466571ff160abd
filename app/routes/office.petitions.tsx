import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Choices, TextArea } from '~/components/field'
import { petitionDecisionForm } from '~/forms/office'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatInstantDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { decidePetition, petitionsToDecide } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['bl', 'credit', 'pet', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'pet.officeTitle')

/** Appeals against evaluations and requests for credit repair, to decide; then those decided. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:sanction:any')
  const { db } = await getApp()
  const rows = await petitionsToDecide(db, { decided: true })
  const shaped = rows.map((r) => ({ ...r.petition, nameZh: r.nameZh, nameEn: r.nameEn, number: r.number, title: r.title, sanctionKind: r.sanctionKind, decisionNo: r.decisionNo, eventKind: r.eventKind }))
  return { open: shaped.filter((p) => !p.outcome), decided: shaped.filter((p) => p.outcome) }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:sanction:any',
    intents: { decide: intent({ form: petitionDecisionForm, run: async ({ app, actor }, input) => void (await decidePetition(app.db, app.clock, actor, input)) }) },
  })

export default function OfficePetitions() {
  const { open, decided } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  type Row = (typeof open)[number]
  const about = (p: Row) =>
    p.kind === 'appeal'
      ? t('pet.aboutEvaluation', { title: p.title ?? '', number: p.number ?? '' })
      : p.sanctionKind
        ? `${t(`bl.kind.${p.sanctionKind}`)} ${p.decisionNo ?? ''}`
        : t(`credit.kind.${p.eventKind}` as MessageKey)
  const head = (p: Row) => (
    <>
      <strong>{t(`pet.kind.${p.kind}`)}</strong> · {locale === 'en' ? p.nameEn : p.nameZh} · {formatInstantDay(p.filedAt, locale)}
      <div className="sub">{about(p)}</div>
      <blockquote className="sub">{p.statement}</blockquote>
    </>
  )
  return (
    <div className="page">
      <h1>{t('pet.officeTitle')}</h1>
      <p className="lead">{t('pet.officeIntro')}</p>
      {reply?.ok ? (
        <p className="alert ok" role="status">
          {t('pet.decided')}
        </p>
      ) : null}
      <p className="actions">
        <Link to="/office/blacklist">{t('bl.officeTitle')}</Link>
      </p>
      <section className="card" aria-labelledby="open-title">
        <h2 id="open-title">{t('pet.open')}</h2>
        {open.length ? (
          <ul className="records">
            {open.map((p) => (
              <li key={p.id}>
                {head(p)}
                <CheckedForm spec={petitionDecisionForm} id={`decide-${p.id}`} intent="decide" reply={reply} owns={(r) => r.values.id === p.id} ownFailures>
                  {(e, v) => (
                    <>
                      <input type="hidden" name="id" value={p.id} />
                      <Choices name="outcome" legend="pet.outcomeLabel" options={[['granted', 'pet.grant'], ['refused', 'pet.refuse']]} checked={v.outcome} error={e.outcome} />
                      <TextArea label="pet.note" name="note" required maxLength={1000} rows={2} defaultValue={v.note} error={e.note} />
                      <button type="submit" className="button small" disabled={busy}>
                        {t('pet.decide')}
                      </button>
                    </>
                  )}
                </CheckedForm>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('pet.noneOpen')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="decided-title">
        <h2 id="decided-title">{t('pet.decidedList')}</h2>
        {decided.length ? (
          <ul className="records">
            {decided.map((p) => (
              <li key={p.id}>
                {head(p)}
                <p className="sub">
                  <span className="badge">{t(p.outcome === 'granted' ? 'pet.outcome.granted' : 'pet.outcome.refused')}</span> {p.decisionNote}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('pet.none')}</p>
        )}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
