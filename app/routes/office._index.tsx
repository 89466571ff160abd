import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BarChart } from '~/components/charts'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Inbox } from '~/components/inbox'
import { OrgCard } from '~/components/org-card'
import { TodoList } from '~/components/todo-list'
import type { MessageKey } from '~/i18n'
import { loadHome, loadInbox, loadUnread } from '~/utils/dashboard.server'
import { formatMonth } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { announcementsByMonth, jobStats, officeOverview, officeTodos, openDirectApprovals, shanghaiDate, yearStatuses } from '~/utils/services.server'
import { AVAILABLE_METHODS } from '../../services/market/methods'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['agency', 'dash', 'inbox', 'jobs', 'method', 'notify', 'profile', 'time', 'todo'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, profile, app } = await loadHome(request, 'read:audit:any')
  const now = app.clock.now()
  const today = shanghaiDate(now)
  const [overview, { years }, jobs, approvals, months, notes, unread] = await Promise.all([
    officeOverview(app.db, now), yearStatuses(app.db, today), jobStats(app.db), openDirectApprovals(app.db), announcementsByMonth(app.db, now), loadInbox(app.db, session), loadUnread(app.db, session),
  ])
  const failedJobs = jobs.filter((j) => j.status === 'failed').reduce((n, j) => n + Number(j.n), 0)
  const todos = officeTodos({ approvals, failedJobs, years, today })
  return { name: session.user.displayName, profile, overview, years, jobs, todos, months, notes, unread }
}

export default function OfficeHome() {
  const { name, profile, overview, years, jobs, todos, months, notes, unread } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const max = Math.max(1, ...overview.kinds.map((k) => k.n))
  const methods = AVAILABLE_METHODS.filter((m) => months.some((row) => row.byMethod[m]))
  const monthLabel = (month: string) => formatMonth(month, locale)
  return (
    <div className="page">
      <p className="eyebrow">{t('role.market_office')}</p>
      <h1>{t('dash.welcome', { name })}</h1>
      <p className="lead">{t('dash.officeIntro')}</p>
      <TodoList items={todos} />
      <section className="card" aria-labelledby="months-title">
        <h2 id="months-title">{t('dash.byMonth')}</h2>
        <BarChart
          title={t('dash.byMonth')}
          caption={t('dash.byMonthCaption')}
          parts={methods.map((m) => t(`method.${m}` as MessageKey))}
          bars={months.map((row) => ({ label: monthLabel(row.month), values: methods.map((m) => row.byMethod[m] ?? 0) }))}
          format={(v) => String(v)}
        />
        <div className="table-wrap" role="region" aria-label={t('dash.byMonth')} tabIndex={0}>
          <table className="chart-table">
            <thead>
              <tr>
                <th scope="col">{t('dash.month')}</th>
                {methods.map((m) => <th key={m} scope="col" className="num">{t(`method.${m}` as MessageKey)}</th>)}
                <th scope="col" className="num">{t('dash.total')}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{monthLabel(row.month)}</th>
                  {methods.map((m) => <td key={m} className="num">{row.byMethod[m] ?? 0}</td>)}
                  <td className="num">{Object.values(row.byMethod).reduce((a, b) => a + b, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <Inbox items={notes} unread={unread} />
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
                <Link to={`/office/jobs?${new URLSearchParams({ name: j.name, status: j.status })}`}>{t(`jobs.kind.${j.name}` as MessageKey)}</Link> · {t(`jobs.status.${j.status}`)} · {j.n}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <OrgCard profile={profile} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
