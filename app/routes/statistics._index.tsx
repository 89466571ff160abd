import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Dashboard } from '~/components/statistics'
import { getApp } from '~/utils/app.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { SELECTION_METHODS, catalogNames, marketStatistics, regionTree, shanghaiDate, statisticsQuerySchema } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['method', 'stats'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'stats.title')

/** The market's statistics, for the public and the market office: by method, region, category and month, as charts and tables. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const query = statisticsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [stats, catalog, regions] = await Promise.all([marketStatistics(db, query, shanghaiDate(clock.now())), catalogNames(db), regionTree(db)])
  return {
    stats,
    query,
    methods: SELECTION_METHODS,
    categories: catalog.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
    regions: regions.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, districts: c.districts.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })) })),
  }
}

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
