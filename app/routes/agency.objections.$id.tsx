import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { ComplaintFacts, ObjectionFacts } from '~/components/complaint'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, Select, TextArea } from '~/components/field'
import { verdictForm } from '~/forms/agency'
import { complaintForm } from '~/forms/complaints'
import type { MessageKey } from '~/i18n'
import { failed, type ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { complaintDetail, complaintOfObjection, escalationProblem, fileComplaint, judgeObjection, objectionOfAgency, withdrawComplaint } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'
import { REMEDIES } from '../../services/procurement/talk-input'

export const handle: PageHandle = { i18n: ['cmp', 'obj', 'time', 'viol'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'cmp.objection')

/** One of the agency's objections: the owner's answer, its verdict on it, and the complaint it may become. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:bid:own')
  const { db, clock } = await getApp()
  const o = await objectionOfAgency(db, session.org.id, params.id ?? '')
  if (!o) throw new Response('Not found', { status: 404 })
  const filed = await complaintOfObjection(db, o.id)
  const complaint = filed ? await complaintDetail(db, filed.id) : null
  const { p, ...objection } = o
  return {
    objection,
    procurement: { id: p.id, number: p.number, title: p.title },
    complaint: complaint ? { ...complaint.c, evidence: complaint.evidence } : null,
    mayJudge: o.status === 'answered' && !filed,
    mayComplain: !filed && !escalationProblem(o, clock.now()),
  }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'create:bid:own',
    upload: 'evidence',
    intents: {
      judge: intent({ form: verdictForm, run: async ({ app, actor, id }, input) => void (await judgeObjection(app.db, app.clock, actor, id, input.verdict)) }),
      complain: intent({ form: complaintForm, run: async ({ app, actor, id, bytes }, input) => void (await fileComplaint(app.db, app.clock, actor, id, input, bytes)) }),
      withdraw: intent({ run: async ({ app, actor, values }) => void (await withdrawComplaint(app.db, app.clock, actor, values.complaintId ?? '')) }),
    },
  })

export default function AgencyObjection() {
  const { objection: o, procurement, complaint, mayJudge, mayComplain } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const error = failed(reply)
  const [search] = useSearchParams()
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/agency/objections">{t('cmp.myTitle')}</Link> · <Link to={`/agency/bids/${procurement.id}`}>{procurement.number}</Link>
      </p>
      <h1>{t('cmp.objection')}</h1>
      <p className="lead">{procurement.title}</p>
      {reply?.ok || search.get('sent') ? (
        <p className="alert ok" role="status">
          {t(reply?.ok ? (`cmp.done.${reply.intent}` as MessageKey) : 'cmp.sent')}
        </p>
      ) : null}
      {error && error.formError !== 'errors.form' ? <FormError error={error.formError} /> : null}
      {o.status === 'draft' ? (
        <p className="alert info">
          {t('cmp.isDraft')} <Link to={`/agency/objections/new?procurement=${procurement.id}`}>{t('cmp.editDraft')}</Link>
        </p>
      ) : null}
      <ObjectionFacts o={o} />
      {mayJudge ? (
        <section className="card" aria-labelledby="judge-title">
          <h2 id="judge-title">{t('cmp.judgeTitle')}</h2>
          <p className="hint">{t('cmp.judgeHint', { by: formatDateTime(o.escalateBy!, locale) })}</p>
          <div className="actions">
            {(['resolved', 'not_resolved'] as const).map((verdict) => (
              <Form key={verdict} method="post">
                <input type="hidden" name="intent" value="judge" />
                <input type="hidden" name="verdict" value={verdict} />
                <button type="submit" className="button secondary" disabled={busy}>
                  {t(verdict === 'resolved' ? 'cmp.resolved' : 'cmp.notResolved')}
                </button>
              </Form>
            ))}
          </div>
        </section>
      ) : null}
      {mayComplain ? (
        <section className="card" aria-labelledby="complain-title">
          <h2 id="complain-title">{t('cmp.fileTitle')}</h2>
          <p className="hint">{t('cmp.fileHint', { by: formatDateTime(o.escalateBy!, locale) })}</p>
          <CheckedForm spec={complaintForm} id="complain" intent="complain" reply={reply} encType="multipart/form-data">
            {(e, v, params) => (
              <>
                <Select label="cmp.remedyAsked" name="remedy" required defaultValue={v.remedy ?? o.remedy ?? ''} error={e.remedy}>
                  <option value="">{t('cmp.choose')}</option>
                  {REMEDIES.map((r) => (
                    <option key={r} value={r}>
                      {t(`cmp.remedy.${r}`)}
                    </option>
                  ))}
                </Select>
                <TextArea label="cmp.arguments" name="arguments" required maxLength={5000} rows={5} defaultValue={v.arguments} error={e.arguments} errorParams={params} hint="cmp.argumentsHint" />
                <Field label="cmp.evidence" name="evidence" type="file" accept="application/pdf,image/jpeg,image/png" error={e.evidence} hint="cmp.evidenceHint" />
                <button type="submit" className="button" disabled={busy}>
                  {t('cmp.file')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
      {complaint ? (
        <>
          <ComplaintFacts c={complaint} evidence={complaint.evidence} />
          {complaint.status === 'pending' || complaint.status === 'accepted' ? (
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="complaintId" value={complaint.id} />
              <button type="submit" className="button secondary" disabled={busy}>
                {t('cmp.withdraw')}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
