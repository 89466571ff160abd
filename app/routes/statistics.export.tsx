import type { LoaderFunctionArgs } from '@remix-run/node'
import { BREAKDOWNS, percent, type BreakdownKind } from '~/components/statistics'
import { translator, type MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { EXPORT_MAX_ROWS, exportFormat, exportResponse } from '~/utils/export.server'
import { formatMonth } from '~/utils/format'
import { getLocale } from '~/utils/i18n.server'
import { badRequest } from '~/utils/request.server'
import { cachedStatistics, shanghaiDate, statisticsQuerySchema } from '~/utils/services.server'

/**
 * One breakdown of the statistics (`by`: method, region, category or month) as CSV or Excel, with
 * the page's filters; `scope=mine` gives a signed-in authority its own categories. Amounts in yuan
 * with two decimals, rates in percent, times in working days (the median); a total row last.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const format = exportFormat(url)
  const by = url.searchParams.get('by') ?? 'month'
  if (!(BREAKDOWNS as readonly string[]).includes(by)) throw badRequest('errors.badQuery')
  const kind = by as BreakdownKind
  const scope = url.searchParams.get('scope') === 'mine' ? await requirePermission(request, 'read:statistics:any') : null
  const { db, clock } = await getApp()
  const locale = getLocale(request)
  const t = translator(locale)
  const en = locale === 'en'
  const today = shanghaiDate(clock.now())
  const stats = await cachedStatistics(db, statisticsQuerySchema.parse(Object.fromEntries(url.searchParams)), today, clock.now(), scope?.org.kind === 'authority' ? { authorityOrgId: scope.org.id } : undefined)
  const list = { method: stats.byMethod, region: stats.byRegion, category: stats.byCategory, month: stats.byMonth }[kind].slice(0, EXPORT_MAX_ROWS)
  const name = (key: string, zh: string, enName: string) => (kind === 'method' ? t(`method.${key}` as MessageKey) : kind === 'month' ? formatMonth(key, locale) : en ? enName : zh)
  const row = (label: string, f: (typeof list)[number] | typeof stats.total) => [label, f.announcements, f.selections, f.failures, { fen: f.budgetFen }, { fen: f.awardFen }, { fen: f.savingsFen }, f.savingsBp === null ? null : percent(f.savingsBp), f.medianDays]
  return exportResponse(
    format,
    `statistics-${kind}-${stats.from}-${stats.until}`,
    [t(`stats.${kind}`), t('stats.announcements'), t('stats.selections'), t('stats.failures'), t('stats.budget'), t('stats.award'), t('stats.savings'), t('stats.rate'), t('stats.median')],
    [...list.map((b) => row(name(b.key, b.nameZh, b.nameEn), b)), row(t('stats.total'), stats.total)],
  )
}
