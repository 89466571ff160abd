import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, draws, organizations, procurements, spotCheckItems, users, type User } from '../../db/schema'
import { verifyChain } from '../../services/audit'
import { creditExplained } from '../../services/credit'
import { announceSchema, announceSpotCheck, drawSpotCheck, listSpotChecks, scoreSpotCheck, spotCheckDetail, spotCheckPurpose, spotScoreSchema, verifyRecord, type DrawRecord } from '../../services/selection'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

/*
 * 抽查 on the demo market: the environment bureau (EIA, soil and water …) announces the third
 * quarter of 2026, which commits its secret; it cannot draw before the quarter is over; after it,
 * the draw orders the quarter's accepted contracts in its categories and samples 10% (at least
 * one), in a record anyone recomputes; each score is the agency's credit event.
 */
let database: Database
let authority: User
const clock = new ManualClock('2026-09-24T01:30:00Z')
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  const [org] = await database.db.select().from(organizations).where(eq(organizations.nameZh, '贵港市生态环境局'))
  authority = (await database.db.select().from(users).where(eq(users.orgId, org!.id)))[0]!
})
afterAll(async () => database?.close())

describe('a quarterly spot check', () => {
  it('commits before, draws after the quarter, publishes a record anyone recomputes, and scores into credit', async () => {
    const check = await announceSpotCheck(database.db, clock, as(authority), announceSchema.parse({ year: '2026', quarter: '3', percent: '10' }))
    expect(check.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(await code(announceSpotCheck(database.db, clock, as(authority), announceSchema.parse({ year: '2026', quarter: '3', percent: '20' })))).toBe('errors.spotCheckTwice@quarter')
    expect(announceSchema.safeParse({ year: '2026', quarter: '5', percent: '10' }).error?.issues.map((i) => i.message)).toEqual(['errors.quarter'])
    // The public page shows the commitment, never the secret.
    const before = (await spotCheckDetail(database.db, check.id))!
    expect(JSON.stringify(before)).not.toContain(check.secret)
    expect(await code(drawSpotCheck(database.db, clock, as(authority), check.id))).toBe('errors.quarterNotOver')

    const october = new ManualClock('2026-10-08T02:00:00Z')
    const drawn = await drawSpotCheck(database.db, october, as(authority), check.id)
    expect(drawn.contracts).toBeGreaterThanOrEqual(1)
    expect(drawn.sample).toBe(Math.max(1, Math.ceil(drawn.contracts * 0.1)))
    const [row] = await database.db.select().from(draws).where(eq(draws.id, drawn.drawId))
    const record = row!.record as unknown as DrawRecord
    expect(record.purpose).toBe(spotCheckPurpose({ year: 2026, quarter: 3 }))
    expect(record.purpose).toBe('spotcheck-2026Q3')
    expect(record.commitment).toBe(check.commitment)
    expect(verifyRecord(record).ok).toBe(true)
    // Every contract the record lists was accepted in Q3 2026 in the bureau's categories; the sample is its first.
    const items = await database.db.select({ procurementId: spotCheckItems.procurementId, agencyOrgId: spotCheckItems.agencyOrgId, number: procurements.number }).from(spotCheckItems).innerJoin(procurements, eq(procurements.id, spotCheckItems.procurementId)).where(eq(spotCheckItems.spotCheckId, check.id))
    expect(items.map((i) => i.number)).toEqual(record.order.slice(0, drawn.sample))
    expect(await code(drawSpotCheck(database.db, october, as(authority), check.id))).toBe('errors.proposalDecided')

    // A failing score costs the agency 10 points, at once.
    const item = items[0]!
    const scoreBefore = (await creditExplained(database.db, item.agencyOrgId, october.now()))!.score
    expect(spotScoreSchema.safeParse({ procurementId: item.procurementId, score: '101', comment: '超出范围' }).error?.issues.map((i) => i.message)).toEqual(['errors.spotScore'])
    await scoreSpotCheck(database.db, october, as(authority), check.id, spotScoreSchema.parse({ procurementId: item.procurementId, score: '55', comment: '监测数据引用不规范，结论依据不足' }))
    expect((await creditExplained(database.db, item.agencyOrgId, october.now()))!.score).toBe(scoreBefore - 10)
    expect(await code(scoreSpotCheck(database.db, october, as(authority), check.id, spotScoreSchema.parse({ procurementId: item.procurementId, score: '90', comment: '再评一次试试' })))).toBe('errors.alreadyEvaluated')
    expect((await listSpotChecks(database.db)).map((c) => [c.check.year, c.check.quarter, Number(c.items)])).toContainEqual([2026, 3, drawn.sample])
    const trail = await database.db.select({ action: auditLog.action, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, authority.orgId))
    expect(trail.filter((t) => (t.after as { id?: string } | null)?.id === check.id).map((t) => t.action)).toEqual(['spotcheck.announce', 'spotcheck.draw'])
    expect((await verifyChain(database.db)).ok).toBe(true)
  })
})
