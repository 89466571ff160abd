import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CursorPager } from '~/components/cursor-pager'
import type { MessageKey } from '~/i18n'
import { isMessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { JOBS_ABOUT_A_PROCUREMENT, JOB_PAGE_SIZE, jobStats, procurementTitles, recentJobs } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['dir', 'jobs', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'jobs.title')

const STATUSES = ['pending', 'running', 'done', 'failed'] as const

/** The job queue in words: each job's kind, what it concerns (linked), when it runs, its tries; filtered and paged. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:jobs:any')
  const { db } = await getApp()
  const params = new URL(request.url).searchParams
  const kinds = (await jobStats(db)).map((s) => s.name)
  const name = params.get('name') ?? ''
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as (typeof STATUSES)[number]) : undefined
  const before = /^\d{1,15}$/.test(params.get('before') ?? '') ? Number(params.get('before')) : undefined
  const rows = await recentJobs(db, JOB_PAGE_SIZE + 1, { name: kinds.includes(name) ? name : undefined, status, before })
  const page = rows.slice(0, JOB_PAGE_SIZE)
  const ids = page.filter((j) => JOBS_ABOUT_A_PROCUREMENT.has(j.name)).map((j) => (j.payload as { id?: string }).id ?? '')
  const titles = await procurementTitles(db, ids)
  return {
    kinds: [...new Set(kinds)],
    query: { name: kinds.includes(name) ? name : '', status: status ?? '' },
    paged: before !== undefined,
    next: rows.length > JOB_PAGE_SIZE ? page.at(-1)!.id : null,
    jobs: page.map((j) => {
      const id = (j.payload as { id?: string }).id
      const about = JOBS_ABOUT_A_PROCUREMENT.has(j.name) && id ? titles.get(id) : undefined
      return {
        id: j.id, name: j.name, status: j.status, runAt: j.runAt.toISOString(), attempts: j.attempts, maxAttempts: j.maxAttempts, lastError: j.lastError,
        about: about ? { to: `/procurements/${id}`, text: `${about.number ?? ''} ${about.title}`.trim() } : j.name === 'sanction.enforce' ? { to: '/office/blacklist', text: null } : null,
      }
    }),
  }
}

export default function Jobs() {
  const { jobs, kinds, query, paged, next } = useLoaderData<typeof loader>()
  const t = useT()
  const kind = (name: string) => {
    const key = `jobs.kind.${name}`
    return isMessageKey(key) ? t(key as MessageKey) : name
  }
  const keep = Object.fromEntries(Object.entries(query).filter(([, v]) => v))
  type Job = (typeof jobs)[number]
  return (
    <div className="page">
      <h1>{t('jobs.title')}</h1>
      <p className="lead">{t('jobs.intro')}</p>
      <Form method="get" className="card form filters">
        <div className="field">
          <label htmlFor="j-name">{t('jobs.name')}</label>
          <select id="j-name" name="name" defaultValue={query.name}>
            <option value="">{t('dir.any')}</option>
            {kinds.map((k) => <option key={k} value={k}>{kind(k)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="j-status">{t('jobs.status')}</label>
          <select id="j-status" name="status" defaultValue={query.status}>
            <option value="">{t('dir.any')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`jobs.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="actions filter-actions">
          <button type="submit" className="button">{t('dir.search')}</button>
          <Link to="/office/jobs">{t('dir.reset')}</Link>
        </div>
      </Form>
      {jobs.length ? (
        <DataTable<Job>
          label={t('jobs.title')}
          rows={jobs}
          rowKey={(j) => String(j.id)}
          columns={[
            { header: t('jobs.name'), lead: true, cell: (j) => <>{kind(j.name)} <span className="muted sub mono">#{j.id}</span></> },
            { header: t('jobs.about'), cell: (j) => (j.about ? <Link to={j.about.to}>{j.about.text ?? t('jobs.aboutBlacklist')}</Link> : '—') },
            { header: t('jobs.status'), cell: (j) => <span className={`badge job-${j.status}`}>{t(`jobs.status.${j.status}`)}</span> },
            { header: t('jobs.runAt'), cell: (j) => <DateTime at={j.runAt} /> },
            { header: t('jobs.attempts'), className: 'num', cell: (j) => `${j.attempts} / ${j.maxAttempts}` },
            { header: t('jobs.error'), cell: (j) => j.lastError ?? '—' },
          ]}
        />
      ) : (
        <p className="muted">{t('jobs.none')}</p>
      )}
      <CursorPager label={t('jobs.pages')} keep={keep} paged={paged} next={next} newest={t('jobs.newest')} older={t('jobs.older')} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
