import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { organizations } from '../../db/schema'
import { ManualClock } from '../../services/shared/clock'
import { STATISTICS_TTL_MS, cachedStatistics, marketStatistics, statisticsQuerySchema, type Breakdown, type Figures } from '../../services/supervision/statistics'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

/*
 * 统计 on the demo market: the dashboard's totals are what one SQL statement over the tables
 * counts and sums, for the whole market and for an authority's categories; each breakdown (method,
 * region, category, month) adds up to the totals, and a filter gives its own row's figures.
 */
let database: Database
const clock = new ManualClock('2026-09-24T01:30:00Z')
const TODAY = '2026-09-24'

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
})
afterAll(async () => database?.close())

/** The totals by SQL alone: procurements published in the period (Beijing days), selected when an award stands and they are not cancelled; an authority's by the first of its items' categories. */
async function bySql(from: string, until: string, categories?: string[]) {
  const firstCategory = sql`(select min(c.code) from procurement_items pi join service_items si on si.id = pi.item_id join service_categories c on c.id = si.category_id where pi.procurement_id = p.id)`
  const scope = categories ? sql`and ${firstCategory} in (${sql.join(categories.map((c) => sql`${c}`), sql`, `)})` : sql``
  const result = (await database.db.execute(sql`
    select count(*)::int as announcements,
      (count(a.procurement_id) filter (where p.status <> 'cancelled'))::int as selections,
      (count(*) filter (where p.status = 'failed'))::int as failures,
      coalesce(sum(p.max_price_fen) filter (where a.procurement_id is not null and p.status <> 'cancelled'), 0)::bigint as budget,
      coalesce(sum(a.price_fen) filter (where p.status <> 'cancelled'), 0)::bigint as award
    from procurements p left join awards a on a.procurement_id = p.id
    where p.status <> 'draft' and p.published_at is not null
      and p.published_at >= (${from}::date)::timestamp at time zone 'Asia/Shanghai'
      and p.published_at < (${until}::date + 1)::timestamp at time zone 'Asia/Shanghai'
      ${scope}`)) as unknown as { rows: Array<Record<string, string | number>> }
  const r = result.rows[0]!
  return { announcements: Number(r.announcements), selections: Number(r.selections), failures: Number(r.failures), budgetFen: Number(r.budget), awardFen: Number(r.award) }
}

const add = (rows: Breakdown[]) => ({
  announcements: rows.reduce((a, r) => a + r.announcements, 0),
  selections: rows.reduce((a, r) => a + r.selections, 0),
  failures: rows.reduce((a, r) => a + r.failures, 0),
  budgetFen: rows.reduce((a, r) => a + r.budgetFen, 0),
  awardFen: rows.reduce((a, r) => a + r.awardFen, 0),
})
const counts = (f: Figures) => ({ announcements: f.announcements, selections: f.selections, failures: f.failures, budgetFen: f.budgetFen, awardFen: f.awardFen })

describe('the statistics dashboard', () => {
  it('totals what SQL counts and sums, and each breakdown adds up to the totals', async () => {
    const query = statisticsQuerySchema.parse({ from: '2025-01-01', until: TODAY })
    const stats = await marketStatistics(database.db, query, TODAY)
    const expected = await bySql('2025-01-01', TODAY)
    expect(counts(stats.total)).toEqual(expected)
    // The demo has selections, failures and savings to show.
    expect(stats.total.selections).toBeGreaterThan(5)
    expect(stats.total.failures).toBeGreaterThan(0)
    expect(stats.total.savingsFen).toBe(expected.budgetFen - expected.awardFen)
    expect(stats.total.savingsBp).toBe(Math.round(((expected.budgetFen - expected.awardFen) * 10_000) / expected.budgetFen))
    // Direct commissions are confirmed the day they are published (the median of all is small); a
    // lowest-price procurement waits out its announcement period, 3 working days at least.
    expect(stats.total.medianDays).not.toBeNull()
    expect(stats.byMethod.find((m) => m.key === 'lowest_price')!.medianDays).toBeGreaterThanOrEqual(3)
    expect(stats.byMethod.find((m) => m.key === 'direct')!.medianDays).toBeLessThanOrEqual(1)
    for (const breakdown of [stats.byMethod, stats.byRegion, stats.byCategory, stats.byMonth]) expect(add(breakdown)).toEqual(expected)
    // Every month of the period is listed, the empty ones too.
    expect(stats.byMonth.map((m) => m.key)).toHaveLength(21)
    expect(stats.byMonth[0]!.key).toBe('2025-01')
    expect(stats.byMonth.at(-1)!.key).toBe('2026-09')

    // A filter gives the figures of its own row in the breakdown.
    const lowest = stats.byMethod.find((m) => m.key === 'lowest_price')!
    expect(counts((await marketStatistics(database.db, statisticsQuerySchema.parse({ from: '2025-01-01', until: TODAY, method: 'lowest_price' }), TODAY)).total)).toEqual(counts(lowest))
    const c06 = stats.byCategory.find((c) => c.key === 'C06')!
    expect(counts((await marketStatistics(database.db, statisticsQuerySchema.parse({ from: '2025-01-01', until: TODAY, category: 'C06' }), TODAY)).total)).toEqual(counts(c06))
    // A period with nothing in it has zeros, and no rate or median.
    const empty = await marketStatistics(database.db, statisticsQuerySchema.parse({ from: '2020-01-01', until: '2020-03-31' }), TODAY)
    expect(empty.total).toEqual({ announcements: 0, selections: 0, failures: 0, budgetFen: 0, awardFen: 0, savingsFen: 0, savingsBp: null, medianDays: null })
    expect(empty.byMonth).toHaveLength(3)
  })

  it("gives an authority the figures of its own categories", async () => {
    const [bureau] = await database.db.select().from(organizations).where(eq(organizations.nameZh, '贵港市生态环境局'))
    const scoped = await marketStatistics(database.db, statisticsQuerySchema.parse({ from: '2025-01-01', until: TODAY }), TODAY, { authorityOrgId: bureau!.id })
    expect(counts(scoped.total)).toEqual(await bySql('2025-01-01', TODAY, ['C05', 'C06', 'C07', 'C08', 'C09']))
    expect(scoped.total.announcements).toBeGreaterThan(0)
    expect(scoped.byCategory.every((c) => ['C05', 'C06', 'C07', 'C08', 'C09'].includes(c.key))).toBe(true)
  })

  it('reads its filters leniently: what does not parse is left out, and the period defaults to this year', async () => {
    expect(statisticsQuerySchema.parse({ from: '2026-13-01', until: 'yesterday', method: 'bribe', region: '4508', category: 'C6' })).toEqual({})
    const stats = await marketStatistics(database.db, statisticsQuerySchema.parse({ until: '2026-02-30' }), TODAY)
    expect([stats.from, stats.until]).toEqual(['2026-01-01', TODAY])
  })

  it('answers the same question from memory for five minutes, then computes it again', async () => {
    const query = statisticsQuerySchema.parse({ from: '2025-06-01', until: TODAY })
    const at = Date.parse('2026-09-24T02:00:00Z')
    const [first, same] = await Promise.all([cachedStatistics(database.db, query, TODAY, new Date(at)), cachedStatistics(database.db, query, TODAY, new Date(at))])
    expect(same).toBe(first)
    expect(await cachedStatistics(database.db, query, TODAY, new Date(at + STATISTICS_TTL_MS - 1000))).toBe(first)
    expect(await cachedStatistics(database.db, statisticsQuerySchema.parse({ from: '2025-06-01', until: TODAY, method: 'direct' }), TODAY, new Date(at))).not.toBe(first)
    const later = await cachedStatistics(database.db, query, TODAY, new Date(at + STATISTICS_TTL_MS))
    expect(later).not.toBe(first)
    expect(later).toEqual(first)
  })
})
