import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { OrgCard } from '~/components/org-card'
import { loadHome, loadInbox, loadUnread } from '~/utils/dashboard.server'
import { Inbox } from '~/components/inbox'
import { TodoList } from '~/components/todo-list'
import { ownerTodos } from '~/utils/services.server'
import { useT } from '~/utils/i18n'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['agency', 'dash', 'inbox', 'notify', 'own', 'profile', 'time', 'todo'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, profile, app } = await loadHome(request, 'create:procurement:own')
  const [todos, notes, unread] = await Promise.all([ownerTodos(app.db, session.org.id, app.clock.now()), loadInbox(app.db, session), loadUnread(app.db, session)])
  return { name: session.user.displayName, profile, todos, notes, unread }
}

export default function OwnerHome() {
  const { name, profile, todos, notes, unread } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <p className="eyebrow">{t('role.owner')}</p>
      <h1>{t('dash.welcome', { name })}</h1>
      <p className="lead">{t('dash.ownerIntro')}</p>
      <p className="actions">
        <Link to="/owner/procurements" className="button">{t('own.title')}</Link>
        <Link to="/owner/procurements/new" className="button secondary">{t('own.new')}</Link>
        <Link to="/catalog" className="button secondary">{t('nav.catalog')}</Link>
        <Link to="/calendar" className="button secondary">{t('nav.calendar')}</Link>
      </p>
      <TodoList items={todos} />
      <Inbox items={notes} unread={unread} />
      <OrgCard profile={profile} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
