import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { RegionSelect } from '~/components/region-select'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError } from '~/components/field'
import { HOME_BY_KIND } from '~/components/layout'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { getSession, sessionCookie, sessionPolicy } from '~/utils/auth.server'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { assertSameOrigin, clientIp, userAgent, readForm } from '~/utils/request.server'
import { signIn, signUp, signUpSchema, regionTree, DomainError } from '~/utils/services.server'

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.signUpTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request)
  if (session) throw redirect(HOME_BY_KIND[session.org.kind])
  const { db } = await getApp()
  return { regions: await regionTree(db) }
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; formError?: MessageKey }

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = await readForm(request)
  const values = formValues(form)
  delete values.password // never echoed back into the page
  const fail = (errors: FieldErrors) => Response.json({ errors, values, formError: 'errors.form' } satisfies ActionData, { status: 400 })
  const parsed = signUpSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return fail(fieldErrors(parsed.error))
  const { db, clock } = await getApp()
  const meta = { ip: clientIp(request), userAgent: userAgent(request) }
  try {
    await signUp(db, clock, parsed.data, meta)
  } catch (error) {
    if (error instanceof DomainError) return fail({ [error.field ?? 'form']: error.code as MessageKey })
    throw error
  }
  const policy = await sessionPolicy()
  const result = await signIn(db, clock, { email: parsed.data.email, password: parsed.data.password }, meta, policy)
  if (!result.ok) return redirect('/login')
  return redirect(HOME_BY_KIND[parsed.data.orgKind], {
    headers: { 'set-cookie': await sessionCookie(result.token, Math.floor(policy.absoluteMs / 1000)) },
  })
}

export default function SignUp() {
  const { regions } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const v = data?.values ?? {}
  const e = data?.errors ?? {}
  return (
    <div className="page narrow">
      <h1>{t('auth.signUpTitle')}</h1>
      <p className="lead">{t('auth.signUpIntro')}</p>
      <FormError error={data?.formError} />
      <Form method="post" className="card form" noValidate>
        <fieldset>
          <legend>{t('auth.orgSection')}</legend>
          <fieldset className={`choices${e.orgKind ? ' has-error' : ''}`} aria-describedby={e.orgKind ? 'orgKind-error' : undefined}>
            <legend>{t('auth.orgKind')}</legend>
            {(['owner', 'agency'] as const).map((kind) => (
              <label key={kind} className="choice">
                <input type="radio" name="orgKind" value={kind} defaultChecked={(v.orgKind ?? 'owner') === kind} /> {t(`role.${kind}`)}
              </label>
            ))}
            {e.orgKind ? <p className="error" id="orgKind-error">{t(e.orgKind)}</p> : null}
          </fieldset>
          <Field label="auth.orgNameZh" name="orgNameZh" required maxLength={100} defaultValue={v.orgNameZh} error={e.orgNameZh} />
          <Field label="auth.orgNameEn" name="orgNameEn" maxLength={160} defaultValue={v.orgNameEn} error={e.orgNameEn} />
          <Field label="auth.uscc" name="uscc" required maxLength={18} autoCapitalize="characters" spellCheck={false} className="mono" hint="auth.usccHint" defaultValue={v.uscc} error={e.uscc} />
          <RegionSelect regions={regions} defaultValue={v.regionCode} error={e.regionCode} />
          <Field label="auth.address" name="address" maxLength={200} defaultValue={v.address} error={e.address} />
          <Field label="auth.contactName" name="contactName" required maxLength={40} defaultValue={v.contactName} error={e.contactName} />
          <Field label="auth.contactPhone" name="contactPhone" required type="tel" autoComplete="tel" defaultValue={v.contactPhone} error={e.contactPhone} />
        </fieldset>
        <fieldset>
          <legend>{t('auth.accountSection')}</legend>
          <Field label="auth.displayName" name="displayName" required maxLength={60} autoComplete="name" defaultValue={v.displayName} error={e.displayName} />
          <Field label="auth.email" name="email" type="email" required autoComplete="email" defaultValue={v.email} error={e.email} />
          <Field label="auth.password" name="password" type="password" required autoComplete="new-password" hint="auth.passwordHint" error={e.password} />
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {t('auth.submitSignUp')}
        </button>
      </Form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('nav.signIn')}</Link>
      </p>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
