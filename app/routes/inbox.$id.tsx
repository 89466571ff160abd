import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { requireSession } from '~/utils/auth.server'
import { safeRedirect } from '~/utils/request.server'
import { readMessage } from '~/utils/services.server'

/** Opens a message: marks it read for this user, then goes to its subject (or back to the inbox). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request)
  const app = await getApp()
  const message = await readMessage(app.db, app.clock, { id: session.user.id, orgId: session.org.id }, params.id ?? '')
  if (!message) throw new Response('Not found', { status: 404 })
  return redirect(message.link ? safeRedirect(message.link, '/inbox') : '/inbox')
}

export default function OpenMessage() {
  return null
}

export const ErrorBoundary = GeneralErrorBoundary
