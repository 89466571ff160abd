import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ProcurementForm } from '~/components/procurement-form'
import { sentValues, type ActionReply } from '~/utils/action-reply'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { draftValues, procurementFormContext, saveDraftAction } from '~/utils/procurement-form.server'
import { ownerProcurement } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['auth', 'method', 'own', 'proc', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'own.editTitle')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:procurement:own')
  const { db } = await getApp()
  const found = await ownerProcurement(db, session.org.id, params.id ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  // Only a draft is edited here; published terms change through an amendment.
  if (found.p.status !== 'draft') throw redirect(`/owner/procurements/${found.p.id}`)
  return { ...(await procurementFormContext(db)), id: found.p.id, values: draftValues(found.p, found.items.map((i) => i.code), found.directAgency?.uscc ?? null) }
}

export const action = (args: ActionFunctionArgs) => saveDraftAction(args, args.params.id)

export default function EditProcurement() {
  const { id: _id, values, ...context } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const t = useT()
  return (
    <div className="page narrow">
      <p className="eyebrow">{t('role.owner')}</p>
      <h1>{t('own.editTitle')}</h1>
      <ProcurementForm {...context} values={sentValues(data) ?? values} reply={data} submitLabel="own.saveDraft" />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
