import { Form } from '@remix-run/react'
import type { UserRole } from '../../db/schema'
import { useT } from '~/utils/i18n'
import { TableWrap } from './field'

/** An organization's members for its admin: each one's role, to change, and a way to remove the others. */
export function MembersTable({ members, roles, me, busy }: { members: Array<{ id: string; displayName: string; email: string; role: UserRole }>; roles: readonly UserRole[]; me: string; busy: boolean }) {
  const t = useT()
  return (
        <TableWrap label={t('members.current')}>
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('members.email')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td data-label={t('members.name')}>{m.displayName}</td>
                  <td data-label={t('members.email')} className="mono">{m.email}</td>
                  <td data-label={t('members.role')}>
                    <Form method="post" className="lift-form">
                      <input type="hidden" name="userId" value={m.id} />
                      <label className="sr-only" htmlFor={`role-${m.id}`}>
                        {t('members.roleOf', { name: m.displayName })}
                      </label>
                      <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                        {roles.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" name="intent" value="role" className="button secondary small" disabled={busy}>
                        {t('members.saveRole')}
                      </button>
                    </Form>
                  </td>
                  <td data-label={t('members.actions')}>
                    {m.id === me ? (
                      <span className="muted sub">{t('members.you')}</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="userId" value={m.id} />
                        <button type="submit" name="intent" value="remove" className="button danger small" disabled={busy}>
                          {t('members.remove')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
  )
}
