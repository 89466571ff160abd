import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError } from '~/components/field'
import { HOME_BY_KIND } from '~/components/layout'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { getSession, sessionCookie, sessionPolicy, sessionToken } from '~/utils/auth.server'
import { fieldErrors, type FieldErrors } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { assertSameOrigin, clientIp, safeRedirect, userAgent, readForm } from '~/utils/request.server'
import { getLocale } from '~/utils/i18n.server'
import { rememberLocale, signIn, signInSchema, DomainError } from '~/utils/services.server'

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.signInTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request)
  if (session) throw redirect(HOME_BY_KIND[session.org.kind])
  const url = new URL(request.url)
  return {
    redirectTo: safeRedirect(url.searchParams.get('redirectTo'), ''),
    notice: url.searchParams.has('signedOut') ? ('auth.signedOut' as const) : url.searchParams.has('expired') ? ('auth.sessionExpired' as const) : null,
  }
}

type ActionData = { errors: FieldErrors; formError?: MessageKey; email?: string }

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = await readForm(request)
  const parsed = signInSchema.safeParse(Object.fromEntries(form))
  const email = String(form.get('email') ?? '')
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error), email } satisfies ActionData, { status: 400 })
  const { db, clock } = await getApp()
  const policy = await sessionPolicy()
  try {
    const result = await signIn(db, clock, parsed.data, { ip: clientIp(request), userAgent: userAgent(request), previousToken: sessionToken(request) }, policy)
    if (!result.ok) return Response.json({ errors: {}, formError: result.error as MessageKey, email } satisfies ActionData, { status: 400 })
    await rememberLocale(db, result.user.id, getLocale(request))
    const to = safeRedirect(form.get('redirectTo'), '/home')
    return redirect(to, { headers: { 'set-cookie': await sessionCookie(result.token, Math.floor(policy.absoluteMs / 1000)) } })
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ errors: {}, formError: error.code as MessageKey, email } satisfies ActionData, { status: 400 })
    throw error
  }
}

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
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
      <FormError error={data?.formError} />
      <Form method="post" className="card form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="auth.email" name="email" type="email" autoComplete="username" required defaultValue={data?.email} error={data?.errors.email} />
        <Field label="auth.password" name="password" type="password" autoComplete="current-password" required error={data?.errors.password} />
        <button type="submit" className="button" disabled={busy}>
          {t('auth.submitSignIn')}
        </button>
      </Form>
      <p>
        {t('auth.noAccount')} <Link to="/signup">{t('nav.signUp')}</Link>
      </p>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
