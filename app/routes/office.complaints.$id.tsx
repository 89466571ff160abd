import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { ComplaintFacts, ObjectionFacts } from '~/components/complaint'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Choices, FormError, Select, TextArea } from '~/components/field'
import { complaintDecisionForm, complaintReviewForm } from '~/forms/complaints'
import type { MessageKey } from '~/i18n'
import { failed, type ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { complaintDetail, decideComplaint, reviewComplaint } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['cmp', 'obj', 'proc', 'time', 'viol'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'cmp.complaint')

/** One complaint for the office: the objection and the owner's answer, the arguments and evidence, then its review or its decision. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:complaint:any')
  const { db } = await getApp()
  const found = await complaintDetail(db, params.id ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  return found
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:complaint:any',
    intents: {
      review: intent({ form: complaintReviewForm, run: async ({ app, actor, id }, input) => void (await reviewComplaint(app.db, app.clock, actor, id, input)) }),
      decide: intent({ form: complaintDecisionForm, run: async ({ app, actor, id }, input) => void (await decideComplaint(app.db, app.clock, app.queue, actor, id, input)) }),
    },
  })

export default function OfficeComplaint() {
  const { c, o, number, title: procurementTitle, procurementStatus, agencyZh, agencyEn, evidence, remediesAllowed } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const error = failed(reply)
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/office/complaints">{t('cmp.officeTitle')}</Link> · <Link to={`/procurements/${c.procurementId}`}>{number}</Link>
      </p>
      <h1>{t('cmp.complaint')}</h1>
      <p className="lead">
        {procurementTitle} · {locale === 'en' ? agencyEn : agencyZh}
      </p>
      <p>
        {t('cmp.procurementNow', { status: t(`proc.status.${procurementStatus}` as MessageKey) })} ·{' '}
        <Link to={`/office/monitoring/new?procurement=${c.procurementId}&reason=complaint&source=${c.id}`}>{t('cmp.openMonitoring')}</Link>
      </p>
      {reply?.ok ? (
        <p className="alert ok" role="status">
          {t(`cmp.done.${reply.intent}` as MessageKey)}
        </p>
      ) : null}
      {error && error.formError !== 'errors.form' ? <FormError error={error.formError} /> : null}
      <ComplaintFacts c={c} evidence={evidence} />
      <ObjectionFacts o={o} />
      {c.status === 'pending' ? (
        <section className="card" aria-labelledby="review-title">
          <h2 id="review-title">{t('cmp.reviewTitle')}</h2>
          <CheckedForm spec={complaintReviewForm} id="review" intent="review" reply={reply}>
            {(e, v) => (
              <>
                <Choices name="review" legend="cmp.reviewLabel" options={[['accepted', 'cmp.accept'], ['invalid', 'cmp.invalid']]} checked={v.review} error={e.review} block />
                <TextArea label="cmp.reviewNote" name="note" maxLength={1000} rows={2} defaultValue={v.note} error={e.note} hint="cmp.reviewNoteHint" />
                <button type="submit" className="button" disabled={busy}>
                  {t('cmp.review')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
      {c.status === 'accepted' ? (
        <section className="card" aria-labelledby="decide-title">
          <h2 id="decide-title">{t('cmp.decideTitle')}</h2>
          <CheckedForm spec={complaintDecisionForm} id="decide" intent="decide" reply={reply}>
            {(e, v, params) => (
              <>
                <Choices name="outcome" legend="cmp.outcomeLabel" options={[['upheld', 'cmp.uphold'], ['dismissed', 'cmp.dismiss']]} checked={v.outcome} error={e.outcome} block />
                <Select label="cmp.remedyOrdered" name="remedy" defaultValue={v.remedy ?? (remediesAllowed.includes(c.remedy as never) ? c.remedy : '')} error={e.remedy} errorParams={params} hint="cmp.remedyOrderedHint">
                  <option value="">{t('cmp.choose')}</option>
                  {(['amend_terms', 'cancel', 'rerun_next', 're_announce'] as const).map((r) => (
                    <option key={r} value={r}>
                      {t(`cmp.remedy.${r}`)}
                      {remediesAllowed.includes(r) ? '' : ` ${t('cmp.notNow')}`}
                    </option>
                  ))}
                </Select>
                <TextArea label="cmp.decision" name="decision" required maxLength={5000} rows={5} defaultValue={v.decision} error={e.decision} errorParams={params} />
                <button type="submit" className="button" disabled={busy}>
                  {t('cmp.decide')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
