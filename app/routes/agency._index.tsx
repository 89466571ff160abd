import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Inbox } from '~/components/inbox'
import { OrgCard } from '~/components/org-card'
import { QualificationTable } from '~/components/qualification-table'
import { loadHome, loadInbox, loadUnread } from '~/utils/dashboard.server'
import { TodoList } from '~/components/todo-list'
import { useCan, useT } from '~/utils/i18n'
import { admissionOf, agencyTodos, openToBidder, shanghaiDate, qualificationsOf } from '~/utils/services.server'
import { allowedActions } from '../../services/agencies/qualification-state'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['admission', 'agency', 'bids', 'dash', 'inbox', 'level', 'notify', 'prac', 'profile', 'qual', 'qualification', 'review', 'svc', 'time', 'todo'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, profile, app } = await loadHome(request, 'create:bid:own')
  const today = shanghaiDate(app.clock.now())
  const now = app.clock.now()
  const [qualifications, notes, unread, admission, todos, open] = await Promise.all([
    qualificationsOf(app.db, session.org.id),
    loadInbox(app.db, session),
    loadUnread(app.db, session),
    admissionOf(app.db, session.org.id, today),
    agencyTodos(app.db, session.org.id, now),
    openToBidder(app.db, session.org.id, now, today),
  ])
  return {
    admission: { state: admission!.state, current: admission!.current, missing: admission!.missing },
    name: session.user.displayName,
    profile,
    qualifications,
    today,
    notes,
    unread,
    todos,
    openToBid: open.length,
  }
}

export default function AgencyHome() {
  const { name, profile, qualifications, today, notes, unread, admission, todos, openToBid } = useLoaderData<typeof loader>()
  const isAdmin = useCan('update:organization:own')
  const t = useT()
  const [search] = useSearchParams()
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('dash.welcome', { name })}</h1>
      <p className="lead">{t('dash.agencyIntro')}</p>
      {search.has('submitted') ? <p className="alert ok" role="status">{t('qual.submitted')}</p> : null}
      {search.get('saved') === 'admission' ? <p className="alert ok" role="status">{t('admission.done')}</p> : null}
      {search.get('saved') === 'profile' ? <p className="alert ok" role="status">{t('profile.saved')}</p> : null}
      <TodoList
        items={todos}
        extra={
          openToBid ? (
            <p>
              <Link to="/procurements?status=published&eligible=me&sort=deadline">{t('todo.openToBid', { n: openToBid })}</Link>
            </p>
          ) : null
        }
      />
      <Inbox items={notes} unread={unread} />
      <section className={`card admission admission-${admission.state}`} aria-labelledby="adm-title">
        <h2 id="adm-title">
          {t('admission.state')}: <span className={`badge admission-${admission.state}`}>{t(`admission.state.${admission.state}`)}</span>
        </h2>
        <p>{t(`admission.explain.${admission.state}`)}</p>
        {isAdmin && (admission.state === 'draft' || !admission.current) ? (
          <p>
            <Link to="/agency/admission" className="button">
              {t(admission.state === 'draft' ? 'admission.go' : 'admission.recommit')}
            </Link>
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="q-title">
        <h2 id="q-title">{t('dash.qualifications')}</h2>
        {qualifications.length ? (
          <QualificationTable
            rows={qualifications}
            today={today}
            action={(q) => (allowedActions('agency', q.status).includes('resubmit') ? { to: `/agency/qualifications/${q.id}`, label: t('qual.fix') } : null)}
          />
        ) : (
          <p className="muted">{t('dash.noQualifications')}</p>
        )}
        <p>
          <Link to="/agency/qualifications/new" className="button secondary">{t('qual.add')}</Link>{' '}
          <Link to="/agency/services" className="button secondary">{t('svc.nav')}</Link>{' '}
          <Link to="/agency/practitioners" className="button secondary">{t('prac.nav')}</Link>{' '}
          <Link to="/agency/bids" className="button secondary">{t('bids.title')}</Link>
        </p>
      </section>
      <OrgCard profile={profile} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
