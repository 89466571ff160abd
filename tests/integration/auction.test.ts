import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auctionEvents, auctions, auditLog, awards, selectionCandidates, users, type OrgId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { JobQueue } from '../../services/jobs'
import { cancelProcurement, closeIfDue, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { bidInputSchema, openedBids, submitBid } from '../../services/bids'
import { AttemptLimiter, auctionBidSchema, auctionBoard, placeAuctionBid, replay, termsOf } from '../../services/selection'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { dbError, freshDatabase } from '../support/db'

let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
let queue: JobQueue
let owner: User
const agencies: User[] = []
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? e.code : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const bid = (price: string, key: string) => auctionBidSchema.parse({ price, idempotencyKey: key })

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  owner = (await database.db.select().from(users).where(eq(users.email, 'owner@example.com')))[0]!
  const eligible = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C05-03' }), '2026-11-23')
  for (const a of eligible.agencies.slice(0, 3)) agencies.push((await database.db.select().from(users).where(eq(users.orgId, a.id as OrgId)))[0]!)
})
afterAll(async () => database?.close())

describe('a live reverse auction', () => {
  it('runs three rounds from the clock and its log, refuses what breaks the rules, and ranks the final prices', async () => {
    const { db } = database
    const form = procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-027745', projectName: '贵港市体育中心配套道路工程', title: '体育中心配套道路工程竣工联合测量（网上竞价）',
      itemCodes: ['C05-03'], maxPrice: '68,000', expectedDays: '10', fundingSource: 'public', method: 'reverse_auction', minStep: '500', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
    })
    const p = await publishProcurement(db, clock, queue, as(owner), (await saveDraft(db, clock, as(owner), form)).id)
    for (const [i, price] of ['60,000', '61,000', '62,000'].entries()) await submitBid(db, clock, as(agencies[i]!), p.id, bidInputSchema.parse({ price, committedDays: '8', accept: 'yes' }))
    clock.set(p.bidDeadline!)
    expect(await closeIfDue(db, clock, queue, p.id)).toBe('selecting')
    // During the auction nobody, the owner included, reads who bid what: labels only.
    expect(await openedBids(db, p.id)).toEqual([])
    const [auction] = await db.select().from(auctions).where(eq(auctions.procurementId, p.id))
    // The working day after the deadline (Thursday 26th, 17:00) is Friday 27th, at 10:00 Shanghai.
    expect(auction!.startsAt.toISOString()).toBe('2026-11-27T02:00:00.000Z')
    const scheduled = (await auctionBoard(db, clock, p.id, agencies[2]!.orgId))!
    expect(scheduled.phase).toBe('scheduled')
    expect(scheduled.rows.map((r) => [r.label, r.priceFen])).toEqual([[1, 6_200_000], [2, 6_100_000], [3, 6_000_000]])
    expect(scheduled.myLabel).toBe(1)
    expect(JSON.stringify(scheduled)).not.toMatch(new RegExp(agencies.map((a) => a.orgId).join('|')))
    expect(await code(placeAuctionBid(db, clock, as(agencies[2]!), p.id, bid('59,000', 'k-early-1')))).toBe('errors.auctionNotStarted')

    const at = (slot: number) => clock.set(new Date(auction!.startsAt.getTime() + slot * auction!.turnSeconds * 1000 + 1000))
    at(0) // round 1, turn 1: label 1 (62,000)
    expect(await code(placeAuctionBid(db, clock, as(agencies[1]!), p.id, bid('59,000', 'k-out-of-turn')))).toBe('errors.notYourTurn')
    expect(await code(placeAuctionBid(db, clock, as(agencies[2]!), p.id, bid('61,800', 'k-small-step')))).toBe('errors.stepTooSmall')
    const first = await placeAuctionBid(db, clock, as(agencies[2]!), p.id, bid('59,000', 'k-first-move'))
    // The same submission again gets the first answer; another in the same turn is refused.
    const again = await placeAuctionBid(db, clock, as(agencies[2]!), p.id, bid('59,000', 'k-first-move'))
    expect([again.repeated, again.event.id]).toEqual([true, first.event.id])
    expect(await code(placeAuctionBid(db, clock, as(agencies[2]!), p.id, bid('58,000', 'k-second-move')))).toBe('errors.alreadyMoved')
    at(1) // label 2 keeps its price by saying nothing
    at(2) // label 3 (60,000)
    await placeAuctionBid(db, clock, as(agencies[0]!), p.id, bid('58,500', 'k-third-move'))
    at(3) // round 2: from the highest (label 2 at 61,000) to the lowest
    const round2 = (await auctionBoard(db, clock, p.id))!
    expect([round2.round, round2.turn, round2.currentLabel]).toEqual([2, 1, 2])
    expect(round2.rows.map((r) => r.label)).toEqual([2, 1, 3])
    // A flood: the limiter refuses a second attempt within a second, before any database work.
    const limiter = new AttemptLimiter()
    await placeAuctionBid(db, clock, as(agencies[1]!), p.id, bid('58,000', 'k-flood-one'), limiter)
    at(4)
    expect(await code(placeAuctionBid(db, clock, as(agencies[2]!), p.id, bid('57,000', 'k-flood-two'), limiter))).toBe('ok')
    expect(await code(placeAuctionBid(db, clock, as(agencies[2]!), p.id, bid('56,000', 'k-flood-three'), limiter))).toBe('errors.tooFast')

    // After the last turn: nothing more, and the finish job ranks the final prices.
    clock.set(auction!.endsAt)
    expect(await code(placeAuctionBid(db, clock, as(agencies[0]!), p.id, bid('50,000', 'k-too-late')))).toBe('errors.auctionClosed')
    await queue.runDue()
    const [award] = await db.select().from(awards).where(eq(awards.procurementId, p.id))
    expect([award!.agencyOrgId, award!.priceFen]).toEqual([agencies[2]!.orgId, 5_700_000])
    const ranked = await db.select().from(selectionCandidates).where(eq(selectionCandidates.procurementId, p.id)).orderBy(selectionCandidates.rank)
    expect(ranked.map((c) => [c.agencyOrgId, c.priceFen])).toEqual([[agencies[2]!.orgId, 5_700_000], [agencies[1]!.orgId, 5_800_000], [agencies[0]!.orgId, 5_850_000]])
    // The log replays to the same prices, and so to the same ranking.
    const moves = await db.select().from(auctionEvents).where(eq(auctionEvents.procurementId, p.id)).orderBy(auctionEvents.id)
    const [done] = await db.select().from(auctions).where(eq(auctions.procurementId, p.id))
    const { prices } = replay(termsOf(done!), moves)
    expect(ranked.map((c) => prices.get(c.bidId))).toEqual(ranked.map((c) => c.priceFen))
    // Identities are revealed with the result; the events themselves are append-only.
    const [rank] = await db.select().from(auditLog).where(eq(auditLog.action, 'selection.rank')).orderBy(auditLog.id).limit(1).offset(0)
    expect(rank).toBeDefined()
    expect(await dbError(db.update(auctionEvents).set({ priceFen: 1 }).where(eq(auctionEvents.procurementId, p.id)))).toContain('append-only')
    expect((await openedBids(db, p.id)).length).toBe(3)
    expect((await auctionBoard(db, clock, p.id))!.finished).toBe(true)
    expect((await verifyChain(db)).ok).toBe(true)
  })
  it('stops when the owner cancels it: no more bids, no result', async () => {
    const { db } = database
    const form = procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-027746', projectName: '贵港市体育中心配套道路工程', title: '体育中心配套道路工程竣工联合测量（撤销的竞价）',
      itemCodes: ['C05-03'], maxPrice: '68,000', expectedDays: '10', fundingSource: 'public', method: 'reverse_auction', minStep: '500', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
    })
    const p = await publishProcurement(db, clock, queue, as(owner), (await saveDraft(db, clock, as(owner), form)).id)
    for (const [i, price] of ['60,000', '61,000'].entries()) await submitBid(db, clock, as(agencies[i]!), p.id, bidInputSchema.parse({ price, committedDays: '8', accept: 'yes' }))
    clock.set(p.bidDeadline!)
    await closeIfDue(db, clock, queue, p.id)
    const [auction] = await db.select().from(auctions).where(eq(auctions.procurementId, p.id))
    clock.set(new Date(auction!.startsAt.getTime() + 1000))
    await cancelProcurement(db, clock, as(owner), p.id, '项目暂缓实施，撤销本次采购')
    expect(await code(placeAuctionBid(db, clock, as(agencies[1]!), p.id, bid('59,000', 'k-after-cancel')))).toBe('errors.auctionClosed')
    expect((await auctionBoard(db, clock, p.id))!.phase).toBe('halted')
    clock.set(auction!.endsAt)
    await queue.runDue()
    expect(await db.select().from(awards).where(eq(awards.procurementId, p.id))).toEqual([])
  })
})
