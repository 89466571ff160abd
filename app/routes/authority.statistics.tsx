import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Dashboard } from '~/components/statistics'
import { requirePermission } from '~/utils/auth.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { statisticsPage } from '~/utils/statistics.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['method', 'stats', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'stats.scopedTitle')

/** An authority's statistics: the market's figures over the categories it supervises only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'read:statistics:any')
  return statisticsPage(request, session.org.kind === 'authority' ? session.org.id : undefined)
}

export default function AuthorityStatistics() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const en = useLocale() === 'en'
  return (
    <div className="page">
      <h1>{t('stats.scopedTitle')}</h1>
      <p className="lead">{t('stats.scopedIntro', { categories: data.categories.map((c) => (en ? c.nameEn : c.nameZh)).join(t('stats.listSeparator')) })}</p>
      <Dashboard {...data} path="/authority/statistics" exportPath="/statistics/export?scope=mine" />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
