import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError, Select, TextArea } from '~/components/field'
import { objectionForm } from '~/forms/agency'
import { failed, type ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { objectionMattersOpen, objectionsOf, publicProcurement, raiseObjection } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'
import { REMEDIES, VIOLATION_TYPES } from '../../services/procurement/talk-input'

export const handle: PageHandle = { i18n: ['cmp', 'obj', 'viol'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'obj.new')

const procurementOf = (request: Request) => new URL(request.url).searchParams.get('procurement') ?? ''

/** An objection to the owner on a matter still open to the agency: saved as its draft, or sent. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:bid:own')
  const { db, clock } = await getApp()
  const found = await publicProcurement(db, procurementOf(request))
  if (!found || (found.p.method === 'direct' && found.p.directAgencyId !== session.org.id)) throw new Response('Not found', { status: 404 })
  const { p } = found
  const draft = (await objectionsOf(db, p.id, { orgId: session.org.id, owner: false })).find((o) => o.status === 'draft') ?? null
  return { procurement: { id: p.id, number: p.number, title: p.title }, matters: await objectionMattersOpen(db, p, session.org.id, clock.now()), draft }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'create:bid:own',
    intents: {
      object: intent({
        form: objectionForm,
        run: async ({ app, actor, request }, input) => {
          const o = await raiseObjection(app.db, app.clock, actor, procurementOf(request), input)
          return o.status === 'draft' ? { params: { draft: 1 } } : redirect(`/agency/objections/${o.id}?sent=1`)
        },
      }),
    },
  })

export default function NewObjection() {
  const { procurement, matters, draft } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const error = failed(reply)
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/agency/bids/${procurement.id}`}>{procurement.number}</Link>
      </p>
      <h1>{t('obj.new')}</h1>
      <p className="lead">{procurement.title}</p>
      {reply?.ok ? (
        <p className="alert ok" role="status">
          {t('cmp.done.objectDraft')}
        </p>
      ) : null}
      {error && error.formError !== 'errors.form' ? <FormError error={error.formError} /> : null}
      <p className="hint">{t('cmp.hint')}</p>
      {matters.length ? (
        <CheckedForm spec={objectionForm} id="object" intent="object" reply={reply} className="form card">
          {(errors, values, params) => (
            <>
              {draft && !reply?.ok ? <p className="alert info">{t('cmp.draftKept')}</p> : null}
              <Select label="cmp.matterLabel" name="matter" required defaultValue={values.matter ?? draft?.matter ?? matters[0]} error={errors.matter} errorParams={params}>
                {matters.map((m) => (
                  <option key={m} value={m}>
                    {t(`obj.matter.${m}`)}
                  </option>
                ))}
              </Select>
              <Select label="cmp.violationLabel" name="violation" required defaultValue={values.violation ?? draft?.violation ?? ''} error={errors.violation}>
                <option value="">{t('cmp.choose')}</option>
                {VIOLATION_TYPES.map((v) => (
                  <option key={v} value={v}>
                    {t(`viol.${v}`)}
                  </option>
                ))}
              </Select>
              <Select label="cmp.remedyLabel" name="remedy" defaultValue={values.remedy ?? draft?.remedy ?? ''} error={errors.remedy} hint="cmp.remedyHint">
                <option value="">{t('cmp.noRemedy')}</option>
                {REMEDIES.map((r) => (
                  <option key={r} value={r}>
                    {t(`cmp.remedy.${r}`)}
                  </option>
                ))}
              </Select>
              <TextArea label="cmp.text" name="text" maxLength={2000} rows={5} required defaultValue={values.text ?? draft?.text} error={errors.text} errorParams={params} />
              <p className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t('cmp.raise')}
                </button>
                <button type="submit" name="draft" value="1" className="button secondary" disabled={busy}>
                  {t('cmp.saveDraft')}
                </button>
              </p>
            </>
          )}
        </CheckedForm>
      ) : (
        <p className="alert info">{t('cmp.nothingOpen')}</p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
