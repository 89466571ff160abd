import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { OrgCard } from '~/components/org-card'
import { loadHome } from '~/utils/dashboard.server'
import { useT } from '~/utils/i18n'
import { jobStats, officeOverview, shanghaiDate, yearStatuses } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['agency', 'approvals', 'dash', 'jobs', 'profile', 'rules'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, profile, app } = await loadHome(request, 'read:audit:any')
  const [overview, { years }, jobs] = await Promise.all([officeOverview(app.db, app.clock.now()), yearStatuses(app.db, shanghaiDate(app.clock.now())), jobStats(app.db)])
  return { name: session.user.displayName, profile, overview, years, jobs }
}

export default function OfficeHome() {
  const { name, profile, overview, years, jobs } = useLoaderData<typeof loader>()
  const t = useT()
  const max = Math.max(1, ...overview.kinds.map((k) => k.n))
  return (
    <div className="page">
      <p className="eyebrow">{t('role.market_office')}</p>
      <h1>{t('dash.welcome', { name })}</h1>
      <p className="lead">{t('dash.officeIntro')}</p>
      <div className="grid two">
        <section className="card" aria-labelledby="kinds-title">
          <h2 id="kinds-title">{t('dash.orgsByKind')}</h2>
          <ul className="bars">
            {overview.kinds.map((k) => (
              <li key={k.kind}>
                <span>{t(`role.${k.kind}`)}</span>
                <span className="bar-track" aria-hidden="true">
                  <span className="bar-fill" style={{ width: `${(100 * k.n) / max}%` }} />
                </span>
                <strong>{k.n}</strong>
              </li>
            ))}
          </ul>
          <p className="muted">
            {t('dash.users')}: {overview.users} · {t('dash.activeSessions')}: {overview.sessions}
          </p>
        </section>
        <section className="card" aria-labelledby="years-title">
          <h2 id="years-title">{t('dash.calendarYears')}</h2>
          <ul className="plain">
            {years.map((y) => (
              <li key={y.year}>
                <Link to={`/calendar?year=${y.year}`}>{y.year}</Link> · {y.total} ·{' '}
                <span className={`badge ${y.provisional ? 'warn' : 'ok'}`}>{y.provisional ? t('dash.provisional') : t('dash.official')}</span>
              </li>
            ))}
          </ul>
          <h2>{t('dash.jobs')}</h2>
          <ul className="plain">
            {jobs.map((j) => (
              <li key={`${j.name}-${j.status}`}>
                <span className="mono">{j.name}</span> · {t(`jobs.status.${j.status}`)} · {j.n}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/office/audit">{t('nav.audit')}</Link> · <Link to="/office/jobs">{t('nav.jobs')}</Link> · <Link to="/office/outbox">{t('nav.outbox')}</Link> · <Link to="/office/rules">{t('rules.title')}</Link> · <Link to="/office/approvals">{t('approvals.title')}</Link>
          </p>
        </section>
      </div>
      <OrgCard profile={profile} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
