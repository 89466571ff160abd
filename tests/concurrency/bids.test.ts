import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, selectionCandidates, type User } from '../../db/schema'
import { verifyChain } from '../../services/audit'
import { JobQueue } from '../../services/jobs'
import { closeIfDue, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { bidInputSchema, submitBid } from '../../services/bids'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { freshDatabase } from '../support/db'
import { eiaMarket } from '../support/load'

/**
 * On real PostgreSQL, with a pool of connections: 200 agencies bid on one procurement at the same
 * moment, each pressing "submit" twice. Every bid lands once, none is lost, the audit chain holds,
 * and the selection at the opening ranks all 200.
 */
const N = 200
let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
let owner: User
let agencies: User[] = []

beforeAll(async () => {
  database = await freshDatabase()
  ;({ owner, agencies } = await eiaMarket(database.db, N, 'load', clock.now()))
}, 240_000)
afterAll(async () => database?.close())

describe('200 agencies bidding at the same moment', () => {
  it('lose no bid and duplicate none; the selection ranks them all', async () => {
    const { db } = database
    const queue = new JobQueue(db, clock, procurementHandlers as never, { log: () => {} })
    const form = procurementInputSchema.parse({
      projectCode: '2026-450802-46-01-031207', projectName: '贵港市港北区第三污水处理厂扩建工程', title: '第三污水处理厂扩建工程环境影响报告表编制',
      itemCodes: ['C06-02'], maxPrice: '68,000', expectedDays: '10', fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
    })
    const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
    const p = await publishProcurement(db, clock, queue, as(owner), (await saveDraft(db, clock, as(owner), form)).id)
    // Each agency submits twice at once (a double click, two tabs): 400 transactions racing on a pool of 12.
    const calls = agencies.flatMap((a, i) => {
      const input = bidInputSchema.parse({ price: String(40_000 + i * 100), committedDays: String(5 + (i % 5)), accept: 'yes' })
      return [submitBid(db, clock, as(a), p.id, input), submitBid(db, clock, as(a), p.id, input)]
    })
    const outcomes = await Promise.allSettled(calls)
    const ok = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(ok).toHaveLength(N)
    expect(refused.map((o) => (o.reason instanceof DomainError ? o.reason.code : String(o.reason))).every((c) => c === 'errors.bidExists')).toBe(true)
    expect(refused).toHaveLength(N)
    // Every bid was logged once, sealed, and the chain over all those concurrent transactions verifies.
    const ids = ok.map((o) => (o as PromiseFulfilledResult<{ id: string }>).value.id)
    const logged = await db.select({ entityId: auditLog.entityId, id: auditLog.id }).from(auditLog).where(inArray(auditLog.entityId, ids)).orderBy(auditLog.id)
    expect(new Set(logged.map((l) => l.entityId)).size).toBe(N)
    expect(logged).toHaveLength(N)
    expect((await verifyChain(db)).ok).toBe(true)

    expect(await closeIfDue(db, new ManualClock(p.bidDeadline!), queue, p.id)).toBe('awarded')
    const ranked = await db.select({ rank: selectionCandidates.rank, price: selectionCandidates.priceFen }).from(selectionCandidates).where(eq(selectionCandidates.procurementId, p.id)).orderBy(selectionCandidates.rank)
    expect(ranked.map((c) => c.rank)).toEqual(Array.from({ length: N }, (_, i) => i + 1))
    expect(ranked[0]!.price).toBe(4_000_000)
  }, 240_000)
})
