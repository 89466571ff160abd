import { and, asc, eq, gte, inArray, isNotNull, lt, ne, sql, type SQL } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { authorityCategories, awards, procurements, regions, selectionMethod, serviceCategories, type OrgId } from '../../db/schema'
import { loadCalendar, shanghaiDate, shanghaiInstant, shiftDays, workingDaysBetween } from '../calendar'

/*
 * 统计: the market's figures over the procurements published in a period (Beijing days, the end
 * day included): how many were announced, selected (an award stands) and failed; the budget (the
 * max prices of those selected), what they were awarded for, the savings and their rate; and the
 * median working days from publication to award. The same figures for each method, region
 * (district or county), category and month of publication, so a procurement is counted once in
 * each breakdown: under its first item's category. An authority's figures are those of its
 * categories.
 */

export const SELECTION_METHODS = selectionMethod.enumValues
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => {
  const ms = Date.parse(`${d}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d)
})

/** The dashboard's filters, from a query string: whatever does not parse is left out. */
export const statisticsQuerySchema = z.object({
  from: isoDay.optional().catch(undefined),
  until: isoDay.optional().catch(undefined),
  method: z.enum(SELECTION_METHODS).optional().catch(undefined),
  region: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  category: z.string().regex(/^C\d{2}$/).optional().catch(undefined),
})
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>

export interface Figures {
  announcements: number
  selections: number
  failures: number
  /** max prices of the procurements selected, in fen */
  budgetFen: number
  awardFen: number
  savingsFen: number
  /** savings over budget in basis points (6.18% is 618); null with no budget */
  savingsBp: number | null
  /** median working days from publication to award; null with no selection */
  medianDays: number | null
}
export interface Breakdown extends Figures {
  key: string
  nameZh: string
  nameEn: string
}
export interface Statistics {
  from: string
  until: string
  total: Figures
  byMethod: Breakdown[]
  byRegion: Breakdown[]
  byCategory: Breakdown[]
  byMonth: Breakdown[]
}

/** The period asked for, or this year to today; the end is never before the start. */
export function statisticsPeriod(query: Pick<StatisticsQuery, 'from' | 'until'>, today: string) {
  const from = query.from ?? `${today.slice(0, 4)}-01-01`
  const until = query.until && query.until >= from ? query.until : query.from && query.from > today ? from : today
  return { from, until }
}

interface Row {
  method: string
  region: string
  category: string | null
  month: string
  status: string
  maxPriceFen: number
  awardFen: number | null
  publishedAt: Date
  decidedAt: Date | null
}

/** The figures of the procurements published in the period, under the filters; `scope` (an authority's) keeps its categories only. */
export async function marketStatistics(db: Db, query: StatisticsQuery, today: string, scope?: { authorityOrgId: OrgId }): Promise<Statistics> {
  const { from, until } = statisticsPeriod(query, today)
  // The first item's category (by the items' order, then code): one per procurement.
  const firstCategory = sql<string | null>`(select c.code from procurement_items pi join service_items si on si.id = pi.item_id join service_categories c on c.id = si.category_id where pi.procurement_id = ${procurements.id} order by pi.sort_order, si.code limit 1)`
  const where: SQL[] = [isNotNull(procurements.publishedAt), ne(procurements.status, 'draft'), gte(procurements.publishedAt, shanghaiInstant(from)), lt(procurements.publishedAt, shanghaiInstant(shiftDays(until, 1)))]
  if (query.method) where.push(eq(procurements.method, query.method))
  if (query.region) where.push(query.region.endsWith('00') ? sql`left(${procurements.regionCode}, 4) = ${query.region.slice(0, 4)}` : eq(procurements.regionCode, query.region))
  if (query.category) where.push(sql`${firstCategory} = ${query.category}`)
  if (scope) where.push(sql`${firstCategory} in (select c.code from ${authorityCategories} ac join ${serviceCategories} c on c.id = ac.category_id where ac.org_id = ${scope.authorityOrgId})`)
  const [rows, calendar, categoryNames] = await Promise.all([
    db
      .select({
        method: procurements.method,
        region: procurements.regionCode,
        category: firstCategory,
        month: sql<string>`to_char(${procurements.publishedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`,
        status: procurements.status,
        maxPriceFen: procurements.maxPriceFen,
        awardFen: awards.priceFen,
        publishedAt: procurements.publishedAt,
        decidedAt: awards.decidedAt,
      })
      .from(procurements)
      .leftJoin(awards, eq(awards.procurementId, procurements.id))
      .where(and(...where)) as Promise<Row[]>,
    loadCalendar(db),
    db.select({ code: serviceCategories.code, nameZh: serviceCategories.nameZh, nameEn: serviceCategories.nameEn }).from(serviceCategories).orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.code)),
  ])
  const regionCodes = [...new Set(rows.map((r) => r.region))]
  const regionNames = regionCodes.length ? await db.select({ code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn }).from(regions).where(inArray(regions.code, regionCodes)) : []

  const days = (r: Row) => (r.decidedAt ? workingDaysBetween(calendar, shanghaiDate(r.publishedAt), shanghaiDate(r.decidedAt)) : null)
  const figures = (list: Row[]): Figures => {
    const selected = list.filter((r) => r.awardFen !== null && r.status !== 'cancelled')
    const budgetFen = selected.reduce((a, r) => a + Number(r.maxPriceFen), 0)
    const awardFen = selected.reduce((a, r) => a + Number(r.awardFen), 0)
    return {
      announcements: list.length,
      selections: selected.length,
      failures: list.filter((r) => r.status === 'failed').length,
      budgetFen,
      awardFen,
      savingsFen: budgetFen - awardFen,
      savingsBp: budgetFen > 0 ? Math.round(((budgetFen - awardFen) * 10_000) / budgetFen) : null,
      medianDays: median(selected.map(days).filter((d): d is number => d !== null)),
    }
  }
  const by = (key: (r: Row) => string, names: Array<{ key: string; nameZh: string; nameEn: string }>): Breakdown[] => {
    const groups = new Map<string, Row[]>()
    for (const r of rows) {
      const k = key(r)
      const group = groups.get(k)
      if (group) group.push(r)
      else groups.set(k, [r])
    }
    return names.filter((n) => groups.has(n.key)).map((n) => ({ ...n, ...figures(groups.get(n.key)!) }))
  }
  return {
    from,
    until,
    total: figures(rows),
    byMethod: by((r) => r.method, SELECTION_METHODS.map((m) => ({ key: m, nameZh: m, nameEn: m }))),
    byRegion: by((r) => r.region, regionNames.sort((a, b) => a.code.localeCompare(b.code)).map((r) => ({ key: r.code, nameZh: r.nameZh, nameEn: r.nameEn }))),
    byCategory: by((r) => r.category ?? '', categoryNames.map((c) => ({ key: c.code, nameZh: c.nameZh, nameEn: c.nameEn }))),
    // Every month of the period, the empty ones too, so a chart of them has no gaps.
    byMonth: (() => {
      const months = by((r) => r.month, monthsOf(from, until).map((m) => ({ key: m, nameZh: m, nameEn: m })))
      return monthsOf(from, until).map((m) => months.find((b) => b.key === m) ?? { key: m, nameZh: m, nameEn: m, ...figures([]) })
    })(),
  }
}

/** The middle value (the mean of the two middle ones for an even count, to a tenth), or null. */
export function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10
}

/** Each month (YYYY-MM) from the one of `from` to the one of `until`. */
export function monthsOf(from: string, until: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ey, em] = until.split('-').map(Number) as [number, number]
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    if (++m > 12) [y, m] = [y + 1, 1]
  }
  return out
}
