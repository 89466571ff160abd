import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Inbox } from '~/components/inbox'
import { OrgCard } from '~/components/org-card'
import { QualificationTable } from '~/components/qualification-table'
import { loadHome } from '~/utils/dashboard.server'
import { useT } from '~/utils/i18n'
import { inbox, shanghaiDate, qualificationsOf } from '~/utils/services.server'
import { allowedActions } from '../../services/agencies/qualification-state'

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, profile, app } = await loadHome(request, 'create:bid:own')
  const [qualifications, notes] = await Promise.all([qualificationsOf(app.db, session.org.id), inbox(app.db, { id: session.user.id, orgId: session.org.id })])
  return {
    name: session.user.displayName,
    profile,
    qualifications,
    today: shanghaiDate(app.clock.now()),
    notes: notes.map((n) => ({ id: n.id, kind: n.kind, params: n.params as Record<string, string | number>, createdAt: n.createdAt.toISOString() })),
  }
}

export default function AgencyHome() {
  const { name, profile, qualifications, today, notes } = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('dash.welcome', { name })}</h1>
      <p className="lead">{t('dash.agencyIntro')}</p>
      {search.has('submitted') ? <p className="alert ok" role="status">{t('qual.submitted')}</p> : null}
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
          <Link to="/agency/services" className="button secondary">{t('svc.nav')}</Link>
        </p>
      </section>
      <Inbox items={notes} />
      <OrgCard profile={profile} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
