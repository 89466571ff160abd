import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/field'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { recentJobs } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['jobs', 'time'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:jobs:any')
  const { db } = await getApp()
  const jobs = await recentJobs(db, 50)
  return { jobs: jobs.map((j) => ({ id: j.id, name: j.name, status: j.status, runAt: j.runAt.toISOString(), attempts: j.attempts, maxAttempts: j.maxAttempts, lastError: j.lastError })) }
}

export default function Jobs() {
  const { jobs } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <div className="page">
      <h1>{t('jobs.title')}</h1>
      <p className="lead">{t('jobs.intro')}</p>
      {jobs.length ? (
        <TableWrap label={t('jobs.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('jobs.name')}</th>
                <th scope="col">{t('jobs.status')}</th>
                <th scope="col">{t('jobs.runAt')}</th>
                <th scope="col">{t('jobs.attempts')}</th>
                <th scope="col">{t('jobs.error')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td className="num">{j.id}</td>
                  <td className="mono">{j.name}</td>
                  <td><span className={`badge job-${j.status}`}>{t(`jobs.status.${j.status}`)}</span></td>
                  <td>{formatDateTime(j.runAt, locale)}</td>
                  <td className="num">{j.attempts} / {j.maxAttempts}</td>
                  <td>{j.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">{t('jobs.none')}</p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
