import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field } from '~/components/field'
import { MonitoringTable } from '~/components/monitoring-table'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { listMonitorings } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['mon', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'mon.officeTitle')

/** Every monitoring, open ones first; and where to start a new one (a procurement's number or an agency's USCC). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:monitoring:any')
  const { db } = await getApp()
  return { rows: await listMonitorings(db, { office: true }) }
}

export default function OfficeMonitoring() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('mon.officeTitle')}</h1>
      <p className="lead">{t('mon.officeIntro')}</p>
      <p>
        <Link to="/office/red-flags">{t('mon.redFlags')}</Link>
      </p>
      <Form method="get" action="/office/monitoring/new" className="form card filters">
        <Field label="mon.subjectQuery" name="q" required hint="mon.subjectHint" />
        <button type="submit" className="button">
          {t('mon.start')}
        </button>
      </Form>
      {rows.length ? <MonitoringTable rows={rows} /> : <p className="muted">{t('mon.none')}</p>}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
