import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { getApp } from '~/utils/app.server'
import { clearSessionCookie, getSession, sessionToken } from '~/utils/auth.server'
import { assertSameOrigin, clientIp } from '~/utils/request.server'
import { signOut } from '~/utils/services.server'

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await getSession(request)
  const token = sessionToken(request)
  if (session && token) {
    const { db, clock } = await getApp()
    await signOut(db, clock, token, { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) })
  }
  return redirect('/login?signedOut=1', { headers: { 'set-cookie': await clearSessionCookie() } })
}

export function loader() {
  return redirect('/')
}
