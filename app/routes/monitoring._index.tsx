import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { MonitoringTable } from '~/components/monitoring-table'
import { getApp } from '~/utils/app.server'
import { getSession } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { listMonitorings } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['mon', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'mon.publicTitle')

/** Monitorings concluded, for anyone; and, for a signed-in party, those addressed to it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request)
  const { db } = await getApp()
  const [concluded, mine] = await Promise.all([listMonitorings(db, {}, 100), session ? listMonitorings(db, { partyOrgId: session.org.id }, 100) : Promise.resolve([])])
  return { concluded, mine }
}

export default function PublicMonitoring() {
  const { concluded, mine } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('mon.publicTitle')}</h1>
      <p className="lead">{t('mon.publicIntro')}</p>
      {mine.length ? (
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{t('mon.mine')}</h2>
          <MonitoringTable rows={mine} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="concluded-title">
        <h2 id="concluded-title">{t('mon.concluded')}</h2>
        {concluded.length ? <MonitoringTable rows={concluded} /> : <p className="muted">{t('mon.none')}</p>}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
