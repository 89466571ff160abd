import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, awards, creditEvents, draws, organizations, procurements, selectionCandidates, selections, users, type OrgId, type ProcurementId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { JobQueue } from '../../services/jobs'
import { bidInputSchema, closeIfDue, confirmAward, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft, submitBid, updateRules, loadRules } from '../../services/procurement'
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
  it('hold a selection of every method that decides at opening, each draw record recomputing', async () => {
    const rows = await database.db.select({ method: selections.method, status: procurements.status, reason: procurements.failedReason, id: procurements.id }).from(selections).innerJoin(procurements, eq(procurements.id, selections.procurementId))
    const awarded = new Set(rows.filter((r) => r.status === 'awarded').map((r) => r.method))
    expect(awarded).toEqual(new Set(['lowest_price', 'random_draw', 'optimal_price']))
    expect(rows.some((r) => r.status === 'failed' && r.reason === 'tooFewBids')).toBe(true)
    expect(rows.some((r) => r.status === 'selecting')).toBe(true)
    const records = await database.db.select().from(draws)
    expect(new Set(records.map((d) => d.purpose))).toEqual(new Set(['award', 'optimal-base', 'tiebreak-1']))
    for (const d of records) expect(verifyRecord(d.record as never)).toEqual({ ok: true, problems: [] })
    // The declined award is on the credit record of the agency that declined it.
    expect((await database.db.select().from(creditEvents).where(eq(creditEvents.kind, 'award_declined'))).length).toBe(1)
  })
})
