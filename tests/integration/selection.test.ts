import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, awards, creditEvents, draws, notifications, organizations, procurements, selectionCandidates, selections, users, type OrgId, type ProcurementId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { JobQueue } from '../../services/jobs'
import { closeIfDue, confirmAward, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { bidInputSchema, submitBid } from '../../services/bids'
import { updateRules, loadRules } from '../../services/market'
import { declineAward, declineSchema, decideExplanation, explainPrice, explanationDecisionSchema, explanationSchema, drawRecord, selectionResult, verifyRecord } from '../../services/selection'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

let database: Database
// Monday 23 November 2026, 10:00 in Shanghai.
const clock = new ManualClock('2026-11-23T02:00:00Z')
let queue: JobQueue
let owner: User
const agencies: User[] = []

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId, ip: '10.0.0.9' })
const adminOf = async (orgId: string) => (await database.db.select().from(users).where(eq(users.orgId, orgId as OrgId)))[0]!

/** Publishes a procurement of the method, has the first `prices.length` agencies bid, and closes it at its deadline. */
async function selectWith(method: string, prices: string[], over: Record<string, unknown> = {}) {
  const form = procurementInputSchema.parse({
    projectCode: '2026-450802-48-01-012345', projectName: '贵港市港北区第三污水处理厂扩建工程', title: `体育中心配套道路工程竣工联合测量（${method}）`,
    itemCodes: ['C05-03'], maxPrice: '68,000', expectedDays: '10', fundingSource: 'public', method, announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234', ...over,
  })
  const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form)).id)
  for (const [i, price] of prices.entries()) await submitBid(database.db, clock, as(agencies[i]!), p.id, bidInputSchema.parse({ price, committedDays: String(8 - (i % 3)), accept: 'yes' }))
  const closing = new ManualClock(p.bidDeadline!)
  const status = await closeIfDue(database.db, closing, queue, p.id)
  return { id: p.id, status }
}
const candidates = (id: ProcurementId) => database.db.select().from(selectionCandidates).where(eq(selectionCandidates.procurementId, id)).orderBy(selectionCandidates.rank)
const awardOf = async (id: ProcurementId) => (await database.db.select().from(awards).where(eq(awards.procurementId, id)))[0] ?? null
const statusOf = async (id: ProcurementId) => (await database.db.select({ s: procurements.status, r: procurements.failedReason }).from(procurements).where(eq(procurements.id, id)))[0]!

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  owner = (await database.db.select().from(users).where(eq(users.email, 'owner@example.com')))[0]!
  const eligible = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C05-03' }), '2026-11-23')
  for (const a of eligible.agencies.slice(0, 5)) agencies.push(await adminOf(a.id))
  expect(agencies).toHaveLength(5)
})
afterAll(async () => database?.close())

describe('the demo seeds', () => {
  it('hold an awarded selection of every method, each draw record recomputing', async () => {
    const rows = await database.db.select({ method: selections.method, status: procurements.status, reason: procurements.failedReason, id: procurements.id }).from(selections).innerJoin(procurements, eq(procurements.id, selections.procurementId))
    const awarded = new Set(rows.filter((r) => r.status === 'awarded').map((r) => r.method))
    expect(awarded).toEqual(new Set(['lowest_price', 'random_draw', 'optimal_price', 'reverse_auction', 'scoring', 'credit_shortlist']))
    expect(rows.some((r) => r.status === 'failed' && r.reason === 'tooFewBids')).toBe(true)
    expect(rows.some((r) => r.status === 'selecting')).toBe(true)
    const records = await database.db.select().from(draws)
    // The methods' draws, the credit shortlist's, and last quarter's spot check.
    expect(new Set(records.map((d) => d.purpose))).toEqual(new Set(['award', 'optimal-base', 'tiebreak-1', 'shortlist', 'spotcheck-2026Q3']))
    for (const d of records) expect(verifyRecord(d.record as never)).toEqual({ ok: true, problems: [] })
    // The declined award is on the credit record of the agency that declined it.
    expect((await database.db.select().from(creditEvents).where(eq(creditEvents.kind, 'award_declined'))).length).toBe(1)
  })
})

describe('a random draw', () => {
  it('with public funds and fewer than the minimum of bids fails; the office may lower the minimum', async () => {
    const two = await selectWith('random_draw', ['60,000', '61,000'])
    expect(two.status).toBe('failed')
    expect((await statusOf(two.id)).r).toBe('tooFewBids')
    // Private money may draw among two.
    const priv = await selectWith('random_draw', ['60,000', '61,000'], { fundingSource: 'private' })
    expect(priv.status).toBe('awarded')
  })

  it('publishes a record anyone can recompute, whose order is the offer order, and the contract takes the winner’s price', async () => {
    const { id, status } = await selectWith('random_draw', ['60,000', '61,000', '62,000', '63,000'])
    expect(status).toBe('awarded')
    const [row] = await database.db.select().from(draws).where(and(eq(draws.procurementId, id), eq(draws.purpose, 'award')))
    const record = (await drawRecord(database.db, row!.id))!.record
    expect(verifyRecord(record).ok).toBe(true)
    const [p] = await database.db.select({ commitment: procurements.drawCommitment, publishedAt: procurements.publishedAt }).from(procurements).where(eq(procurements.id, id))
    expect(record.commitment).toBe(p!.commitment)
    expect(record.committedAt).toBe(p!.publishedAt!.toISOString())
    const ranked = await database.db.select({ uscc: organizations.uscc, rank: selectionCandidates.rank, price: selectionCandidates.priceFen }).from(selectionCandidates).innerJoin(organizations, eq(organizations.id, selectionCandidates.agencyOrgId)).where(eq(selectionCandidates.procurementId, id)).orderBy(selectionCandidates.rank)
    expect(ranked.map((r) => r.uscc)).toEqual(record.order)
    const award = (await awardOf(id))!
    expect(award.priceFen).toBe(ranked[0]!.price)
    // The others learn where they stand.
    const [second] = await database.db.select({ orgId: selectionCandidates.agencyOrgId }).from(selectionCandidates).where(and(eq(selectionCandidates.procurementId, id), eq(selectionCandidates.rank, 2)))
    const told = await database.db.select({ params: notifications.params }).from(notifications).where(and(eq(notifications.orgId, second!.orgId), eq(notifications.kind, 'selectionRanked'), eq(notifications.link, `/procurements/${id}`)))
    expect(told.map((n) => n.params)).toEqual([expect.objectContaining({ rank: 2, n: 4 })])
    // Tampering with any field breaks the record.
    expect(verifyRecord({ ...record, winner: record.order[1]! }).ok).toBe(false)
    expect(verifyRecord({ ...record, secret: record.secret.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }).ok).toBe(false)
  })
})

describe('lowest price', () => {
  it('breaks a tie with a draw among the tied bids only', async () => {
    const { id } = await selectWith('lowest_price', ['60,000', '58,000', '58,000', '65,000'])
    const records = await database.db.select().from(draws).where(eq(draws.procurementId, id))
    expect(records.map((d) => d.purpose)).toEqual(['tiebreak-1'])
    const tie = records[0]!.record as never as { order: string[]; candidates: unknown[] }
    expect(tie.candidates).toHaveLength(2)
    const ranked = await database.db.select({ uscc: organizations.uscc, price: selectionCandidates.priceFen }).from(selectionCandidates).innerJoin(organizations, eq(organizations.id, selectionCandidates.agencyOrgId)).where(eq(selectionCandidates.procurementId, id)).orderBy(selectionCandidates.rank)
    expect(ranked.map((r) => r.price)).toEqual([5_800_000, 5_800_000, 6_000_000, 6_500_000])
    expect(ranked.slice(0, 2).map((r) => r.uscc)).toEqual(tie.order)
  })

  it('asks the agency of an abnormally low price to explain; the owner rejects it and the next is asked or awarded', async () => {
    // 30,000 is more than 30% below the mean of the others (62,000).
    const { id, status } = await selectWith('lowest_price', ['30,000', '61,000', '63,000'])
    expect(status).toBe('selecting')
    const [first] = await candidates(id)
    expect([first!.state, first!.abnormallyLow]).toEqual(['explaining', true])
    expect(await awardOf(id)).toBeNull()
    const lowAgency = agencies[0]!
    expect(await code(explainPrice(database.db, clock, as(agencies[1]!), id, explanationSchema.parse({ explanation: '我单位在该区域有同类项目，已有现成测量控制网，成本较低。' })))).toBe('errors.notFound')
    expect(await code(decideExplanation(database.db, clock, queue, as(owner), id, explanationDecisionSchema.parse({ decision: 'accept' })))).toBe('errors.illegalStep')
    await explainPrice(database.db, clock, as(lowAgency), id, explanationSchema.parse({ explanation: '我单位在该区域有同类项目，已有现成测量控制网，成本较低。' }))
    // The public never reads the explanation; the owner does.
    expect((await selectionResult(database.db, id, { kind: 'public' }))!.candidates[0]!.explanation).toBeNull()
    expect((await selectionResult(database.db, id, { kind: 'owner' }))!.candidates[0]!.explanation).toContain('测量控制网')
    // A rejection needs its reason.
    expect(explanationDecisionSchema.safeParse({ decision: 'reject' }).error?.issues[0]?.message).toBe('errors.reasonRequired')
    expect(await decideExplanation(database.db, clock, queue, as(owner), id, explanationDecisionSchema.parse({ decision: 'reject', reason: '说明不能证明可按质完成' }))).toBe('awarded')
    const after = await candidates(id)
    expect(after.map((c) => c.state)).toEqual(['rejected', 'offered', 'waiting'])
    expect((await awardOf(id))!.priceFen).toBe(6_100_000)
  })

  it('awards the abnormally low price when the owner accepts its explanation', async () => {
    const { id } = await selectWith('lowest_price', ['30,000', '61,000', '63,000'])
    await explainPrice(database.db, clock, as(agencies[0]!), id, explanationSchema.parse({ explanation: '我单位在该区域有同类项目，已有现成测量控制网，成本较低。' }))
    expect(await decideExplanation(database.db, clock, queue, as(owner), id, explanationDecisionSchema.parse({ decision: 'accept' }))).toBe('awarded')
    expect((await awardOf(id))!.priceFen).toBe(3_000_000)
  })
})

describe('after the pick', () => {
  it('a decline and a lapse each pass the award to the next candidate, recorded for credit; none left fails the procurement', async () => {
    const { id } = await selectWith('optimal_price', ['60,000', '61,000', '62,000'])
    const order = await candidates(id)
    const first = await adminOf(order[0]!.agencyOrgId)
    const second = await adminOf(order[1]!.agencyOrgId)
    const third = await adminOf(order[2]!.agencyOrgId)
    expect(await code(declineAward(database.db, clock, queue, as(second), id, declineSchema.parse({ reason: '人员不足' })))).toBe('errors.notFound')
    expect(await declineAward(database.db, clock, queue, as(first), id, declineSchema.parse({ reason: '人员不足，无法按期完成' }))).toBe('awarded')
    expect((await awardOf(id))!.agencyOrgId).toBe(second.orgId)
    // The second lets the confirmation period pass: refused after it, lapsed by the job.
    const award = (await awardOf(id))!
    clock.set(award.confirmBy!)
    expect(await code(confirmAward(database.db, clock, queue, as(second), id))).toBe('errors.offerLapsed')
    await queue.runDue()
    expect((await awardOf(id))!.agencyOrgId).toBe(third.orgId)
    // The third confirms in time: nothing more lapses.
    await confirmAward(database.db, clock, queue, as(third), id)
    clock.set((await awardOf(id))!.confirmBy!)
    await queue.runDue()
    expect((await candidates(id)).map((c) => c.state)).toEqual(['declined', 'timed_out', 'confirmed'])
    expect(await code(declineAward(database.db, clock, queue, as(third), id, declineSchema.parse({ reason: '改变主意了' })))).toBe('errors.alreadyConfirmed')
    const events = await database.db.select({ kind: creditEvents.kind, orgId: creditEvents.orgId }).from(creditEvents).where(eq(creditEvents.procurementId, id))
    expect(events).toEqual(expect.arrayContaining([{ kind: 'award_declined', orgId: first.orgId }, { kind: 'award_not_confirmed', orgId: second.orgId }]))
    expect(events).toHaveLength(2)

    const other = await selectWith('lowest_price', ['60,000'], { fundingSource: 'private' })
    const only = await adminOf((await candidates(other.id))[0]!.agencyOrgId)
    expect(await declineAward(database.db, clock, queue, as(only), other.id, declineSchema.parse({ reason: '人员不足，无法按期完成' }))).toBe('failed')
    expect(await statusOf(other.id)).toEqual({ s: 'failed', r: 'noCandidateLeft' })
    const trail = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, other.id)).orderBy(auditLog.id)
    expect(trail.map((t) => t.action).slice(-5)).toEqual(['selection.offered', 'procurement.award', 'selection.declined', 'procurement.decline', 'procurement.fail'])
    expect((await verifyChain(database.db)).ok).toBe(true)
  })

  it('an explanation not given in time passes to the next candidate', async () => {
    const { id } = await selectWith('lowest_price', ['30,000', '61,000', '63,000'])
    clock.set((await candidates(id))[0]!.respondBy!)
    expect(await code(explainPrice(database.db, clock, as(agencies[0]!), id, explanationSchema.parse({ explanation: '我单位在该区域有同类项目，已有现成测量控制网，成本较低。' })))).toBe('errors.explanationLate')
    await queue.runDue()
    expect((await candidates(id)).map((c) => c.state)).toEqual(['timed_out', 'offered', 'waiting'])
    const [event] = await database.db.select().from(creditEvents).where(and(eq(creditEvents.procurementId, id), inArray(creditEvents.kind, ['explanation_missing'])))
    expect(event?.orgId).toBe(agencies[0]!.orgId)
  })

  it('the office’s minimum for draws is a rule it sets', async () => {
    const office = (await database.db.select().from(users).where(eq(users.email, 'office@example.com')))[0]!
    await updateRules(database.db, clock, { userId: office.id, orgId: office.orgId }, { ...(await loadRules(database.db)), minDrawBids: 2 })
    expect((await selectWith('random_draw', ['60,000', '61,000'])).status).toBe('awarded')
    await updateRules(database.db, clock, { userId: office.id, orgId: office.orgId }, { ...(await loadRules(database.db)), minDrawBids: 3 })
  })
})
