import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, jobs, organizations, procurements, procurementStatus, users, type OrgId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { JobQueue } from '../../services/jobs'
import { amendProcurement, amendmentSchema, cancelProcurement, closeIfDue, confirmDirect, procurementHandlers, procurementInputSchema, publicProcurement, publishProcurement, saveDraft, searchAnnouncements, announcementQuerySchema, sweepDeadlines } from '../../services/procurement'
import { bidCountForOwner, bidInputSchema, bidSeal, editBid, openedBids, ownBid, submitBid, withdrawBid } from '../../services/bids'
import { ManualClock } from '../../services/shared/clock'
import { commitmentOf } from '../../services/selection/draw'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

let database: Database
// Monday 23 November 2026, 10:00 in Shanghai.
const clock = new ManualClock('2026-11-23T02:00:00Z')
let queue: JobQueue
let owner: User
let otherOwner: User
const eiaAgencies: User[] = []
let costAgency: User

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId, ip: '10.0.0.9' })
const raw = (over: Record<string, unknown> = {}) => ({
    projectCode: '2026-450802-48-01-012345', projectName: '贵港市港北区第三污水处理厂扩建工程', title: '港北区第三污水处理厂扩建工程环境影响报告表编制',
    itemCodes: ['C06-02'], maxPrice: '68,000', expectedDays: '10', fundingSource: 'public', method: 'lowest_price', announcementDays: '3',
    contactName: '李强', contactPhone: '0775-4561234', ...over,
})
const form = (over: Record<string, unknown> = {}) => procurementInputSchema.parse(raw(over))
const bid = (price: string, days = '8', over: Record<string, unknown> = {}) => bidInputSchema.parse({ price, committedDays: days, accept: 'yes', ...over })
const adminOf = async (orgId: string) => (await database.db.select().from(users).where(eq(users.orgId, orgId as OrgId)))[0]!

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  owner = (await database.db.select().from(users).where(eq(users.email, 'owner@example.com')))[0]!
  otherOwner = (await database.db.select().from(users).where(eq(users.email, 'owner2@example.com')))[0]!
  const eligible = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C06-02' }), '2026-11-23')
  for (const a of eligible.agencies.slice(0, 4)) eiaAgencies.push(await adminOf(a.id))
  const cost = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C10-01' }), '2026-11-23')
  costAgency = await adminOf(cost.agencies.find((a) => !eligible.agencies.some((e) => e.id === a.id))!.id)
})
afterAll(async () => database?.close())

describe('demo seeds', () => {
  it('hold procurements in every resting state of the lifecycle, each with its audit trail', async () => {
    // `closed` lasts only inside the closing transaction, which opens or fails the procurement at once.
    const rows = await database.db.select({ id: procurements.id, status: procurements.status }).from(procurements)
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(procurementStatus.enumValues.filter((s) => s !== 'closed')))
    for (const r of rows.filter((x) => x.status !== 'draft')) {
      const trail = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, r.id))
      expect(trail.map((t) => t.action)).toContain('procurement.publish')
    }
    expect((await verifyChain(database.db)).ok).toBe(true)
  })
})

describe('posting', () => {
  it('validates the project code, the bounds and the method, with field errors', () => {
    const bad = procurementInputSchema.safeParse({ projectCode: '2026-4508-48', projectName: '', title: 'x', itemCodes: [], maxPrice: '1,000', floorPrice: '2,000', expectedDays: '0', fundingSource: 'public', method: 'lottery', announcementDays: '3', contactName: '李', contactPhone: '1' })
    expect(Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message]))).toEqual({
      projectCode: 'errors.projectCode.format', projectName: 'errors.required', itemCodes: 'errors.chooseItems', expectedDays: 'errors.days',
      method: 'errors.methodUnavailable', contactPhone: 'errors.phone',
    })
    expect(procurementInputSchema.safeParse(raw({ maxPrice: '1,000', floorPrice: '2,000' })).error?.issues[0]).toMatchObject({ path: ['floorPrice'], message: 'errors.floorAboveMax' })
  })

  it('refuses an unknown region, too short an announcement, and a direct commission above the threshold without a reason', async () => {
    expect(await code(saveDraft(database.db, clock, as(owner), form({ projectCode: '2026-990000-48-01-012345' })))).toBe('errors.projectCode.region@projectCode')
    expect(await code(saveDraft(database.db, clock, as(owner), form({ announcementDays: '1' })))).toBe('errors.announcementTooShort@announcementDays')
    const uscc = (await database.db.select().from(organizations).where(eq(organizations.id, eiaAgencies[0]!.orgId)))[0]!.uscc
    expect(await code(saveDraft(database.db, clock, as(owner), form({ method: 'direct', directAgencyUscc: uscc, maxPrice: '80,000', announcementDays: '1' })))).toBe('errors.directReasonRequired@directReason')
  })
})

describe('an open procurement with sealed bids', () => {
  let id: string
  let auditBefore = 0
  it('publishes with a number and a deadline three working days on, at 17:00 Shanghai', async () => {
    auditBefore = (await database.db.select({ n: sql<number>`coalesce(max(id), 0)::int` }).from(auditLog))[0]!.n
    const draft = await saveDraft(database.db, clock, as(owner), form())
    expect(draft.status).toBe('draft')
    // Another owner cannot publish it; the public cannot see a draft.
    expect(await code(publishProcurement(database.db, clock, queue, as(otherOwner), draft.id))).toBe('errors.notFound')
    expect(await publicProcurement(database.db, draft.id)).toBeNull()
    const p = await publishProcurement(database.db, clock, queue, as(owner), draft.id)
    id = p.id
    expect(p.number).toMatch(/^ZJCS-2026-\d{6}$/)
    expect(p.bidDeadline!.toISOString()).toBe('2026-11-26T09:00:00.000Z')
    expect(await code(publishProcurement(database.db, clock, queue, as(owner), draft.id))).toBe('errors.illegalStep')
    // The draw is committed at publication: the commitment is public, the secret is in no query or log.
    expect(p.drawCommitment).toBe(commitmentOf(p.drawSecret!))
    const shown = await publicProcurement(database.db, id)
    expect(shown!.p.drawCommitment).toBe(p.drawCommitment)
    expect(JSON.stringify(shown)).not.toContain(p.drawSecret!)
    const logged = await database.db.select().from(auditLog).where(eq(auditLog.entityId, id))
    expect(JSON.stringify(logged)).not.toContain(p.drawSecret!)
    const [job] = await database.db.select().from(jobs).where(eq(jobs.key, `procurement.close:${id}:1`))
    expect(job!.runAt.toISOString()).toBe('2026-11-26T09:00:00.000Z')
  })

  it('takes bids only from eligible agencies, within the bounds and the days, once each', async () => {
    const pid = id as never
    expect(await code(submitBid(database.db, clock, as(costAgency), pid, bid('60,000')))).toBe('errors.notEligible')
    expect(await code(submitBid(database.db, clock, as(eiaAgencies[0]!), pid, bid('68,000.01')))).toBe('errors.priceOutOfBounds@price')
    expect(await code(submitBid(database.db, clock, as(eiaAgencies[0]!), pid, bid('60,000', '11')))).toBe('errors.daysOverExpected@committedDays')
    expect(await code(submitBid(database.db, clock, as(owner), pid, bid('60,000')))).toBe('errors.illegalStep')
    await submitBid(database.db, clock, as(eiaAgencies[0]!), pid, bid('61,500', '8'))
    expect(await code(submitBid(database.db, clock, as(eiaAgencies[0]!), pid, bid('60,000')))).toBe('errors.bidExists')
    await submitBid(database.db, clock, as(eiaAgencies[1]!), pid, bid('58,800', '9'))
    await submitBid(database.db, clock, as(eiaAgencies[2]!), pid, bid('64,000', '7'))
    // One edits, one withdraws (and cannot come back).
    await editBid(database.db, clock, as(eiaAgencies[2]!), pid, bid('59,900', '7'))
    await withdrawBid(database.db, clock, as(eiaAgencies[1]!), pid)
    expect(await code(submitBid(database.db, clock, as(eiaAgencies[1]!), pid, bid('58,000')))).toBe('errors.bidWithdrawn')
    await submitBid(database.db, clock, as(eiaAgencies[3]!), pid, bid('66,000', '10'))
  })

  it('keeps bids sealed: the owner sees a count, nobody else anything, and the log holds only seals', async () => {
    const pid = id as never
    expect(await bidCountForOwner(database.db, owner.orgId, pid)).toBe(3)
    expect(await bidCountForOwner(database.db, otherOwner.orgId, pid)).toBeNull()
    expect(await openedBids(database.db, pid)).toEqual([])
    expect((await ownBid(database.db, eiaAgencies[2]!.orgId, pid))!.priceFen).toBe(5_990_000)
    const entries = (await database.db.select().from(auditLog).where(eq(auditLog.entityType, 'bid'))).filter((e) => e.id > auditBefore)
    expect(entries.length).toBe(6)
    for (const e of entries) {
      expect(e.actorOrgId ?? null).toBeNull()
      expect(e.actorUserId ?? null).toBeNull()
      expect(JSON.stringify(e)).not.toMatch(/5990000|6150000|6600000|5880000/)
      expect(JSON.stringify(e)).not.toContain(id)
    }
    const pub = await publicProcurement(database.db, id)
    expect(JSON.stringify(pub)).not.toMatch(/5990000|6150000|nonce|agencyOrgId/)
  })

  it('an amendment of key terms extends the deadline and asks bidders to confirm again', async () => {
    clock.set('2026-11-25T02:00:00Z') // Wednesday
    const p = await amendProcurement(database.db, clock, queue, as(owner), id, amendmentSchema.parse({ maxPrice: '66,000', expectedDays: '10', reason: '根据财政评审意见调整最高限价' }))
    expect(p.termsVersion).toBe(2)
    // Two working days from Wednesday: Friday 17:00, later than Thursday's original deadline.
    expect(p.bidDeadline!.toISOString()).toBe('2026-11-27T09:00:00.000Z')
    expect((await ownBid(database.db, eiaAgencies[0]!.orgId, id as never))!.status).toBe('needs_reconfirm')
    // Only two confirm; the third bid will not count.
    await editBid(database.db, clock, as(eiaAgencies[0]!), id as never, bid('61,500', '8'))
    await editBid(database.db, clock, as(eiaAgencies[2]!), id as never, bid('59,900', '7'))
    expect(await code(editBid(database.db, clock, as(eiaAgencies[3]!), id as never, bid('66,000.01', '10')))).toBe('errors.priceOutOfBounds@price')
  })

  it('closes by itself at the deadline, opens the bids that stand, once, selects at once and refuses late bids', async () => {
    clock.set('2026-11-26T09:00:00Z') // the old deadline: its job finds nothing to do
    await queue.runDue()
    expect((await publicProcurement(database.db, id))!.p.status).toBe('published')
    clock.set('2026-11-27T09:00:00Z')
    expect(await code(submitBid(database.db, clock, as(eiaAgencies[1]!), id as never, bid('50,000')))).toBe('errors.biddingClosed')
    await queue.runDue()
    const p = (await publicProcurement(database.db, id))!.p
    // Lowest price decides at the opening: the award is made in the closing transaction.
    expect(p.status).toBe('awarded')
    expect(p.openedAt!.toISOString()).toBe('2026-11-27T09:00:00.000Z')
    // A second run and the sweep change nothing.
    expect(await closeIfDue(database.db, clock, queue, id as never)).toBeNull()
    expect(await sweepDeadlines(database.db, clock, queue)).toBe(0)
    const opened = await openedBids(database.db, id as never)
    expect(opened.map((b) => [b.bid.priceFen, b.bid.status])).toEqual([[5_990_000, 'active'], [6_150_000, 'active'], [6_600_000, 'needs_reconfirm'], [5_880_000, 'withdrawn']].sort((a, b) => (a[0] as number) - (b[0] as number)))
    // Each seal in the log (the demo's too, a consortium's with its parties) matches the bid revealed at opening.
    const reveals = await database.db.select().from(auditLog).where(eq(auditLog.action, 'bid.reveal'))
    expect(reveals.filter((r) => (r.after as { procurementId: string }).procurementId === id)).toHaveLength(4)
    expect(reveals.some((r) => (r.after as { parties?: unknown[] }).parties?.length === 2)).toBe(true)
    for (const r of reveals) {
      const revealed = r.after as Parameters<typeof bidSeal>[0] & { seal: string; parties?: Parameters<typeof bidSeal>[1] }
      expect(bidSeal(revealed, revealed.parties)).toBe(revealed.seal)
    }
    const steps = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id)
    expect(steps.map((s) => s.action)).toEqual(['procurement.create', 'procurement.publish', 'procurement.amend', 'procurement.close', 'procurement.open', 'selection.rank', 'selection.offered', 'procurement.award'])
    expect((await verifyChain(database.db)).ok).toBe(true)
  })
})

describe('failures and side exits', () => {
  it('fails a procurement nobody bid on, and lets the owner cancel with a reason', async () => {
    clock.set('2026-11-30T02:00:00Z')
    const lonely = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form({ title: '无人报价的测试项目' }))).id)
    clock.set(lonely.bidDeadline!)
    await queue.runDue()
    const failed = (await publicProcurement(database.db, lonely.id))!.p
    expect([failed.status, failed.failedReason]).toEqual(['failed', 'noBids'])

    const other = await saveDraft(database.db, clock, as(owner), form({ title: '将被撤销的项目' }))
    expect(await code(cancelProcurement(database.db, clock, as(owner), other.id, '短'))).toBe('errors.reasonShort@reason')
    expect((await cancelProcurement(database.db, clock, as(owner), other.id, '项目已暂停立项')).status).toBe('cancelled')
    expect(await code(publishProcurement(database.db, clock, queue, as(owner), other.id))).toBe('errors.illegalStep')
    expect((await database.db.select().from(procurements).where(eq(procurements.id, other.id)))[0]!.cancelReason).toBe('项目已暂停立项')
    // Never published, it stays the owner's: no public page, not in the list.
    expect(await publicProcurement(database.db, other.id)).toBeNull()
    const listed = await searchAnnouncements(database.db, announcementQuerySchema.parse({ q: '将被撤销的项目' }), clock.now())
    expect(listed.total).toBe(0)
  })
})

describe('direct commission', () => {
  it('the named agency confirms its price and days, which awards at once with a result notice', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const named = eiaAgencies[0]!
    const uscc = (await database.db.select().from(organizations).where(eq(organizations.id, named.orgId)))[0]!.uscc
    const draft = await saveDraft(database.db, clock, as(owner), form({ method: 'direct', directAgencyUscc: uscc, maxPrice: '30,000', announcementDays: '1', title: '港北区排水管网工程环评登记表' }))
    const p = await publishProcurement(database.db, clock, queue, as(owner), draft.id)
    // Nobody else may confirm, nor bid.
    expect(await code(confirmDirect(database.db, clock, as(eiaAgencies[1]!), p.id, bid('28,000')))).toBe('errors.notFound')
    expect(await code(submitBid(database.db, clock, as(eiaAgencies[1]!), p.id, bid('28,000')))).toBe('errors.notFound')
    expect(await code(confirmDirect(database.db, clock, as(named), p.id, bid('30,000.01')))).toBe('errors.priceOutOfBounds@price')
    const awarded = await confirmDirect(database.db, clock, as(named), p.id, bid('27,500', '6'))
    expect(awarded.status).toBe('awarded')
    const pub = (await publicProcurement(database.db, p.id))!
    expect(pub.award).toMatchObject({ award: { priceFen: 2_750_000, committedDays: 6, method: 'direct' }, savingsFen: 250_000, savingsBp: 833 })
    // Standstill: three working days from Tuesday 1 December.
    expect(pub.award!.award.standstillEndsAt.toISOString()).toBe('2026-12-04T09:00:00.000Z')
    const steps = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, p.id)).orderBy(auditLog.id)
    expect(steps.map((s) => s.action)).toEqual(['procurement.create', 'procurement.publish', 'procurement.close', 'procurement.open', 'procurement.award'])
    expect(await code(confirmDirect(database.db, clock, as(named), p.id, bid('27,000')))).toBe('errors.biddingClosed')
  })

  it('fails when the named agency lets the deadline pass', async () => {
    const named = eiaAgencies[1]!
    const uscc = (await database.db.select().from(organizations).where(eq(organizations.id, named.orgId)))[0]!.uscc
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form({ method: 'direct', directAgencyUscc: uscc, maxPrice: '20,000', announcementDays: '1' }))).id)
    clock.set(p.bidDeadline!)
    await queue.runDue()
    expect((await publicProcurement(database.db, p.id))!.p).toMatchObject({ status: 'failed', failedReason: 'directNotConfirmed' })
  })
})

describe('the public list', () => {
  it('shows published procurements, never drafts, filtered by item, method and status', async () => {
    const all = await searchAnnouncements(database.db, announcementQuerySchema.parse({}), clock.now())
    expect(all.rows.every((r) => r.status !== 'draft')).toBe(true)
    const direct = await searchAnnouncements(database.db, announcementQuerySchema.parse({ method: 'direct', status: 'awarded' }), clock.now())
    expect(direct.rows.length).toBeGreaterThan(0)
    expect(direct.rows.every((r) => r.method === 'direct' && r.status === 'awarded')).toBe(true)
    const eia = await searchAnnouncements(database.db, announcementQuerySchema.parse({ item: 'C06-02', method: "x'; drop table bids; --" }), clock.now())
    expect(eia.rows.every((r) => r.items.some((i) => i.code === 'C06-02'))).toBe(true)
    // Filtering by item or category (the codes kept on the procurement) finds exactly those whose items match.
    for (const [q, match] of [[{ item: 'C06-02' }, sql`si.code = 'C06-02'`], [{ category: 'C05' }, sql`sc.code = 'C05'`]] as const) {
      const listed = await searchAnnouncements(database.db, announcementQuerySchema.parse(q), clock.now())
      const expected = (await database.db.execute(sql`select count(distinct p.id)::int as n from procurements p join procurement_items pi on pi.procurement_id = p.id join service_items si on si.id = pi.item_id
        join service_categories sc on sc.id = si.category_id where p.status <> 'draft' and p.published_at is not null and ${match}`)) as unknown as { rows: Array<{ n: number }> }
      expect(listed.total, JSON.stringify(q)).toBe(expected.rows[0]!.n)
      expect(listed.total).toBeGreaterThan(0)
    }
    const counted = (await database.db.execute(sql`select count(*)::int as n from bids`)) as unknown as { rows: Array<{ n: number }> }
    expect(counted.rows[0]!.n).toBeGreaterThan(0)
  })

  it('sorts by publication, by max price either way, and by deadline with those still open first, nearest first', async () => {
    const now = clock.now()
    const sorted = async (sort: string) => (await searchAnnouncements(database.db, announcementQuerySchema.parse({ sort }), now)).rows
    const published = await sorted('published')
    expect(published.length).toBeGreaterThan(2)
    // Only what was published is public: a draft cancelled before publication is not listed.
    const times = published.map((r) => r.publishedAt!.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    const high = (await sorted('price_desc')).map((r) => r.maxPriceFen)
    expect(high).toEqual([...high].sort((a, b) => b - a))
    const low = (await sorted('price_asc')).map((r) => r.maxPriceFen)
    expect(low).toEqual([...low].sort((a, b) => a - b))
    const deadlines = (await sorted('deadline')).map((r) => r.bidDeadline?.getTime() ?? null)
    const open = deadlines.filter((d): d is number => d !== null && d >= now.getTime())
    expect(deadlines.slice(0, open.length)).toEqual([...open].sort((a, b) => a - b))
    const passed = deadlines.slice(open.length).filter((d): d is number => d !== null)
    expect(passed).toEqual([...passed].sort((a, b) => b - a))
    // An unknown sort is the default, never an error.
    expect((await sorted('price; drop table bids')).map((r) => r.id)).toEqual(published.map((r) => r.id))
  })
})
