import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList, FormError, TableWrap } from '~/components/field'
import { OfficeSteps, Outcome, Questions, RectificationForm } from '~/components/monitoring'
import { MonitoringStatus } from '~/components/monitoring-table'
import { acceptRectificationForm, concludeForm, monitoringAnswerForm, monitoringQuestionForm, rectificationForm } from '~/forms/monitoring'
import { sanctionForm } from '~/forms/office'
import type { MessageKey } from '~/i18n'
import { failed, type ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { getSession } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import * as s from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['bl', 'mon', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'mon.title')

/** One monitoring: whole for the office and the party, to anyone once concluded; each side's next step. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await getSession(request)
  const { db, clock } = await getApp()
  const office = s.can(session ? { kind: session.org.kind, role: session.user.role } : null, 'update:monitoring:any')
  const found = await s.monitoringDetail(db, params.id ?? '', { orgId: session?.org.id, office })
  if (!found) throw new Response('Not found', { status: 404 })
  const now = clock.now()
  return { ...found, office,  today: s.shanghaiDate(now), overdue: !!found.m.rectifyBy && now >= found.m.rectifyBy }
}

const OFFICE = 'update:monitoring:any' as const
export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'read:organization:own',
    upload: 'file',
    intents: {
      ask: intent({ form: monitoringQuestionForm, permission: OFFICE, run: async ({ app, actor, id }, input) => void (await s.askMonitoringQuestion(app.db, app.clock, actor, id, input)) }),
      conclude: intent({ form: concludeForm, permission: OFFICE, run: async ({ app, actor, id }, input) => void (await s.concludeMonitoring(app.db, app.clock, actor, id, input)) }),
      accept: intent({ form: acceptRectificationForm, permission: OFFICE, run: async ({ app, actor, id }, input) => void (await s.acceptRectification(app.db, app.clock, actor, id, input)) }),
      escalate: intent({ form: sanctionForm, permission: OFFICE, run: async ({ app, actor, id }, input) => void (await s.escalateMonitoring(app.db, app.clock, actor, id, input)) }),
      answer: intent({ form: monitoringAnswerForm, run: async ({ app, actor, id }, input) => void (await s.answerMonitoringQuestion(app.db, app.clock, actor, id, input.questionId, input.answer)) }),
      report: intent({ form: rectificationForm, run: async ({ app, actor, id, bytes }, input) => void (await s.reportRectification(app.db, app.clock, actor, id, input.report, bytes)) }),
    },
  })

export default function MonitoringPage() {
  const { m, number, title: subject, partyZh, partyEn, partyKind, partyUscc, questions, origins, party, office, today, overdue } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const error = failed(reply)
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={office ? '/office/monitoring' : '/monitoring'}>{t(office ? 'mon.officeTitle' : 'mon.publicTitle')}</Link>
      </p>
      <h1>
        {t('mon.title')} <MonitoringStatus status={m.status} />
      </h1>
      <p className="lead">{m.procurementId ? <Link to={`/procurements/${m.procurementId}`}>{`${number ?? ''} ${subject ?? ''}`}</Link> : en ? partyEn : partyZh}</p>
      {reply?.ok ? (
        <p className="alert ok" role="status">
          {t(`mon.done.${reply.intent}` as MessageKey)}
        </p>
      ) : null}
      {error && error.formError !== 'errors.form' ? <FormError error={error.formError} /> : null}
      <DefinitionList
        items={[
          [t('mon.party'), en ? partyEn : partyZh],
          [t('mon.reason'), t(`mon.reason.${m.reason}` as MessageKey)],
          [t('mon.openedAt'), formatDateTime(m.openedAt, locale)],
        ]}
      />
      <blockquote>{m.reasonNote}</blockquote>
      <Questions questions={questions} party={party && m.status === 'open'} reply={reply} />
      <Outcome m={m} />
      {party && m.status === 'rectifying' && !overdue ? <RectificationForm reply={reply} by={formatDateTime(m.rectifyBy!, locale)} /> : null}
      {office ? <OfficeSteps status={m.status} overdue={overdue} agency={partyKind === 'agency'} uscc={partyUscc} today={today} reply={reply} /> : null}
      {office && origins.length ? (
        <section className="card" aria-labelledby="origins-title">
          <h2 id="origins-title">{t('mon.origins')}</h2>
          <p className="hint">{t('mon.originsHint')}</p>
          <TableWrap label={t('mon.origins')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('mon.bidder')}</th>
                  <th scope="col">{t('mon.ip')}</th>
                  <th scope="col">{t('mon.device')}</th>
                </tr>
              </thead>
              <tbody>
                {origins.map((o) => (
                  <tr key={o.bidId}>
                    <th scope="row">{en ? o.nameEn : o.nameZh}</th>
                    <td className="mono">{o.clientIp ?? '—'}</td>
                    <td className="mono">{o.deviceId ? o.deviceId.slice(0, 8) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
