import type { LoaderFunctionArgs } from '@remix-run/node'
import { translator } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { placeName } from '~/utils/format'
import { EXPORT_MAX_ROWS, exportFormat, exportResponse } from '~/utils/export.server'
import { getLocale } from '~/utils/i18n.server'
import { creditRanking, rankingQuerySchema, shanghaiDate } from '~/utils/services.server'

/** The public credit ranking as CSV or Excel, with the page's filters, every row (up to the export limit). */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const format = exportFormat(url)
  const { db, clock } = await getApp()
  const locale = getLocale(request)
  const t = translator(locale)
  const en = locale === 'en'
  const query = rankingQuerySchema.parse({ ...Object.fromEntries(url.searchParams), page: 1 })
  const ranking = await creditRanking(db, query, { limit: EXPORT_MAX_ROWS })
  return exportResponse(
    format,
    `credit-${query.kind}-${shanghaiDate(clock.now())}`,
    [t('credit.position'), t('credit.name'), t('dir.region'), t('credit.score'), t('credit.grade')],
    ranking.rows.map((r) => [r.position, en ? r.nameEn : r.nameZh, placeName(r, locale), r.score, r.grade]),
  )
}
