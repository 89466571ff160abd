import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Choices, FormError, Select, TextArea } from '~/components/field'
import { openMonitoringForm } from '~/forms/monitoring'
import { failed, type ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { monitoringSubject, openMonitoring } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'
import { MONITORING_REASONS } from '../../services/supervision/monitoring-input'

export const handle: PageHandle = { i18n: ['mon'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'mon.newTitle')

const subjectOf = (request: Request) => {
  const search = new URL(request.url).searchParams
  return { procurement: search.get('procurement'), agency: search.get('agency'), q: search.get('q') }
}

/** A new monitoring of the procurement or agency the query names, with its reason (a complaint or a red flag may name itself as the source). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:monitoring:any')
  const { db } = await getApp()
  const search = new URL(request.url).searchParams
  const subject = await monitoringSubject(db, subjectOf(request))
  return { subject, reason: search.get('reason') ?? '', source: search.get('source') ?? '' }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:monitoring:any',
    intents: {
      open: intent({ form: openMonitoringForm, run: async ({ app, actor, request }, input) => redirect(`/monitoring/${(await openMonitoring(app.db, app.clock, actor, subjectOf(request), input)).id}`) }),
    },
  })

export default function NewMonitoring() {
  const { subject, reason, source } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const en = useLocale() === 'en'
  const error = failed(reply)
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/office/monitoring">{t('mon.officeTitle')}</Link>
      </p>
      <h1>{t('mon.newTitle')}</h1>
      {error && error.formError !== 'errors.form' ? <FormError error={error.formError} /> : null}
      {!subject ? (
        <p className="alert error">{t('mon.noSubject')}</p>
      ) : (
        <>
          <p className="lead">{subject.kind === 'procurement' ? `${subject.number ?? ''} ${subject.title}` : en ? subject.nameEn : subject.nameZh}</p>
          <CheckedForm spec={openMonitoringForm} id="open" intent="open" reply={reply} className="form card">
            {(e, v) => (
              <>
                <input type="hidden" name="sourceId" value={source} />
                {subject.kind === 'procurement' ? (
                  <Choices name="party" legend="mon.party" options={subject.winnerOrgId ? [['owner', 'mon.party.owner'], ['winner', 'mon.party.winner']] : [['owner', 'mon.party.owner']]} checked={v.party ?? 'owner'} error={e.party} />
                ) : (
                  <input type="hidden" name="party" value="agency" />
                )}
                <Select label="mon.reason" name="reason" required defaultValue={v.reason ?? reason} error={e.reason}>
                  <option value="">{t('mon.choose')}</option>
                  {MONITORING_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`mon.reason.${r}`)}
                    </option>
                  ))}
                </Select>
                <TextArea label="mon.note" name="note" required maxLength={2000} rows={4} defaultValue={v.note} error={e.note} />
                <button type="submit" className="button" disabled={busy}>
                  {t('mon.open')}
                </button>
              </>
            )}
          </CheckedForm>
        </>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
