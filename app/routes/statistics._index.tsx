import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Dashboard } from '~/components/statistics'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { statisticsPage } from '~/utils/statistics.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['method', 'stats', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'stats.title')

/** The market's statistics, for the public and the market office: by method, region, category and month, as charts and tables. */
export const loader = ({ request }: LoaderFunctionArgs) => statisticsPage(request)

export default function Statistics() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('stats.title')}</h1>
      <p className="lead">{t('stats.intro')}</p>
      <Dashboard {...data} path="/statistics" exportPath="/statistics/export" />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
