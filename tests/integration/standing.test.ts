import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, awards, bids, creditEvents, notifications, organizations, qualifications, selectionCandidates, users, type OrgId, type ProcurementId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { shanghaiDate } from '../../services/calendar'
import { createSession, validateSessionToken } from '../../services/auth'
import { liftSanction, proposeSanction, sanctionSchema } from '../../services/credit'
import { JobQueue } from '../../services/jobs'
import { closeIfDue, confirmAward, confirmDirect, approveSanction, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { bidCountForOwner, bidInputSchema, submitBid } from '../../services/bids'
import { declineAward, declineSchema } from '../../services/selection'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

/**
 * Eligibility, admission and sanctions are facts of a moment: the one rule
 * (services/bids/standing.ts) is asked at the bid, at the opening, at each offer, at the
 * winner's confirmation and at a direct commission's confirmation, and what it refuses is set
 * aside, recorded and told.
 */
let database: Database
// Monday 23 November 2026, 10:00 in Shanghai.
const clock = new ManualClock('2026-11-23T02:00:00Z')
let queue: JobQueue
let owner: User
let office: User
let approver: User
const agencies: User[] = []

const as = (u: User) => ({ userId: u.id, orgId: u.orgId, ip: '10.0.0.9' })
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? e.code : String(e)))
const adminOf = async (orgId: string) => (await database.db.select().from(users).where(eq(users.orgId, orgId as OrgId)))[0]!
const usccOf = async (u: User) => (await database.db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, u.orgId)))[0]!.uscc
const candidates = (id: ProcurementId) => database.db.select().from(selectionCandidates).where(eq(selectionCandidates.procurementId, id)).orderBy(selectionCandidates.rank)
const noticesOf = async (u: User, kind: string) => (await database.db.select().from(notifications).where(and(eq(notifications.orgId, u.orgId), eq(notifications.kind, kind)))).length
const BASIS = '《贵港市网上中介服务超市管理办法》第二十五条'
/** A blacklisting from `startsOn`, proposed by the office's admin and approved by its approver. */
async function listOnBlacklist(at: ManualClock, uscc: string, decisionNo: string, startsOn: string) {
  const proposal = await proposeSanction(database.db, at, as(office), sanctionSchema.parse({ kind: 'blacklist', uscc, decisionNo, reason: '中选后提供虚假材料', legalBasis: BASIS, startsOn, term: '1' }))
  return approveSanction(database.db, at, queue, as(approver), proposal.id, decisionNo)
}
const list = (u: User, at: ManualClock) => usccOf(u).then((uscc) => listOnBlacklist(at, uscc, '贵中介信〔2026〕31号', shanghaiDate(at.now())))

/** A lowest-price procurement bid on by `bidders` at these prices; returns it unopened. */
async function publishWithBids(title: string, bidders: User[], prices: string[], method = 'lowest_price') {
  const form = procurementInputSchema.parse({
    projectCode: '2026-450802-48-01-012345', projectName: '贵港市体育中心配套道路工程', title, itemCodes: ['C05-03'], maxPrice: '68,000', expectedDays: '10',
    fundingSource: 'public', method, announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
  })
  const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form)).id)
  for (const [i, price] of prices.entries()) await submitBid(database.db, clock, as(bidders[i]!), p.id, bidInputSchema.parse({ price, committedDays: '8', accept: 'yes' }))
  return p
}

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  owner = (await database.db.select().from(users).where(eq(users.email, 'owner@example.com')))[0]!
  office = (await database.db.select().from(users).where(eq(users.email, 'office@example.com')))[0]!
  approver = (await database.db.select().from(users).where(eq(users.email, 'approver@example.com')))[0]!
  const eligible = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C05-03' }), '2026-11-23')
  for (const a of eligible.agencies.slice(0, 4)) agencies.push(await adminOf(a.id))
  expect(agencies).toHaveLength(4)
})
afterAll(async () => database?.close())

describe('the one rule, asked at every step that decides a win', () => {
  it('at the opening: a bid whose qualification lapsed since it was made is set aside, with its reasons, and its bidder told', async () => {
    const [lapsing, second, third] = agencies
    const p = await publishWithBids('竣工联合测量（开标时资质过期）', [lapsing!, second!, third!], ['50,000', '55,000', '56,000'])
    // Valid through the day it bid, not through the opening three working days later.
    const lapse = await database.db.update(qualifications).set({ validTo: shanghaiDate(clock.now()) }).where(eq(qualifications.orgId, lapsing!.orgId)).returning()
    expect(await closeIfDue(database.db, new ManualClock(p.bidDeadline!), queue, p.id)).toBe('awarded')
    const [bid] = await database.db.select().from(bids).where(and(eq(bids.procurementId, p.id), eq(bids.agencyOrgId, lapsing!.orgId)))
    expect(bid!.excluded).toBe('ineligible')
    // No verified, unexpired qualification serves the item any more.
    expect(bid!.excludedReasons).toEqual([{ orgId: lapsing!.orgId, reason: { code: 'itemNotCovered', specialties: expect.any(Array), itemId: expect.any(String) } }])
    // Not ranked: the cheapest that may still win is offered the award.
    expect((await candidates(p.id)).map((c) => c.agencyOrgId)).toEqual([second!.orgId, third!.orgId])
    expect(await noticesOf(lapsing!, 'bidExcluded')).toBe(1)
    const reveal = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'bid.reveal'), eq(auditLog.entityId, bid!.id)))
    expect((reveal[0]!.after as { excluded: string; excludedReasons: unknown[] }).excluded).toBe('ineligible')
    // Restored for the tests below.
    for (const q of lapse) await database.db.update(qualifications).set({ validTo: '2029-12-31' }).where(eq(qualifications.id, q.id))
  })

  it('at each offer: a candidate listed after the opening is passed over when its turn comes, without a credit event', async () => {
    const [first, listed, third] = agencies
    // Prices close together: none is abnormally low, so the first is offered at once.
    const p = await publishWithBids('竣工联合测量（开标后列入失信名单）', [first!, listed!, third!], ['54,000', '55,000', '56,000'])
    const closing = new ManualClock(p.bidDeadline!)
    expect(await closeIfDue(database.db, closing, queue, p.id)).toBe('awarded')
    await list(listed!, closing)
    await declineAward(database.db, closing, queue, as(first!), p.id, declineSchema.parse({ reason: '项目负责人调岗' }))
    expect((await candidates(p.id)).map((c) => c.state)).toEqual(['declined', 'ineligible', 'offered'])
    const [award] = await database.db.select().from(awards).where(eq(awards.procurementId, p.id))
    expect(award!.agencyOrgId).toBe(third!.orgId)
    expect(await noticesOf(listed!, 'candidatePassedOver')).toBe(1)
    const skipped = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'selection.ineligible'), eq(auditLog.entityId, p.id)))
    expect((skipped[0]!.after as { problems: Array<{ reason: { code: string } }> }).problems[0]!.reason.code).toBe('blacklisted')
    expect(await database.db.select().from(creditEvents).where(and(eq(creditEvents.orgId, listed!.orgId), eq(creditEvents.procurementId, p.id)))).toEqual([])
  })

  it('at confirmation: a winner whose qualification lapsed since its offer cannot confirm; the next is offered', async () => {
    const [, , first, second] = agencies
    const p = await publishWithBids('竣工联合测量（确认时资质过期）', [first!, second!], ['54,000', '55,000'])
    const closing = new ManualClock(p.bidDeadline!)
    expect(await closeIfDue(database.db, closing, queue, p.id)).toBe('awarded')
    const lapse = await database.db.update(qualifications).set({ validTo: shanghaiDate(p.bidDeadline!) }).where(eq(qualifications.orgId, first!.orgId)).returning()
    const nextDay = new ManualClock(new Date(p.bidDeadline!.getTime() + 86_400_000))
    const answer = await confirmAward(database.db, nextDay, queue, as(first!), p.id)
    expect(answer.confirmed).toBe(false)
    expect(answer.confirmed === false && answer.problems.map((x) => x.reason.code)).toEqual(['itemNotCovered'])
    expect((await candidates(p.id)).map((c) => c.state)).toEqual(['ineligible', 'offered'])
    const [award] = await database.db.select().from(awards).where(eq(awards.procurementId, p.id))
    expect(award!.agencyOrgId).toBe(second!.orgId)
    expect(award!.confirmedAt).toBeNull()
    // The one passed over can try again: it is no longer the winner.
    expect(await code(confirmAward(database.db, nextDay, queue, as(first!), p.id))).toBe('errors.notFound')
    expect((await confirmAward(database.db, nextDay, queue, as(second!), p.id)).confirmed).toBe(true)
    for (const q of lapse) await database.db.update(qualifications).set({ validTo: '2029-12-31' }).where(eq(qualifications.id, q.id))
    expect((await verifyChain(database.db)).ok).toBe(true)
  })

  it('at a direct commission: an agency named while eligible cannot confirm once its qualification lapsed', async () => {
    const named = agencies[3]!
    const form = procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-012346', projectName: '贵港市体育中心配套道路工程', title: '竣工联合测量（直接委托）', itemCodes: ['C05-03'], maxPrice: '30,000', expectedDays: '10',
      fundingSource: 'public', method: 'direct', directAgencyUscc: await usccOf(named), directReason: '抢险救灾工程，需立即开展测量工作', announcementDays: '1', contactName: '李强', contactPhone: '0775-4561234',
    })
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form)).id)
    const lapse = await database.db.update(qualifications).set({ validTo: shanghaiDate(clock.now()) }).where(eq(qualifications.orgId, named.orgId)).returning()
    const tomorrow = new ManualClock(new Date(clock.now().getTime() + 86_400_000 - 3_600_000))
    expect(await code(confirmDirect(database.db, tomorrow, as(named), p.id, bidInputSchema.parse({ price: '28,000', committedDays: '8', accept: 'yes' })))).toBe('errors.notEligible')
    for (const q of lapse) await database.db.update(qualifications).set({ validTo: '2029-12-31' }).where(eq(qualifications.id, q.id))
    expect(await code(confirmDirect(database.db, tomorrow, as(named), p.id, bidInputSchema.parse({ price: '28,000', committedDays: '8', accept: 'yes' })))).toBe('ok')
  })

  it('listing ends the agency’s sessions at once and withdraws its bids not yet opened, telling it and each owner', async () => {
    const listed = agencies[0]!
    const p = await publishWithBids('竣工联合测量（报名期间列入失信名单）', [listed, agencies[1]!], ['54,000', '55,000'])
    const { token } = await createSession(database.db, clock, listed.id)
    expect(await validateSessionToken(database.db, clock, token)).not.toBeNull()
    expect(await bidCountForOwner(database.db, owner.orgId, p.id)).toBe(2)
    const listing = await list(listed, clock)
    expect(await validateSessionToken(database.db, clock, token)).toBeNull()
    expect(await bidCountForOwner(database.db, owner.orgId, p.id)).toBe(1)
    const [bid] = await database.db.select().from(bids).where(and(eq(bids.procurementId, p.id), eq(bids.agencyOrgId, listed.orgId)))
    expect(bid!.status).toBe('withdrawn')
    // This bid and any other it had standing (the demo's open procurements): one notice each, to it and to the owner.
    const withdrawn = await noticesOf(listed, 'bidWithdrawnListed')
    expect(withdrawn).toBeGreaterThanOrEqual(1)
    expect(await noticesOf(owner, 'bidWithdrawnByMarket')).toBeGreaterThanOrEqual(1)
    const enforced = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'sanction.enforce'), eq(auditLog.entityId, listed.orgId)))
    expect(enforced.map((e) => e.after)).toEqual([{ id: listing.id, sessionsEnded: 1, bidsWithdrawn: withdrawn }])
    await liftSanction(database.db, clock, as(office), listing.id, '经复核撤销')
  })

  it('a listing that starts later takes effect on its first day, by a job, unless lifted first', async () => {
    const later = agencies[1]!
    const { token } = await createSession(database.db, clock, later.id)
    const uscc = await usccOf(later)
    const start = '2026-11-26'
    const listing = await listOnBlacklist(clock, uscc, '贵中介信〔2026〕32号', start)
    expect(await validateSessionToken(database.db, clock, token)).not.toBeNull()
    const thatDay = new ManualClock('2026-11-25T16:00:30Z') // 00:00:30 on the 26th in Beijing
    const dayQueue = new JobQueue(database.db, thatDay, procurementHandlers as never, { log: () => {} })
    expect(await dayQueue.runDue()).toBeGreaterThanOrEqual(1)
    expect(await validateSessionToken(database.db, thatDay, token)).toBeNull()
    await liftSanction(database.db, thatDay, as(office), listing.id, '经复核撤销')
    expect((await verifyChain(database.db)).ok).toBe(true)
  })
})
