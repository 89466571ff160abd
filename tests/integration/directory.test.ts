import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { countDirectoryAgencies, directoryQuerySchema, publicAgency, searchAgencies } from '../../services/agencies'
import { ManualClock } from '../../services/shared/clock'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

let database: Database
const today = '2026-11-23'
const search = (params: Record<string, string>) => searchAgencies(database.db, directoryQuerySchema.parse(params), today)

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, new ManualClock(`${today}T02:00:00Z`))
})
afterAll(async () => database?.close())

describe('public directory', () => {
  it('lists only agencies with a verified qualification valid today that offer a service, paginated, as many as the home page counts', async () => {
    const all = await search({})
    expect(all.total).toBeGreaterThan(30)
    expect(all.total).toBeLessThan(60) // pending-only, expired-only and offering-nothing agencies are not listed
    expect(await countDirectoryAgencies(database.db, today)).toBe(all.total)
    const pages = [all, await search({ page: '2' }), await search({ page: '3' })]
    expect(pages.flatMap((p) => p.agencies).every((a) => a.offerings > 0)).toBe(true)
    expect(all.agencies).toHaveLength(20)
    const page3 = await search({ page: '3' })
    expect(page3.page).toBe(3)
    expect(new Set([...all.agencies, ...page3.agencies].map((a) => a.id)).size).toBe(20 + page3.agencies.length)
  })

  it('filters by item with committed days and fees, by budget, city, level and name', async () => {
    const eia = await search({ item: 'C06-02' })
    expect(eia.total).toBeGreaterThan(0)
    for (const a of eia.agencies) {
      expect(a.committedDays).toBeLessThanOrEqual(10)
      expect(a.fee).toBeGreaterThan(0)
    }
    const cheapest = Math.min(...eia.agencies.map((a) => a.fee!))
    const budget = await search({ item: 'C06-02', maxFee: String(cheapest / 100) })
    expect(budget.agencies.map((a) => a.fee)).toEqual(budget.agencies.map(() => cheapest))
    const guigang = await search({ city: '450800' })
    expect(guigang.agencies.every((a) => a.regionCode.startsWith('4508'))).toBe(true)
    const top = await search({ level: '1' })
    expect(top.agencies.every((a) => a.bestLevel === 1)).toBe(true)
    const byName = await search({ q: '环境影响评价' })
    expect(byName.agencies.every((a) => a.nameZh.includes('环境影响评价'))).toBe(true)
  })

  it('filters by credit grade, showing each agency’s score and grade', async () => {
    const all = await search({})
    const byGrade = await Promise.all((['A', 'B', 'C', 'D'] as const).map((grade) => search({ grade })))
    expect(byGrade.reduce((n, r) => n + r.total, 0)).toBe(all.total)
    for (const [i, grade] of (['A', 'B', 'C', 'D'] as const).entries()) expect(byGrade[i]!.agencies.every((a) => a.grade === grade)).toBe(true)
    // The demo's poorly evaluated agency scores below 100, and the grade follows the score.
    expect(all.agencies.every((a) => (a.score >= 90 ? a.grade === 'A' : a.grade !== 'A'))).toBe(true)
  })

  it('ignores malformed filters instead of failing', async () => {
    const result = await search({ item: "C06'; drop table users; --", level: '9', maxFee: 'lots', page: '-1', city: 'x' })
    expect(result.total).toBe((await search({})).total)
  })

  it('shows an agency without its scans or unverified certificates', async () => {
    const [first] = (await search({ item: 'C06-02' })).agencies
    const page = (await publicAgency(database.db, first!.id, today))!
    expect(page.qualifications.every((q) => q.status === 'approved' || q.status === 'expired')).toBe(true)
    expect(JSON.stringify(page)).not.toContain('scanFileId')
    expect(page.priceList?.items.length).toBeGreaterThan(0)
    expect(await publicAgency(database.db, 'not-a-uuid', today)).toBeNull()
  })
})
