import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field } from '~/components/field'
import { HOME_BY_KIND } from '~/components/layout'
import { signInForm } from '~/forms/office'
import type { MessageKey } from '~/i18n'
import { getSession, sessionCookie, sessionPolicy, sessionToken } from '~/utils/auth.server'
import type { ActionReply } from '~/utils/action-reply'
import { runPublicForm } from '~/utils/action.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { clientIp, safeRedirect, userAgent } from '~/utils/request.server'
import { getLocale } from '~/utils/i18n.server'
import { rememberLocale, signIn } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['auth'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.signInTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request)
  if (session) throw redirect(HOME_BY_KIND[session.org.kind])
  const url = new URL(request.url)
  return {
    redirectTo: safeRedirect(url.searchParams.get('redirectTo'), ''),
    // Why the sign-in page is here: signed out, a session that ran out, or a page that needs signing in.
    notice: url.searchParams.has('signedOut') ? ('auth.signedOut' as const) : url.searchParams.has('expired') ? ('auth.sessionExpired' as const) : url.searchParams.get('redirectTo') ? ('auth.signInToContinue' as const) : null,
  }
}

export const action = (args: ActionFunctionArgs) =>
  runPublicForm(args, {
    form: signInForm,
    secret: ['password'],
    run: async ({ request, app, form }, input) => {
      const policy = await sessionPolicy()
      const result = await signIn(app.db, app.clock, input, { ip: clientIp(request), userAgent: userAgent(request), previousToken: sessionToken(request) }, policy)
      if (!result.ok) return { formError: result.error as MessageKey }
      await rememberLocale(app.db, result.user.id, getLocale(request))
      return redirect(safeRedirect(form.get('redirectTo'), '/home'), { headers: { 'set-cookie': await sessionCookie(result.token, Math.floor(policy.absoluteMs / 1000)) } })
    },
  })

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  return (
    <div className="page narrow">
      <h1>{t('auth.signInTitle')}</h1>
      <p className="lead">{t('auth.signInIntro')}</p>
      {notice ? (
        <div className="alert info" role="status">
          {t(notice)}
        </div>
      ) : null}
      <CheckedForm spec={signInForm} id="login" intent="" reply={data} ownFailures className="card form">
        {(errors, values) => (
          <>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field label="auth.email" name="email" type="email" autoComplete="username" required defaultValue={values.email} error={errors.email} />
            <Field label="auth.password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
            <button type="submit" className="button" disabled={busy}>
              {t('auth.submitSignIn')}
            </button>
          </>
        )}
      </CheckedForm>
      <p>
        {t('auth.noAccount')} <Link to="/signup">{t('nav.signUp')}</Link>
      </p>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
