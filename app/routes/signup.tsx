import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { RegionSelect } from '~/components/region-select'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Choices, Field } from '~/components/field'
import { HOME_BY_KIND } from '~/components/layout'
import { signUpForm } from '~/forms/office'
import { getApp } from '~/utils/app.server'
import { getSession, sessionCookie, sessionPolicy } from '~/utils/auth.server'
import type { ActionReply } from '~/utils/action-reply'
import { runPublicForm } from '~/utils/action.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { clientIp, userAgent } from '~/utils/request.server'
import { regionTree, signIn, signUp } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['auth'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.signUpTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request)
  if (session) throw redirect(HOME_BY_KIND[session.org.kind])
  const { db } = await getApp()
  return { regions: await regionTree(db) }
}

export const action = (args: ActionFunctionArgs) =>
  runPublicForm(args, {
    form: signUpForm,
    secret: ['password'],
    run: async ({ request, app }, input) => {
      const meta = { ip: clientIp(request), userAgent: userAgent(request) }
      await signUp(app.db, app.clock, input, meta)
      const policy = await sessionPolicy()
      const result = await signIn(app.db, app.clock, { email: input.email, password: input.password }, meta, policy)
      if (!result.ok) return redirect('/login')
      return redirect(HOME_BY_KIND[input.orgKind], { headers: { 'set-cookie': await sessionCookie(result.token, Math.floor(policy.absoluteMs / 1000)) } })
    },
  })

export default function SignUp() {
  const { regions } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  return (
    <div className="page narrow">
      <h1>{t('auth.signUpTitle')}</h1>
      <p className="lead">{t('auth.signUpIntro')}</p>
      <CheckedForm spec={signUpForm} id="signup" intent="" reply={data} ownFailures className="card form">
        {(e, v) => (
          <>
        <fieldset>
          <legend>{t('auth.orgSection')}</legend>
          <Choices name="orgKind" legend="auth.orgKind" options={[['owner', 'role.owner'], ['agency', 'role.agency']]} checked={v.orgKind ?? 'owner'} error={e.orgKind} />
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
          </>
        )}
      </CheckedForm>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('nav.signIn')}</Link>
      </p>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
