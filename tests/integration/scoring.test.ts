import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { awards, bids, creditEvents, organizations, selectionCandidates, selections, type User } from '../../db/schema'
import { bidInputSchema, submitBid } from '../../services/bids'
import { shanghaiDate } from '../../services/calendar'
import { issueYellowCard, refreshScores, sanctionSchema } from '../../services/credit'
import { JobQueue } from '../../services/jobs'
import { updateRules, loadRules } from '../../services/market'
import { closeIfDue, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { chooseFromShortlist, chooseSchema, declineAward, declineSchema } from '../../services/selection'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { createOrganization, createUser } from '../../seeds/factories'
import { eiaMarket } from '../support/load'
import { freshDatabase } from '../support/db'

/*
 * 综合评分 from the announcement to the award: the weights published and bounded by the office,
 * each bid's points computed from its price, its agency's credit at the opening and its days,
 * an agency under a yellow card refused at the bid and set aside at the opening, the score table
 * published with the result.
 */
let database: Database
let owner: User
let agencies: User[]
let office: User
let queue: JobQueue
const clock = new ManualClock('2026-06-15T02:00:00Z')
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const usccOf = async (u: User) => (await database.db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, u.orgId)))[0]!.uscc
const raw = {
  projectCode: '2026-450802-48-01-012345', projectName: '港北区文化中心', title: '文化中心环评（综合评分）', itemCodes: ['C06-02'], maxPrice: '100,000', expectedDays: '12',
  fundingSource: 'public', method: 'scoring', announcementDays: '5', contactName: '李强', contactPhone: '0775-4561234', weightPrice: '60', weightCredit: '30', weightDays: '10',
}
const form = (over: Record<string, string> = {}) => procurementInputSchema.parse({ ...raw, ...over })

beforeAll(async () => {
  database = await freshDatabase()
  ;({ owner, agencies } = await eiaMarket(database.db, 4, 'scoring', clock.now()))
  const org = await createOrganization(database.db, { kind: 'market_office', nameZh: '贵港市中介超市管理办公室', nameEn: 'Market office', uscc: '11450800MB1234568X', regionCode: '450800', contactName: '黄敏', contactPhone: '0775-4569123', contactEmail: 'office@scoring.test' }, clock.now())
  office = await createUser(database.db, { email: 'office@scoring.test', displayName: '管理员', orgId: org.id, role: 'admin', passwordHash: 'x' }, clock.now())
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  // Agency 2 has lost 10 points (two declined awards), agency 3 three (a missing explanation).
  const plant = async (u: User, kind: string, n: number) => {
    for (let i = 0; i < n; i++) await database.db.insert(creditEvents).values({ orgId: u.orgId, kind, occurredAt: new Date('2026-05-01T04:00:00Z'), dedupeKey: `scoring:${u.orgId}:${kind}:${i}` })
    await refreshScores(database.db, [u.orgId], clock.now())
  }
  await plant(agencies[1]!, 'award_declined', 2)
  await plant(agencies[2]!, 'explanation_missing', 1)
})
afterAll(async () => database?.close())

describe('scoring (综合评分)', () => {
  it('refuses weights outside their bounds, with the office’s minimum for the price', () => {
    const issues = (over: Record<string, string>) => procurementInputSchema.safeParse({ ...raw, ...over }).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues({ weightPrice: '60', weightCredit: '30', weightDays: '20' })).toEqual([['weightPrice', 'errors.weightsSum']])
    expect(issues({ weightDays: '' })).toEqual([['weightDays', 'errors.required']])
    expect(issues({ weightCredit: '101' })).toEqual([['weightCredit', 'errors.weight']])
  })

  it('keeps the price weight at or above the office’s minimum', async () => {
    expect(await code(saveDraft(database.db, clock, as(owner), form({ weightPrice: '20', weightCredit: '70', weightDays: '10' })))).toBe('errors.priceWeight@weightPrice')
    await updateRules(database.db, clock, as(office), { ...(await loadRules(database.db)), minPriceWeight: 15 })
    expect(await code(saveDraft(database.db, clock, as(owner), form({ weightPrice: '20', weightCredit: '70', weightDays: '10' })))).toBe('ok')
    await updateRules(database.db, clock, as(office), { ...(await loadRules(database.db)), minPriceWeight: 30 })
  })

  it('scores the bids at the opening, sets aside a yellow card, publishes the table and awards the top score', async () => {
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form())).id)
    expect(p.methodParams).toEqual({ weights: { price: 60, credit: 30, days: 10 } })
    const [a1, a2, a3, a4] = agencies as [User, User, User, User]
    const bid = (u: User, price: string, days: string) => submitBid(database.db, clock, as(u), p.id, bidInputSchema.parse({ price, committedDays: days, accept: 'yes' }))
    await bid(a1, '90,000', '12') // credit 100
    await bid(a2, '80,000', '10') // credit 90
    await bid(a3, '85,000', '8') // credit 97
    await bid(a4, '70,000', '8')
    // Agency 4 gets a yellow card after its bid: the opening sets its bid aside.
    await issueYellowCard(database.db, clock, as(office), sanctionSchema.parse({ kind: 'yellow_card', uscc: await usccOf(a4), decisionNo: '贵中介信〔2026〕黄9号', reason: '未按承诺时限提交成果', legalBasis: '《贵港市网上中介服务超市管理办法》第二十五条', startsOn: shanghaiDate(clock.now()), term: '6' }))
    // Nor could it bid now.
    expect(await code(bid(a4, '69,000', '8'))).toMatch(/^errors\.(notEligible|alreadyBid)/)

    expect(await closeIfDue(database.db, new ManualClock(p.bidDeadline!), queue, p.id)).toBe('awarded')
    const [setAside] = await database.db.select().from(bids).where(and(eq(bids.procurementId, p.id), eq(bids.agencyOrgId, a4.orgId)))
    expect(setAside!.excluded).toBe('yellowCard')
    const [selection] = await database.db.select().from(selections).where(eq(selections.procurementId, p.id))
    // Lowest 80,000, fewest 8 days. a3: 60·80/85 = 56.47, 30·0.97 = 29.10, 10 → 95.57; a2: 60, 27, 8 → 95.00; a1: 53.33, 30, 6.67 → 90.00.
    const table = (selection!.detail as { table: Array<{ key: string; price: number; creditPoints: number; days: number; total: number; credit: number }> }).table
    expect(table.map((l) => [l.key, l.credit, l.price, l.creditPoints, l.days, l.total])).toEqual([
      [await usccOf(a3), 97, 5647, 2910, 1000, 9557],
      [await usccOf(a2), 90, 6000, 2700, 800, 9500],
      [await usccOf(a1), 100, 5333, 3000, 667, 9000],
    ])
    const [award] = await database.db.select().from(awards).where(eq(awards.procurementId, p.id))
    expect(award).toMatchObject({ agencyOrgId: a3.orgId, priceFen: 8_500_000, method: 'scoring' })
  })
})

describe('credit shortlist (信用择优)', () => {
  it('draws a short list from the best credit scores and awards the one the owner chooses, with its reason', async () => {
    const [a1, a2, a3, a4] = agencies as [User, User, User, User]
    const issues = (over: Record<string, string>) => procurementInputSchema.safeParse({ ...raw, method: 'credit_shortlist', ...over }).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues({ longList: '3', shortList: '3' })).toEqual([['shortList', 'errors.shortListLonger']])
    expect(issues({ longList: '40', shortList: '3' })).toEqual([['longList', 'errors.longList']])
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form({ title: '文化中心环评（信用择优）', method: 'credit_shortlist', longList: '3', shortList: '2' }))).id)
    expect(p.methodParams).toEqual({ longList: 3, shortList: 2 })
    const bid = (u: User, price: string) => submitBid(database.db, clock, as(u), p.id, bidInputSchema.parse({ price, committedDays: '10', accept: 'yes' }))
    await bid(a1, '90,000')
    await bid(a2, '80,000')
    await bid(a3, '85,000')
    // Agency 4's yellow card keeps it out of a method that weighs credit.
    expect(await code(bid(a4, '70,000'))).toBe('errors.notEligible')

    expect(await closeIfDue(database.db, new ManualClock(p.bidDeadline!), queue, p.id)).toBe('selecting')
    const [selection] = await database.db.select().from(selections).where(eq(selections.procurementId, p.id))
    expect((selection!.detail as { long: Array<{ credit: number }> }).long.map((l) => l.credit)).toEqual([100, 97, 90])
    const short = await database.db.select().from(selectionCandidates).where(eq(selectionCandidates.procurementId, p.id)).orderBy(asc(selectionCandidates.rank))
    expect(short.map((c) => c.state)).toEqual(['waiting', 'waiting'])
    expect(await database.db.select().from(awards).where(eq(awards.procurementId, p.id))).toEqual([])
    const outside = (await database.db.select().from(bids).where(eq(bids.procurementId, p.id))).find((b) => !short.some((c) => c.bidId === b.id))!
    const later = new ManualClock(new Date(p.bidDeadline!.getTime() + 3_600_000))
    const choose = (bidId: string, reason = '项目负责人具有同类项目经验，服务方案完整') => chooseFromShortlist(database.db, later, queue, as(owner), p.id, chooseSchema.parse({ bidId, reason }))
    expect(await code(choose(outside.id))).toBe('errors.chooseCandidate@bidId')
    expect(await code(chooseFromShortlist(database.db, later, queue, as(a1), p.id, chooseSchema.parse({ bidId: short[1]!.bidId, reason: '这不是采购人的选择理由' })))).toBe('errors.notFound')
    expect(chooseSchema.safeParse({ bidId: short[1]!.bidId, reason: '太短' }).error?.issues.map((i) => i.message)).toEqual(['errors.chooseReason'])

    // The owner chooses the second of the draw: it becomes the first candidate and is offered the award.
    expect(await choose(short[1]!.bidId)).toBe('awarded')
    const after = await database.db.select().from(selectionCandidates).where(eq(selectionCandidates.procurementId, p.id)).orderBy(asc(selectionCandidates.rank))
    expect(after.map((c) => [c.bidId, c.state])).toEqual([[short[1]!.bidId, 'offered'], [short[0]!.bidId, 'waiting']])
    const [chosen] = await database.db.select().from(selections).where(eq(selections.procurementId, p.id))
    expect(chosen!.detail).toMatchObject({ chosen: short[1]!.bidId, reason: '项目负责人具有同类项目经验，服务方案完整' })
    expect(await code(choose(short[0]!.bidId))).toBe('errors.illegalStep')

    // The chosen one declines: the other of the short list is offered it.
    const winner = agencies.find((a) => a.orgId === short[1]!.agencyOrgId)!
    await declineAward(database.db, later, queue, as(winner), p.id, declineSchema.parse({ reason: '项目负责人临时调离' }))
    const [award] = await database.db.select().from(awards).where(eq(awards.procurementId, p.id))
    expect(award!.agencyOrgId).toBe(short[0]!.agencyOrgId)
  })
})
