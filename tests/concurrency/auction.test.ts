import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auctionEvents, auctions, auditLog, type User } from '../../db/schema'
import { verifyChain } from '../../services/audit'
import { JobQueue } from '../../services/jobs'
import { closeIfDue, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { bidInputSchema, submitBid } from '../../services/bids'
import { auctionBidSchema, placeAuctionBid } from '../../services/selection'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { freshDatabase } from '../support/db'
import { eiaMarket } from '../support/load'

/**
 * On real PostgreSQL: in each turn of a live auction the bidder whose turn it is sends 50
 * submissions at once (and the others try too). Exactly one takes effect per turn, and the
 * order of the log is the order in which the moves committed.
 */
let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
let owner: User
let agencies: User[] = []

beforeAll(async () => {
  database = await freshDatabase()
  ;({ owner, agencies } = await eiaMarket(database.db, 3, 'auction', clock.now()))
})
afterAll(async () => database?.close())

describe('a live auction under load', () => {
  it('takes exactly one move per turn out of 50 simultaneous submissions, and logs moves in commit order', async () => {
    const { db } = database
    const queue = new JobQueue(db, clock, procurementHandlers as never, { log: () => {} })
    const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
    const form = procurementInputSchema.parse({
      projectCode: '2026-450802-46-01-031207', projectName: '贵港市港北区第三污水处理厂扩建工程', title: '第三污水处理厂扩建工程环境影响报告表编制（网上竞价）',
      itemCodes: ['C06-02'], maxPrice: '68,000', expectedDays: '10', fundingSource: 'public', method: 'reverse_auction', minStep: '100', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
    })
    const p = await publishProcurement(db, clock, queue, as(owner), (await saveDraft(db, clock, as(owner), form)).id)
    for (const [i, a] of agencies.entries()) await submitBid(db, clock, as(a), p.id, bidInputSchema.parse({ price: String(60_000 + i * 1000), committedDays: '8', accept: 'yes' }))
    clock.set(p.bidDeadline!)
    await closeIfDue(db, clock, queue, p.id)
    const [auction] = await db.select().from(auctions).where(eq(auctions.procurementId, p.id))
    const turns = auction!.rounds * agencies.length
    for (let slot = 0; slot < turns; slot++) {
      clock.set(new Date(auction!.startsAt.getTime() + slot * auction!.turnSeconds * 1000 + 500))
      // Everyone fires 50 submissions at once, each with its own key and a lower price than the last.
      const attempts = agencies.flatMap((a, n) =>
        Array.from({ length: 50 }, (_, k) => placeAuctionBid(db, clock, as(a), p.id, auctionBidSchema.parse({ price: String(59_000 - slot * 500 - k), idempotencyKey: `slot-${slot}-agency-${n}-try-${k}` }))),
      )
      const outcomes = await Promise.allSettled(attempts)
      const taken = outcomes.filter((o) => o.status === 'fulfilled')
      expect(taken).toHaveLength(1)
      const reasons = new Set(outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason instanceof DomainError ? o.reason.code : String(o.reason))))
      expect([...reasons].sort()).toEqual(['errors.alreadyMoved', 'errors.notYourTurn'])
    }
    const moves = await db.select().from(auctionEvents).where(eq(auctionEvents.procurementId, p.id)).orderBy(auctionEvents.id)
    expect(moves).toHaveLength(turns)
    expect(moves.map((m) => m.round * agencies.length + m.turn)).toEqual(Array.from({ length: turns }, (_, i) => i))
    // The audit chain is appended under a lock held to commit: its order is the commit order.
    const logged = await db.select({ after: auditLog.after }).from(auditLog).where(inArray(auditLog.action, ['auction.bid'])).orderBy(auditLog.id)
    expect(logged.map((l) => (l.after as { eventId: number }).eventId)).toEqual(moves.map((m) => m.id))
    expect((await verifyChain(db)).ok).toBe(true)
    clock.set(auction!.endsAt)
    await queue.runDue()
    const [done] = await db.select().from(auctions).where(eq(auctions.procurementId, p.id))
    expect(done!.finishedAt).not.toBeNull()
  }, 120_000)
})
