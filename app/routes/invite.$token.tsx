import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList, Field } from '~/components/field'
import { acceptInviteForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { runPublicForm } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { sessionCookie, sessionPolicy } from '~/utils/auth.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'
import { acceptInvitation, invitationByToken } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['auth', 'members'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'members.acceptTitle')

/** An invitation's link: who invites, to which role; the invitee chooses a password and is signed in. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const found = await invitationByToken(db, params.token ?? '', clock.now())
  return found ? { invitation: { email: found.invitation.email, displayName: found.invitation.displayName, role: found.invitation.role, nameZh: found.nameZh, nameEn: found.nameEn } } : { invitation: null }
}

export const action = (args: ActionFunctionArgs) =>
  runPublicForm(args, {
    form: acceptInviteForm,
    secret: ['password'],
    run: async ({ app, request }, input) => {
      const policy = await sessionPolicy()
      const { sessionToken } = await acceptInvitation(app.db, app.clock, args.params.token ?? '', input, { ip: clientIp(request), userAgent: request.headers.get('user-agent') })
      return redirect('/home', { headers: { 'set-cookie': await sessionCookie(sessionToken, Math.floor(policy.absoluteMs / 1000)) } })
    },
  })

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const en = useLocale() === 'en'
  if (!invitation)
    return (
      <div className="page narrow">
        <h1>{t('members.acceptTitle')}</h1>
        <p className="alert error" role="alert">
          {t('errors.invitationGone')}
        </p>
        <p>
          <Link to="/login">{t('members.toSignIn')}</Link>
        </p>
      </div>
    )
  return (
    <div className="page narrow">
      <h1>{t('members.acceptTitle')}</h1>
      <p className="lead">{t('members.acceptIntro', { org: en ? invitation.nameEn : invitation.nameZh })}</p>
      <section className="card" aria-label={t('members.acceptTitle')}>
        <DefinitionList items={[[t('members.name'), invitation.displayName], [t('members.email'), <span className="mono" key="e">{invitation.email}</span>], [t('members.role'), t(`role.${invitation.role}`)]]} />
      </section>
      <CheckedForm spec={acceptInviteForm} id="accept" intent="" reply={reply} ownFailures className="card form">
        {(e) => (
          <>
            <Field label="auth.password" name="password" type="password" autoComplete="new-password" required error={e.password} hint="auth.passwordHint" />
            <button type="submit" className="button" disabled={busy}>
              {t('members.accept')}
            </button>
          </>
        )}
      </CheckedForm>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
