import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { isLocale, LANG_COOKIE } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { getSession } from '~/utils/auth.server'
import { serializeCookie } from '~/utils/cookies.server'
import { rememberLocale } from '~/utils/services.server'
import { assertSameOrigin, safeRedirect, readForm } from '~/utils/request.server'

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = await readForm(request)
  const locale = form.get('locale')
  const to = safeRedirect(form.get('redirectTo'), '/')
  if (!isLocale(locale)) return redirect(to)
  const session = await getSession(request)
  if (session) await rememberLocale((await getApp()).db, session.user.id, locale)
  return redirect(to, { headers: { 'set-cookie': serializeCookie(LANG_COOKIE, locale, { maxAgeSeconds: 365 * 86400, httpOnly: false }) } })
}

export function loader() {
  return redirect('/')
}
