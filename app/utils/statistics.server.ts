import type { OrgId } from '../../db/schema'
import { getApp } from './app.server'
import { SELECTION_METHODS, authorityScope, cachedStatistics, catalogNames, regionTree, shanghaiDate, statisticsQuerySchema } from './services.server'

/**
 * What a statistics page shows (the public's, or an authority's over its categories): the figures
 * under the query string's filters, and the choices its filters offer.
 */
export async function statisticsPage(request: Request, authorityOrgId?: OrgId) {
  const { db, clock } = await getApp()
  const query = statisticsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [stats, categories, regions] = await Promise.all([
    cachedStatistics(db, query, shanghaiDate(clock.now()), clock.now(), authorityOrgId ? { authorityOrgId } : undefined),
    authorityOrgId ? authorityScope(db, authorityOrgId) : catalogNames(db),
    regionTree(db),
  ])
  return {
    stats,
    query,
    methods: SELECTION_METHODS,
    categories: categories.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
    regions: regions.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, districts: c.districts.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })) })),
  }
}
