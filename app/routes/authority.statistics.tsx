import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Dashboard } from '~/components/statistics'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { SELECTION_METHODS, authorityScope, marketStatistics, regionTree, shanghaiDate, statisticsQuerySchema } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['method', 'stats'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'stats.scopedTitle')

/** An authority's statistics: the market's figures over the categories it supervises only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'read:statistics:any')
  const { db, clock } = await getApp()
  const query = statisticsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const scope = session.org.kind === 'authority' ? { authorityOrgId: session.org.id } : undefined
  const [stats, categories, regions] = await Promise.all([marketStatistics(db, query, shanghaiDate(clock.now()), scope), authorityScope(db, session.org.id), regionTree(db)])
  return {
    stats,
    query,
    methods: SELECTION_METHODS,
    categories: categories.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
    regions: regions.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, districts: c.districts.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })) })),
  }
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
