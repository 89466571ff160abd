import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Choices, DefinitionList, FormError, TextArea } from '~/components/field'
import { directDecisionForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { decideDirectApproval, openDirectApprovals } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['approvals', 'proc', 'time'] }

/** The market office decides on direct commissions above the limit, each with its reason. */
export const meta: MetaFunction = ({ matches }) => title(matches, 'approvals.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'approve:direct:any')
  const { db } = await getApp()
  const open = await openDirectApprovals(db)
  return {
    open: open.map((r) => ({
      id: r.approval.id, procurementId: r.approval.procurementId, title: r.title, projectName: r.projectName, maxPriceFen: r.approval.maxPriceFen, reason: r.approval.reason,
      requestedAt: r.approval.requestedAt.toISOString(), agencyZh: r.agencyZh, agencyEn: r.agencyEn, agencyUscc: r.agencyUscc,
    })),
  }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'approve:direct:any',
    intents: { decide: intent({ form: directDecisionForm, run: async ({ app, actor }, input) => void (await decideDirectApproval(app.db, app.clock, actor, input)) }) },
  })

export default function OfficeApprovals() {
  const { open } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <div className="page">
      <h1>{t('approvals.title')}</h1>
      <p className="lead">{t('approvals.intro')}</p>
      {data?.ok ? (
        <p className="alert ok" role="status">
          {t('approvals.saved')}
        </p>
      ) : null}
      {open.length === 0 ? <p className="muted">{t('approvals.none')}</p> : null}
      {open.map((a) => {
        const failed = data && !data.ok && data.values.id === a.id ? data : null
        return (
          <section key={a.id} className="card" aria-labelledby={`approval-${a.id}`}>
            {/* A draft awaiting approval has no public page yet: its terms are below. */}
            <h2 id={`approval-${a.id}`}>{a.title}</h2>
            <DefinitionList
              items={[
                [t('proc.projectName'), a.projectName],
                [t('proc.directAgency'), `${en ? a.agencyEn : a.agencyZh} (${a.agencyUscc})`],
                [t('proc.maxPrice'), formatYuan(a.maxPriceFen, locale)],
                [t('proc.directReason'), a.reason],
                [t('approvals.requestedAt'), <DateTime key="r" at={a.requestedAt} />],
              ]}
            />
            <FormError error={failed?.formError === 'errors.form' ? undefined : failed?.formError} />
            <CheckedForm spec={directDecisionForm} id={`decide-${a.id}`} intent="decide" reply={data} owns={(r) => r.values.id === a.id}>
              {(errors, values) => (
                <>
                  <input type="hidden" name="id" value={a.id} />
                  <Choices name="decision" legend="approvals.decide" options={[['approved', 'approvals.approve'], ['rejected', 'approvals.reject']]} checked={values.decision} error={errors.decision} />
                  <TextArea label="approvals.decisionReason" name="reason" required maxLength={1000} rows={3} defaultValue={values.reason} error={errors.reason} />
                  <button type="submit" className="button" disabled={busy}>
                    {t('approvals.submit')}
                  </button>
                </>
              )}
            </CheckedForm>
          </section>
        )
      })}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
