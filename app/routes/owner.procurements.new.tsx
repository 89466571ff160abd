import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ProcurementForm } from '~/components/procurement-form'
import { sentValues, type ActionReply } from '~/utils/action-reply'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { procurementFormContext, saveDraftAction } from '~/utils/procurement-form.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['auth', 'method', 'own', 'proc', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'own.newTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:procurement:own')
  const { db } = await getApp()
  // The owner's own contact is the usual contact.
  return { ...(await procurementFormContext(db)), defaults: { contactName: session.org.contactName, contactPhone: session.org.contactPhone } }
}

export const action = (args: ActionFunctionArgs) => saveDraftAction(args)

export default function NewProcurement() {
  const { defaults, ...context } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const t = useT()
  return (
    <div className="page narrow">
      <p className="eyebrow">{t('role.owner')}</p>
      <h1>{t('own.newTitle')}</h1>
      <p className="lead">{t('own.newIntro')}</p>
      <ProcurementForm {...context} values={sentValues(data) ?? defaults} reply={data} submitLabel="own.saveDraft" />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
