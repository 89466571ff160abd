import { eq, isNotNull, isNull, and, lt, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { deliveries, monitorings, redFlags, users, type OrgId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { bidInputSchema, submitBid } from '../../services/bids'
import { JobQueue } from '../../services/jobs'
import { amendmentSchema, amendProcurement, closeIfDue, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { dismissRedFlag, evaluateRedFlags, findRedFlags, openMonitoring, openMonitoringSchema, ruleShares, setRedFlagThreshold, thresholdsOf, RED_FLAG_RULES } from '../../services/supervision'
import { DEMO_ACCOUNTS, seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

/*
 * Each red-flag rule fires on a case planted for it and not on its near miss. The cases are made a
 * year after the demo (Monday 13 December 2027), so the rules' twelve-month windows hold them alone.
 */
let database: Database
const clock = new ManualClock('2026-12-07T02:00:00Z')
let queue: JobQueue
let owner: User
let office: User
const survey: User[] = [] // C05-03: three qualified in December 2027
const eia: User[] = [] // C06-02
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId, ip: '10.0.0.9' })
const planted: Record<string, string[]> = {}
const PROJECT = { projectCode: '2027-450802-48-01-012345', projectName: '贵港市港北区第三污水处理厂扩建工程', contactName: '李强', contactPhone: '0775-4561234', fundingSource: 'private', method: 'lowest_price', maxPrice: '68,000', expectedDays: '10' }

/** Publishes (the minimum 3 days unless said), has the agencies bid the prices (from the given addresses), and closes it at its deadline. */
async function run(title: string, item: string, bids: Array<[User, string, string?]>, over: Record<string, unknown> = {}) {
  const form = procurementInputSchema.parse({ ...PROJECT, title, itemCodes: [item], announcementDays: '3', ...over })
  const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form)).id)
  for (const [u, price, ip] of bids) await submitBid(database.db, clock, { ...as(u), ip: ip ?? `10.9.${survey.indexOf(u) + eia.indexOf(u) + 2}.1` }, p.id, bidInputSchema.parse({ price, committedDays: '8', accept: 'yes' }), { deviceId: `device-${u.orgId}` })
  if (over.keepOpen) return p.id
  await closeIfDue(database.db, new ManualClock(p.bidDeadline!), queue, p.id)
  return p.id
}

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  owner = (await database.db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.owner)))[0]!
  office = (await database.db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.market_office)))[0]!

  for (const [item, into] of [['C05-03', survey], ['C06-02', eia]] as const) {
    const found = await searchAgencies(database.db, directoryQuerySchema.parse({ item }), '2027-12-13')
    for (const a of found.agencies.slice(0, 4)) into.push((await database.db.select().from(users).where(eq(users.orgId, a.id as OrgId)))[0]!)
  }
  expect([survey.length, eia.length]).toEqual([3, 4])
  // The planted cases and their near misses, each a procurement of its own.
  clock.set('2027-12-13T02:00:00Z')
  const [a, b, c] = survey as [User, User, User]
  planted.single_bid = [await run('单一报价', 'C05-03', [[a, '60,000']]), await run('两家报价', 'C05-03', [[a, '60,000'], [b, '61,000']])]
  planted.deep_discount = [await run('深度让利', 'C05-03', [[a, '45,000'], [b, '46,000'], [c, '47,000']]), await run('让利未达', 'C05-03', [[a, '48,000'], [b, '49,000'], [c, '50,000']])]
  planted.winner_gap = [await run('差距过大', 'C05-03', [[a, '49,000'], [c, '62,000']]), await run('差距未达', 'C05-03', [[a, '50,000'], [c, '62,000']])]
  planted.identical_prices = [await run('报价相同', 'C05-03', [[a, '55,000'], [b, '55,000'], [c, '58,000']]), await run('报价相近', 'C05-03', [[a, '55,000'], [b, '55,100'], [c, '58,000']])]
  // The same two, three times; the winner-gap pair bid together twice (its near miss).
  planted.same_bidders = [await run('同组一', 'C05-03', [[b, '59,000'], [c, '60,000']]), await run('同组二', 'C05-03', [[b, '59,500'], [c, '60,500']]), await run('同组三', 'C05-03', [[b, '59,800'], [c, '60,800']])]
  planted.same_bidders_near = planted.winner_gap
  planted.shared_origin = [await run('同一地址', 'C05-03', [[a, '59,000', '10.7.7.7'], [b, '60,000', '10.7.7.7'], [c, '61,000']]), await run('不同地址', 'C05-03', [[a, '59,000', '10.7.7.8'], [b, '60,000', '10.7.7.9']])]
  planted.short_announcement = [await run('公告最短', 'C05-03', [[a, '59,000']], { keepOpen: true }), await run('公告较长', 'C05-03', [[a, '59,000']], { keepOpen: true, announcementDays: '4' })]
  // Amended twice, and once.
  const twice = await run('两次修改', 'C05-03', [], { keepOpen: true, announcementDays: '10' })
  const once = await run('一次修改', 'C05-03', [], { keepOpen: true, announcementDays: '10' })
  for (const [id, n] of [[twice, 2], [once, 1]] as const)
    for (let k = 0; k < n; k++) await amendProcurement(database.db, clock, queue, as(owner), id, amendmentSchema.parse({ maxPrice: String(66_000 - k * 1000), expectedDays: '10', reason: '根据财政评审意见调整最高限价' }))
  planted.many_amendments = [twice, once]
  // A market (C06 in Gangbei, the project codes' district) one agency wins 2 of 3; another (C06 in Gangnan) where the most is 2 of 4, exactly half.
  const [e1, e2] = eia as [User, User]
  for (const [k, winner] of [e1, e1, e2].entries()) await run(`环评集中${k}`, 'C06-02', [[winner, '50,000'], [winner === e1 ? e2 : e1, '60,000']])
  for (const [k, winner] of [e1, e2, e1, e2].entries()) await run(`环评均衡${k}`, 'C06-02', [[winner, '50,000'], [winner === e1 ? e2 : e1, '60,000']], { projectCode: '2027-450803-48-01-012345' })
  // The rules look on the last day of the year, after every award above.
  clock.set('2027-12-31T02:00:00Z')
})
afterAll(async () => database?.close())

const flagsOf = async (rule: string) => (await findRedFlags(database.db, clock.now())).filter((f) => f.rule === rule)
const fires = async (rule: string, id: string) => (await flagsOf(rule)).some((f) => f.procurementIds.includes(id))

describe('the demo', () => {
  it('holds a flag of every rule, raised when it was seeded', async () => {
    const rules = new Set((await database.db.select({ rule: redFlags.rule }).from(redFlags)).map((r) => r.rule))
    expect([...rules].sort()).toEqual([...RED_FLAG_RULES].sort())
  })
})

describe('each rule', () => {
  it.each([['single_bid'], ['deep_discount'], ['winner_gap'], ['identical_prices'], ['shared_origin'], ['short_announcement'], ['many_amendments']])('%s fires on its planted case and not on its near miss', async (rule) => {
    const [hit, miss] = planted[rule]!
    expect(await fires(rule, hit!)).toBe(true)
    expect(await fires(rule, miss!)).toBe(false)
  })

  it('same_bidders fires on a pair that bid together three times, not on one that did twice', async () => {
    const flags = await flagsOf('same_bidders')
    expect(flags.some((f) => planted.same_bidders!.every((id) => f.procurementIds.includes(id)))).toBe(true)
    expect(flags.some((f) => planted.same_bidders_near!.some((id) => f.procurementIds.includes(id)))).toBe(false)
  })

  it('concentration fires on the agency with 2 of a market’s 3 awards, and gives every market its HHI', async () => {
    const flags = await flagsOf('concentration')
    const mine = flags.filter((f) => f.evidence.category === 'C06')
    expect(mine.map((f) => [f.orgId, f.evidence.wins, f.evidence.awards, f.evidence.sharePercent, f.evidence.hhi])).toEqual([[eia[0]!.orgId, 2, 3, 66.7, 5556]])
    // Half of the other market is not more than half.
    expect(flags.some((f) => f.evidence.sharePercent === 50)).toBe(false)
  })

  it('late_owner fires on the demo’s acceptance left overdue, not on one accepted in time', async () => {
    const [late] = await database.db.select().from(deliveries).where(isNotNull(deliveries.overdueFlaggedAt))
    const [onTime] = await database.db.select().from(deliveries).where(and(isNull(deliveries.overdueFlaggedAt), isNotNull(deliveries.decidedAt), lt(deliveries.decidedAt, deliveries.decideBy)))
    const flags = await flagsOf('late_owner')
    expect(flags.some((f) => f.subjectKey === late!.id)).toBe(true)
    expect(flags.some((f) => f.subjectKey === onTime!.id)).toBe(false)
  })
})

describe('the flags', () => {
  it('are recorded once, dismissed with a reason or taken into a monitoring, and each rule shows its reach', async () => {
    const first = await evaluateRedFlags(database.db, clock)
    expect(first.raised).toBeGreaterThan(10)
    expect((await evaluateRedFlags(database.db, clock)).raised).toBe(0)
    const [single] = await database.db.select().from(redFlags).where(and(eq(redFlags.rule, 'single_bid'), sql`${planted.single_bid![0]}::uuid = any(${redFlags.procurementIds})`))
    expect(await code(dismissRedFlag(database.db, clock, as(office), single!.id, '短'))).toBe('errors.reasonShort@reason')
    await dismissRedFlag(database.db, clock, as(office), single!.id, '私人投资项目，仅一家机构具备该资质，已核实。')
    expect(await code(dismissRedFlag(database.db, clock, as(office), single!.id, '再次排除的理由'))).toBe('errors.illegalStep')
    const [gap] = await database.db.select().from(redFlags).where(and(eq(redFlags.rule, 'winner_gap'), sql`${planted.winner_gap![0]}::uuid = any(${redFlags.procurementIds})`))
    const m = await openMonitoring(database.db, clock, as(office), { procurement: planted.winner_gap![0]! }, openMonitoringSchema.parse({ party: 'owner', reason: 'red_flag', note: '中选价与第二名差距过大，核查评审过程。', sourceId: gap!.id }))
    const [after] = await database.db.select().from(redFlags).where(eq(redFlags.id, gap!.id))
    expect([after!.status, after!.monitoringId]).toEqual(['monitoring', m.id])
    expect((await database.db.select().from(monitorings).where(eq(monitorings.id, m.id)))[0]!.sourceId).toBe(gap!.id)
    // Found again, a flag keeps its state.
    await evaluateRedFlags(database.db, clock)
    expect((await database.db.select({ s: redFlags.status }).from(redFlags).where(eq(redFlags.id, single!.id)))[0]!.s).toBe('dismissed')
    const shares = await ruleShares(database.db)
    for (const rule of RED_FLAG_RULES) expect(shares[rule]!.flagged).toBeLessThanOrEqual(shares[rule]!.inScope)
    expect(shares.single_bid!.flagged).toBeGreaterThanOrEqual(1)
  })

  it('take the office’s thresholds within their bounds, per method', async () => {
    expect(await code(setRedFlagThreshold(database.db, clock, as(office), { rule: 'deep_discount', method: 'lowest_price', value: '90' }))).toBe('flag.error.threshold@value')
    expect(await code(setRedFlagThreshold(database.db, clock, as(office), { rule: 'concentration', method: 'lowest_price', value: '40' }))).toBe('errors.choose@method')
    expect(await code(setRedFlagThreshold(database.db, clock, as(office), { rule: 'shared_origin', method: '*', value: '1' }))).toBe('errors.notFound')
    await setRedFlagThreshold(database.db, clock, as(office), { rule: 'deep_discount', method: 'lowest_price', value: '25' })
    expect((await thresholdsOf(database.db)).deep_discount).toMatchObject({ lowest_price: 25, random_draw: 30 })
    // 48,000 of 68,000 is 29.4% below: a near miss at 30%, a flag at 25%.
    expect(await fires('deep_discount', planted.deep_discount![1]!)).toBe(true)
    // At 40%, half of the balanced market is too much: both its agencies are flagged.
    await setRedFlagThreshold(database.db, clock, as(office), { rule: 'concentration', method: '*', value: '40' })
    expect((await flagsOf('concentration')).filter((f) => f.evidence.sharePercent === 50 && f.evidence.hhi === 5000)).toHaveLength(2)
  })
})
