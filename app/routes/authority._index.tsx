import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Inbox } from '~/components/inbox'
import { OrgCard } from '~/components/org-card'
import { QualificationTable } from '~/components/qualification-table'
import { loadHome, loadInbox, loadUnread } from '~/utils/dashboard.server'
import { useLocale, useT } from '~/utils/i18n'
import { authorityScope, loadCalendar, pendingQualificationsFor, shanghaiDate, workingDaysBetween } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['agency', 'dash', 'inbox', 'level', 'notify', 'profile', 'qual', 'qualification', 'review', 'time'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, profile, app } = await loadHome(request, 'review:qualification:scoped')
  const [scope, pending, notes, unread, calendar] = await Promise.all([authorityScope(app.db, session.org.id), pendingQualificationsFor(app.db, session.org.id), loadInbox(app.db, session), loadUnread(app.db, session), loadCalendar(app.db)])
  const today = shanghaiDate(app.clock.now())
  // The queue, oldest first: each submission's day, and the working days it has waited since.
  const waiting = Object.fromEntries(pending.map((p) => {
    const day = shanghaiDate(p.qualification.updatedAt)
    return [p.qualification.id, { day, days: workingDaysBetween(calendar, day, today) }]
  }))
  return { name: session.user.displayName, profile, scope, pending, notes, unread, waiting, today }
}

export default function AuthorityHome() {
  const { name, profile, scope, pending, notes, unread, waiting, today } = useLoaderData<typeof loader>()
  const t = useT()
  const en = useLocale() === 'en'
  const [search] = useSearchParams()
  return (
    <div className="page">
      <p className="eyebrow">{t('role.authority')}</p>
      <h1>{t('dash.welcome', { name })}</h1>
      <p className="lead">{t('dash.authorityIntro')}</p>
      {search.has('reviewed') ? <p className="alert ok" role="status">{t('review.done')}</p> : null}
      <section className="card" aria-labelledby="scope-title">
        <h2 id="scope-title">{t('dash.scope')}</h2>
        <ul className="chips">
          {scope.map((c) => (
            <li key={c.id}>
              <span className="tile-code">{c.code}</span> {en ? c.nameEn : c.nameZh}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="pending-title">
        <h2 id="pending-title">{t('dash.pendingReview')}</h2>
        {pending.length ? (
          <QualificationTable rows={pending} today={today} showAgency waiting={waiting} action={(q) => ({ to: `/authority/qualifications/${q.id}`, label: t('review.open') })} />
        ) : (
          <p className="muted">{t('dash.noPending')}</p>
        )}
      </section>
      <Inbox items={notes} unread={unread} />
      <OrgCard profile={profile} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
