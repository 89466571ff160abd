import { and, asc, eq, gte, inArray, isNotNull, lt, ne, sql, type SQL } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { authorityCategories, awards, calendarDays, procurements, regions, selectionMethod, serviceCategories, type OrgId } from '../../db/schema'
import { shanghaiInstant, shiftDays } from '../calendar'

/*
 * 统计: the market's figures over the procurements published in a period (Beijing days, the end
 * day included): how many were announced, selected (an award stands) and failed; the budget (the
 * max prices of those selected), what they were awarded for, the savings and their rate; and the
 * median working days from publication to award. The same figures for each method, region
 * (district or county), category and month of publication, so a procurement is counted once in
 * each breakdown: under the first of its items' categories in catalog order. An authority's
 * figures are those of its categories.
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

/**
 * The period asked for, or this year to today: it ends today at the latest, never before it
 * starts, and starts at most ten years back (what a page of months can show).
 */
export function statisticsPeriod(query: Pick<StatisticsQuery, 'from' | 'until'>, today: string) {
  const earliest = `${Number(today.slice(0, 4)) - 10}-01-01`
  const asked = query.from ?? `${today.slice(0, 4)}-01-01`
  const from = asked < earliest ? earliest : asked > today ? today : asked
  const end = query.until && query.until < today ? query.until : today
  return { from, until: end < from ? from : end }
}

interface Aggregate {
  method: string | null
  region: string | null
  category: string | null
  month: string | null
  g_method: number
  g_region: number
  g_category: number
  g_month: number
  announcements: number | string
  selections: number | string
  failures: number | string
  budget: number | string
  award: number | string
  median: number | string | null
}

/**
 * The figures of the procurements published in the period, under the filters; `scope` (an
 * authority's) keeps its categories only. One statement, whatever the number of procurements:
 * the totals and the four breakdowns are grouping sets of the same rows, and working days come
 * from a running count over the period's days (weekdays, with the calendar's holidays and
 * make-up workdays), so the median is computed where the rows are.
 */
export async function marketStatistics(db: Db, query: StatisticsQuery, today: string, scope?: { authorityOrgId: OrgId }): Promise<Statistics> {
  const { from, until } = statisticsPeriod(query, today)
  // The lowest category code among its items (catalog_codes is sorted, categories before their items): one per procurement.
  const category = sql`${procurements.catalogCodes}[1]`
  const where: SQL[] = [isNotNull(procurements.publishedAt), ne(procurements.status, 'draft'), gte(procurements.publishedAt, shanghaiInstant(from)), lt(procurements.publishedAt, shanghaiInstant(shiftDays(until, 1)))]
  if (query.method) where.push(eq(procurements.method, query.method))
  if (query.region) where.push(query.region.endsWith('00') ? sql`left(${procurements.regionCode}, 4) = ${query.region.slice(0, 4)}` : eq(procurements.regionCode, query.region))
  if (query.category) where.push(sql`${category} = ${query.category}`)
  if (scope) where.push(sql`${category} in (select c.code from ${authorityCategories} ac join ${serviceCategories} c on c.id = ac.category_id where ac.org_id = ${scope.authorityOrgId})`)
  const [result, categoryNames] = await Promise.all([
    db.execute(sql`
      with rows as (
        select ${procurements.method}::text as method, ${procurements.regionCode}::text as region, ${category} as category,
          to_char(${procurements.publishedAt} at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
          ${procurements.status}::text as status, ${procurements.maxPriceFen} as max_price, ${awards.priceFen} as award_price,
          (${awards.procurementId} is not null and ${procurements.status} <> 'cancelled') as selected,
          (${procurements.publishedAt} at time zone 'Asia/Shanghai')::date as published_on,
          (${awards.decidedAt} at time zone 'Asia/Shanghai')::date as decided_on
        from ${procurements} left join ${awards} on ${awards.procurementId} = ${procurements.id}
        where ${and(...where)}
      ),
      days as (
        select g::date as day, sum(case when coalesce(cd.kind::text = 'workday', extract(isodow from g) < 6) then 1 else 0 end) over (order by g) as n
        from generate_series(${from}::date, ${today}::date, interval '1 day') g left join ${calendarDays} cd on cd.day = g::date
      )
      select method, region, category, month,
        grouping(method) as g_method, grouping(region) as g_region, grouping(category) as g_category, grouping(month) as g_month,
        count(*) as announcements, count(*) filter (where selected) as selections, count(*) filter (where status = 'failed') as failures,
        coalesce(sum(max_price) filter (where selected), 0) as budget, coalesce(sum(award_price) filter (where selected), 0) as award,
        percentile_cont(0.5) within group (order by decided.n - published.n) filter (where selected and decided.n is not null) as median
      from rows
        left join days published on published.day = rows.published_on
        left join days decided on decided.day = rows.decided_on
      group by grouping sets ((), (method), (region), (category), (month))`) as unknown as Promise<{ rows: Aggregate[] }>,
    db.select({ code: serviceCategories.code, nameZh: serviceCategories.nameZh, nameEn: serviceCategories.nameEn }).from(serviceCategories).orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.code)),
  ])
  const rows = result.rows
  const figures = (r: Aggregate | undefined): Figures => {
    const budgetFen = Number(r?.budget ?? 0)
    const awardFen = Number(r?.award ?? 0)
    return {
      announcements: Number(r?.announcements ?? 0),
      selections: Number(r?.selections ?? 0),
      failures: Number(r?.failures ?? 0),
      budgetFen,
      awardFen,
      savingsFen: budgetFen - awardFen,
      savingsBp: budgetFen > 0 ? Math.round(((budgetFen - awardFen) * 10_000) / budgetFen) : null,
      medianDays: r?.median === null || r?.median === undefined ? null : Math.round(Number(r.median) * 10) / 10,
    }
  }
  const set = (dim: 'method' | 'region' | 'category' | 'month') => new Map(rows.filter((r) => Number(r[`g_${dim}`]) === 0 && [r.g_method, r.g_region, r.g_category, r.g_month].filter((g) => Number(g) === 0).length === 1).map((r) => [String(r[dim]), r]))
  const total = rows.find((r) => [r.g_method, r.g_region, r.g_category, r.g_month].every((g) => Number(g) === 1))
  const by = (dim: 'method' | 'region' | 'category', names: Array<{ key: string; nameZh: string; nameEn: string }>): Breakdown[] => {
    const found = set(dim)
    return names.filter((n) => found.has(n.key)).map((n) => ({ ...n, ...figures(found.get(n.key)) }))
  }
  const regionCodes = [...set('region').keys()]
  const regionNames = regionCodes.length ? await db.select({ code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn }).from(regions).where(inArray(regions.code, regionCodes)).orderBy(asc(regions.code)) : []
  const months = set('month')
  return {
    from,
    until,
    total: figures(total),
    byMethod: by('method', SELECTION_METHODS.map((m) => ({ key: m, nameZh: m, nameEn: m }))),
    byRegion: by('region', regionNames.map((r) => ({ key: r.code, nameZh: r.nameZh, nameEn: r.nameEn }))),
    byCategory: by('category', categoryNames.map((c) => ({ key: c.code, nameZh: c.nameZh, nameEn: c.nameEn }))),
    // Every month of the period, the empty ones too, so a chart of them has no gaps.
    byMonth: monthsOf(from, until).map((m) => ({ key: m, nameZh: m, nameEn: m, ...figures(months.get(m)) })),
  }
}

/** How long the same question is answered from memory, and how many computations may run at once. */
export const STATISTICS_TTL_MS = 5 * 60_000
const STATISTICS_CONCURRENCY = 2
const CACHE_SIZE = 200
const answers = new Map<string, { at: number; value: Promise<Statistics> }>()
let running = 0
const queued: Array<() => void> = []

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  while (running >= STATISTICS_CONCURRENCY) await new Promise<void>((resolve) => queued.push(resolve))
  running++
  try {
    return await work()
  } finally {
    running--
    queued.shift()?.()
  }
}

/**
 * The figures as the pages ask for them. A province's year is a few hundred thousand procurements,
 * seconds of the database's time, and the page is public: so the same question within
 * `STATISTICS_TTL_MS` is answered from memory (a second asker shares the first's answer), and at
 * most two computations run at once, the rest waiting their turn, so no stream of varied
 * questions can keep the database busy. Figures a few minutes old mislead nobody; the page says so.
 */
export function cachedStatistics(db: Db, query: StatisticsQuery, today: string, now: Date, scope?: { authorityOrgId: OrgId }): Promise<Statistics> {
  const key = JSON.stringify([statisticsPeriod(query, today), query.method ?? null, query.region ?? null, query.category ?? null, scope?.authorityOrgId ?? null])
  const known = answers.get(key)
  if (known && now.getTime() - known.at >= 0 && now.getTime() - known.at < STATISTICS_TTL_MS) return known.value
  const value = inTurn(() => marketStatistics(db, query, today, scope))
  answers.delete(key)
  answers.set(key, { at: now.getTime(), value })
  value.catch(() => answers.delete(key))
  if (answers.size > CACHE_SIZE) answers.delete(answers.keys().next().value!)
  return value
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
