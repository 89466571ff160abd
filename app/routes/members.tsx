import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, Select } from '~/components/field'
import { MembersTable } from '~/components/members-table'
import { inviteForm, memberRoleForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { getLocale } from '~/utils/i18n.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { inviteMember, membersOf, removeMember, revokeInvitation, setMemberRole } from '~/utils/services.server'
import { ROLES_BY_KIND } from '../../services/auth/members-input'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['members', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'members.title')

/** The admin's page of its organization's members: invite by email, set roles, remove, withdraw an invitation. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'manage:members:own')
  const { db, clock } = await getApp()
  const { members, pending } = await membersOf(db, session.org.id, clock.now())
  return { me: session.user.id, kind: session.org.kind, members, pending }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'manage:members:own',
    intents: {
      invite: intent({ form: inviteForm, run: async ({ app, actor, request }, input) => void (await inviteMember(app.db, app.clock, actor, input, getLocale(request))) }),
      role: intent({ form: memberRoleForm, run: async ({ app, actor }, input) => void (await setMemberRole(app.db, app.clock, actor, input)) }),
      remove: intent({ run: async ({ app, actor, values }) => void (await removeMember(app.db, app.clock, actor, values.userId ?? '')) }),
      revoke: intent({ run: async ({ app, actor, values }) => void (await revokeInvitation(app.db, app.clock, actor, values.id ?? '')) }),
    },
  })

export default function Members() {
  const { me, kind, members, pending } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const roles = ROLES_BY_KIND[kind]
  const failed = reply && !reply.ok && (reply.intent === 'remove' || reply.intent === 'revoke' || reply.intent === 'role') ? reply.formError : undefined
  return (
    <div className="page">
      <h1>{t('members.title')}</h1>
      <p className="lead">{t(`members.intro.${kind}`)}</p>
      {reply?.ok ? (
        <p className="alert ok" role="status">
          {t(`members.done.${reply.intent as 'invite' | 'role' | 'remove' | 'revoke'}`)}
        </p>
      ) : null}
      {failed && failed !== 'errors.form' ? (
        <p className="alert error" role="alert">
          {t(failed)}
        </p>
      ) : null}
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t('members.current')}</h2>
        <MembersTable members={members} roles={roles} me={me} busy={busy} />
      </section>
      {pending.length ? (
        <section className="card" aria-labelledby="pending-title">
          <h2 id="pending-title">{t('members.pending')}</h2>
          <ul className="records">
            {pending.map((p) => (
              <li key={p.id}>
                <strong>{p.displayName}</strong> <span className="mono">{p.email}</span> <span className="badge">{t(`role.${p.role}`)}</span>
                <div className="sub muted">{t('members.expires', { at: formatDateTime(p.expiresAt, locale) })}</div>
                <Form method="post">
                  <input type="hidden" name="id" value={p.id} />
                  <button type="submit" name="intent" value="revoke" className="button secondary small" disabled={busy}>
                    {t('members.revoke')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('members.invite')}</h2>
        <p className="hint">{t('members.inviteHint')}</p>
        <CheckedForm spec={inviteForm} id="invite" intent="invite" reply={reply} ownFailures>
          {(e, v) => (
            <>
              <div className="grid two">
                <Field label="members.email" name="email" type="email" autoComplete="off" required defaultValue={v.email} error={e.email} />
                <Field label="members.name" name="displayName" required maxLength={60} defaultValue={v.displayName} error={e.displayName} />
              </div>
              <Select label="members.role" name="role" defaultValue={v.role ?? roles[1]} error={e.role}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </Select>
              <button type="submit" className="button" disabled={busy}>
                {t('members.send')}
              </button>
            </>
          )}
        </CheckedForm>
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
