import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field } from '~/components/field'
import { creditTableForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { creditTableHistory, currentCreditTable, publishCreditTable } from '~/utils/services.server'
import { CREDIT_EVENT_KINDS } from '../../services/credit/kinds'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['credit', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'credit.officeTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:credit-rules:any')
  const { db } = await getApp()
  const [current, history] = await Promise.all([currentCreditTable(db), creditTableHistory(db)])
  return { current, latest: history[0] ?? null }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:credit-rules:any',
    intents: {
      publish: intent({
        form: creditTableForm,
        run: async ({ app, actor }, input) => ({ params: { version: await publishCreditTable(app.db, app.clock, app.queue, actor, input.table, input.note) } }),
      }),
    },
  })

/** The office publishes a new version of the credit rules; every score is then recomputed, with its progress shown. */
export default function OfficeCredit() {
  const { current, latest } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const running = latest && !latest.recomputedAt
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 2000)
    return () => clearInterval(timer)
  }, [running, revalidator])
  const { table } = current
  return (
    <div className="page narrow">
      <h1>{t('credit.officeTitle')}</h1>
      <p className="lead">{t('credit.officeIntro', { version: current.version })}</p>
      {data?.ok ? <p className="alert ok" role="status">{t('credit.published', data.params)}</p> : null}
      {latest ? (
        <section className="card" aria-labelledby="recompute-title">
          <h2 id="recompute-title">{t('credit.recompute', { version: latest.version })}</h2>
          <progress value={latest.recomputeDone} max={Math.max(1, latest.recomputeTotal)} aria-labelledby="recompute-title" />
          <p role="status">
            {latest.recomputedAt
              ? t('credit.recomputed', { n: latest.recomputeDone, at: formatDateTime(latest.recomputedAt, locale) })
              : t('credit.recomputing', { done: latest.recomputeDone, total: latest.recomputeTotal })}
          </p>
        </section>
      ) : null}
      <CheckedForm spec={creditTableForm} id="credit-rules" intent="publish" reply={data} className="card form">
        {(e, sent) => {
          const v = (key: string, fallback: string | number | null) => sent[key] ?? (fallback === null ? '' : String(fallback))
          return (
            <>
              <h3>{t('credit.kindsCaption')}</h3>
              {CREDIT_EVENT_KINDS.map((k) => (
                <fieldset key={k} className="kind-row">
                  <legend>{t(`credit.kind.${k}`)}</legend>
                  <Field label="credit.rulePoints" name={`points_${k}`} type="number" min={-100} max={100} required defaultValue={v(`points_${k}`, table.kinds[k].points)} error={e[`points_${k}`]} />
                  <Field label="credit.cap" name={`cap_${k}`} type="number" min={1} max={100} defaultValue={v(`cap_${k}`, table.kinds[k].cap)} error={e[`cap_${k}`]} />
                </fieldset>
              ))}
              <fieldset>
                <legend>{t('credit.thresholds')}</legend>
                <div className="grid two">
                  <Field label="credit.gradeA" name="gradeA" type="number" min={2} max={100} required defaultValue={v('gradeA', table.grades.A)} error={e.gradeA} />
                  <Field label="credit.gradeB" name="gradeB" type="number" min={1} max={99} required defaultValue={v('gradeB', table.grades.B)} error={e.gradeB} />
                  <Field label="credit.gradeC" name="gradeC" type="number" min={1} max={98} required defaultValue={v('gradeC', table.grades.C)} error={e.gradeC} />
                  <Field label="credit.windowMonths" name="windowMonths" type="number" min={6} max={60} required defaultValue={v('windowMonths', table.windowMonths)} error={e.windowMonths} />
                </div>
              </fieldset>
              <Field label="credit.versionNote" name="note" required minLength={4} maxLength={500} defaultValue={v('note', '')} error={e.note} hint="credit.versionNoteHint" />
              <button type="submit" className="button" disabled={busy}>{t('credit.publish')}</button>
            </>
          )
        }}
      </CheckedForm>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
