import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, notifications, organizations, users, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { shanghaiDate, shiftDays } from '../../services/calendar'
import { barredOn, liftSanction, listBlacklist, proposeSanction, sanctionSchema, type SanctionInput } from '../../services/credit'
import { JobQueue } from '../../services/jobs'
import { closeIfDue, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft, approveSanction } from '../../services/procurement'
import { bidInputSchema, bidSeal, consortiaOf, consortiumResponseSchema, editBid, openedBids, ownBid, respondToConsortium, submitBid, withdrawBid } from '../../services/bids'
import { recentOutbox } from '../../services/notifications'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { dbError, freshDatabase } from '../support/db'

let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
let queue: JobQueue
let owner: User
let office: User
/** the office's second user, who approves what `office` proposes */
let approver: User
/** eia: qualified for the EIA report only; mapper: for the mapping only; third: another EIA agency */
let eia: User
let mapper: User
let third: User
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const usccOf = async (u: User) => (await database.db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, u.orgId)))[0]!.uscc
/** The invitation this agency was sent here (the newest), or null. */
const invitationOf = async (u: User, id: string) => (await consortiaOf(database.db, u.orgId, id as never)).find((c) => c.role === 'member') ?? null
const accept = (bidId: string) => ({ answer: 'accept' as const, bidId, accept: 'yes' as const })
/** A blacklisting as the office makes it: one user proposes, another approves. */
async function listOnBlacklist(input: SanctionInput) {
  const proposal = await proposeSanction(database.db, clock, as(office), input)
  return approveSanction(database.db, clock, queue, as(approver), proposal.id, proposal.decisionNo)
}
const bid = (over: Record<string, unknown> = {}) => bidInputSchema.parse({ price: '80,000', committedDays: '9', accept: 'yes', ...over })

/** A procurement of two items (an EIA report and a topographic map) that allows consortia. */
async function twoItems(consortiumAllowed = true) {
  const input = procurementInputSchema.parse({
    projectCode: '2026-450802-48-01-012345', projectName: '港北区文化中心', title: '文化中心环评与地形图测绘（联合体）', itemCodes: ['C06-02', 'C05-01'], maxPrice: '90,000', expectedDays: '10',
    fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234', ...(consortiumAllowed ? { consortiumAllowed: 'on' } : {}),
  })
  return publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), input)).id)
}
const statusOf = async (id: string) => ((await database.db.execute(sql`select status, failed_reason from procurements where id = ${id}`)) as unknown as { rows: unknown[] }).rows[0]
/** The procurement's [EIA report, map] items. */
const itemIds = async (id: string) => {
  const { rows } = (await database.db.execute(sql`select pi.item_id, si.code from procurement_items pi join service_items si on si.id = pi.item_id where pi.procurement_id = ${id}`)) as unknown as { rows: Array<{ item_id: string; code: string }> }
  return ['C06-02', 'C05-01'].map((c) => rows.find((r) => r.code === c))
}

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers, { log: () => {} })
  const byEmail = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!
  owner = await byEmail('owner@example.com')
  office = await byEmail('office@example.com')
  approver = await byEmail('approver@example.com')
  const ids = async (item: string) => (await searchAgencies(database.db, directoryQuerySchema.parse({ item }), '2026-11-23')).agencies.map((a) => a.id as string)
  const [report, map] = [await ids('C06-02'), await ids('C05-01')]
  const onlyReport = report.filter((x) => !map.includes(x))
  const onlyMap = map.filter((x) => !report.includes(x))
  const userOf = async (orgId: string) => (await database.db.select().from(users).where(eq(users.orgId, orgId as never)))[0]!
  ;[eia, third, mapper] = [await userOf(onlyReport[0]!), await userOf(onlyReport[1]!), await userOf(onlyMap[0]!)]
})
afterAll(async () => database?.close())

describe('a consortium bid (联合体)', () => {
  it('is judged over its parties together, waits for every member, and counts at the opening only when all accepted', async () => {
    const p = await twoItems()
    const [report, map] = await itemIds(p.id)
    // Alone, neither agency covers both items.
    expect(await code(submitBid(database.db, clock, as(eia), p.id, bid()))).toBe('errors.notEligible')
    // Bad members: unknown, the lead itself, twice, and a division that leaves an item to nobody.
    const mapperUscc = await usccOf(mapper)
    expect(await code(submitBid(database.db, clock, as(eia), p.id, bid({ members: [{ uscc: '91450800MA5XXXXXX1', itemIds: [map!.item_id] }] })))).toBe('errors.agencyUnknown@members.0.uscc')
    expect(await code(submitBid(database.db, clock, as(eia), p.id, bid({ members: [{ uscc: await usccOf(eia), itemIds: [map!.item_id] }] })))).toBe('errors.memberIsLead@members.0.uscc')
    expect(await code(submitBid(database.db, clock, as(eia), p.id, bid({ members: [{ uscc: mapperUscc, itemIds: [map!.item_id] }, { uscc: mapperUscc, itemIds: [map!.item_id] }] })))).toBe('errors.memberTwice@members.1.uscc')
    const unassigned = await submitBid(database.db, clock, as(eia), p.id, bid({ leadItemIds: [report!.item_id], members: [{ uscc: mapperUscc, itemIds: [report!.item_id] }] })).catch((e: DomainError) => e)
    expect((unassigned as DomainError).code).toBe('errors.consortiumIneligible')
    const reasons = (unassigned as DomainError).params.reasons as Array<{ uscc: string | null; reason: { code: string } }>
    expect(reasons).toEqual(expect.arrayContaining([expect.objectContaining({ uscc: mapperUscc, reason: expect.objectContaining({ code: 'itemNotCovered' }) }), expect.objectContaining({ uscc: null, reason: { code: 'itemUnassigned', itemId: map!.item_id } })]))
    expect(await ownBid(database.db, eia.orgId, p.id)).toBeNull()

    // The right division: the EIA agency writes the report, the mapper draws the map.
    const division = { leadItemIds: [report!.item_id], members: [{ uscc: mapperUscc, itemIds: [map!.item_id] }] }
    const made = await submitBid(database.db, clock, as(eia), p.id, bid(division))
    // The member is invited and sees the bid it commits to. An invitation holds nobody: a third
    // agency may name the same member, and is told nothing of the first bid.
    const invited = await invitationOf(mapper, p.id)
    expect(invited).toMatchObject({ role: 'member', status: 'invited', bid: { priceFen: 8_000_000 } })
    expect(invited!.parties.map((x) => [x.role, x.status])).toEqual([['lead', 'accepted'], ['member', 'invited']])
    expect(await code(submitBid(database.db, clock, as(third), p.id, bid({ leadItemIds: [report!.item_id], members: [{ uscc: mapperUscc, itemIds: [map!.item_id] }] })))).toBe('ok')
    expect((await consortiaOf(database.db, mapper.orgId, p.id)).filter((c) => c.role === 'member')).toHaveLength(2)
    const thirds = (await consortiaOf(database.db, third.orgId, p.id)).find((c) => c.role === 'lead')!

    // Accepting needs the commitment; it stands in one bid, so the other invitation cannot be accepted too.
    await respondToConsortium(database.db, clock, as(mapper), p.id, accept(made.id))
    expect(await code(respondToConsortium(database.db, clock, as(mapper), p.id, accept(made.id)))).toBe('errors.alreadyConfirmed')
    expect(await code(respondToConsortium(database.db, clock, as(mapper), p.id, accept(thirds.bid.id)))).toBe('errors.alreadyStanding@accept')
    await withdrawBid(database.db, clock, as(third), p.id)
    // The lead changes its price, which asks the member again.
    await editBid(database.db, clock, as(eia), p.id, bid({ ...division, price: '78,500' }))
    expect((await invitationOf(mapper, p.id))!.status).toBe('invited')
    await respondToConsortium(database.db, clock, as(mapper), p.id, accept(made.id))

    // Sealed: the audit log holds seals only, and the outbox shows nothing of it to the office.
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.entityId, made.id)).orderBy(auditLog.id)
    expect(entries.map((e) => e.action)).toEqual(['bid.submit', 'bid.member.accept', 'bid.edit', 'bid.member.accept'])
    expect(JSON.stringify(entries)).not.toMatch(new RegExp(`${mapper.orgId}|${eia.orgId}|7850000`))
    expect(JSON.stringify(await recentOutbox(database.db, 500))).not.toMatch(/联合体|文化中心环评/)

    // The opening counts it and reveals its parties, and what the reveal says matches the last seal.
    clock.advance(6 * 86_400_000)
    await closeIfDue(database.db, clock, queue, p.id)
    const opened = await openedBids(database.db, p.id)
    expect(opened.filter((o) => o.bid.status === 'active')).toHaveLength(1)
    expect(opened.find((o) => o.bid.id === made.id)!.members.map((m) => [m.uscc, m.status])).toEqual([[mapperUscc, 'accepted']])
    const trail = await database.db.select().from(auditLog).where(eq(auditLog.entityId, made.id)).orderBy(auditLog.id)
    const reveal = trail.at(-1)!.after as Record<string, unknown> & { parties: Array<{ orgId: string; role: 'lead' | 'member'; itemIds: string[] }> }
    expect(reveal.parties.map((x) => x.orgId).sort()).toEqual([eia.orgId, mapper.orgId].sort())
    expect(bidSeal(reveal as never, reveal.parties)).toBe(reveal.seal)
    expect((trail.at(-2)!.after as { seal: string }).seal).toBe(reveal.seal)
    expect(await statusOf(p.id)).toEqual({ status: 'awarded', failed_reason: null })
  })

  it('is refused where the procurement does not allow consortia, and a declined or silent member leaves the bid uncounted', async () => {
    const closed = await twoItems(false)
    const [r0, m0] = await itemIds(closed.id)
    expect(await code(submitBid(database.db, clock, as(eia), closed.id, bid({ leadItemIds: [r0!.item_id], members: [{ uscc: await usccOf(mapper), itemIds: [m0!.item_id] }] })))).toBe('errors.consortiumNotAllowed')

    const p = await twoItems()
    const [report, map] = await itemIds(p.id)
    const made = await submitBid(database.db, clock, as(eia), p.id, bid({ leadItemIds: [report!.item_id], members: [{ uscc: await usccOf(mapper), itemIds: [map!.item_id] }] }))
    expect(consortiumResponseSchema.safeParse({ answer: 'decline', bidId: made.id, reason: '短' }).error?.issues[0]?.message).toBe('errors.reasonShort')
    expect(await code(respondToConsortium(database.db, clock, as(mapper), p.id, { answer: 'decline', bidId: made.id, reason: '测绘人员本月已满负荷' }))).toBe('ok')
    expect((await invitationOf(mapper, p.id))!.status).toBe('declined')
    // Having declined, it cannot be named by this bid again: an edit keeps it out.
    expect(await code(editBid(database.db, clock, as(eia), p.id, bid({ leadItemIds: [report!.item_id], members: [{ uscc: await usccOf(mapper), itemIds: [map!.item_id] }] })))).toBe('errors.memberDeclined@members.0.uscc')
    clock.advance(6 * 86_400_000)
    await closeIfDue(database.db, clock, queue, p.id)
    // Nothing counts, so the procurement fails; the reveal says why the bid did not count.
    const reveal = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, made.id), eq(auditLog.action, 'bid.reveal')))
    expect(reveal[0]!.after).toMatchObject({ excluded: 'consortiumIncomplete' })
    expect(await statusOf(p.id)).toEqual({ status: 'failed', failed_reason: 'noBids' })
  })

  it('frees its members when the lead withdraws', async () => {
    const p = await twoItems()
    const [report, map] = await itemIds(p.id)
    await submitBid(database.db, clock, as(eia), p.id, bid({ leadItemIds: [report!.item_id], members: [{ uscc: await usccOf(mapper), itemIds: [map!.item_id] }] }))
    await withdrawBid(database.db, clock, as(eia), p.id)
    expect(await invitationOf(mapper, p.id)).toBeNull()
    const told = await database.db.select().from(notifications).where(and(eq(notifications.orgId, mapper.orgId), eq(notifications.kind, 'consortiumWithdrawn')))
    expect(told.filter((n) => n.sealedUntilOpeningOf === p.id).map((n) => [n.link, n.sealedUntilOpeningOf])).toEqual([[`/agency/bids/${p.id}`, p.id]])
    // Now the mapper may lead its own consortium with another EIA agency.
    expect(await code(submitBid(database.db, clock, as(mapper), p.id, bid({ leadItemIds: [map!.item_id], members: [{ uscc: await usccOf(third), itemIds: [report!.item_id] }] })))).toBe('ok')
  })
})

describe('the blacklist (失信名单)', () => {
  it('bars a listed agency from bidding, publicly, until the listing ends or is lifted', async () => {
    const p = await twoItems()
    const [report, map] = await itemIds(p.id)
    const today = shanghaiDate(clock.now())
    const input = (over: Record<string, string> = {}) => sanctionSchema.parse({ kind: 'blacklist', uscc: '', decisionNo: '贵市监信〔2026〕12号', reason: '提供虚假业绩材料骗取中选资格', legalBasis: '《贵港市网上中介服务超市管理办法》第二十五条', startsOn: today, term: '1', ...over })
    expect(sanctionSchema.safeParse({ kind: 'blacklist', uscc: 'x', decisionNo: '', reason: '短', legalBasis: '', startsOn: '2026-02-30', term: '4' }).success).toBe(false)
    expect(await code(listOnBlacklist(input({ uscc: '91450800MA5XXXXXX1' })))).toBe('errors.agencyUnknown@uscc')
    expect(await code(listOnBlacklist(input({ uscc: await usccOf(mapper), startsOn: '2026-01-05' })))).toBe('errors.startInPast@startsOn')
    const listing = await listOnBlacklist(input({ uscc: await usccOf(mapper) }))
    // A year, both ends counted: the day before the same date next year.
    expect(listing.endsOn).toBe(shiftDays(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`, -1))
    expect(await barredOn(database.db, mapper.orgId, today)).toMatchObject({ id: listing.id })
    expect((await listBlacklist(database.db, today)).map((r) => [r.uscc, r.state])).toContainEqual([await usccOf(mapper), 'inForce'])

    // Neither as a member nor (for another procurement of its own item) as a bidder.
    const division = { leadItemIds: [report!.item_id], members: [{ uscc: await usccOf(mapper), itemIds: [map!.item_id] }] }
    const refused = await submitBid(database.db, clock, as(eia), p.id, bid(division)).catch((e: DomainError) => e)
    expect((refused as DomainError).code).toBe('errors.consortiumIneligible')
    expect((refused as DomainError).params.reasons).toContainEqual(expect.objectContaining({ reason: { code: 'blacklisted', until: listing.endsOn } }))
    expect(await code(submitBid(database.db, clock, as(mapper), p.id, bid({ leadItemIds: [map!.item_id], members: [{ uscc: await usccOf(eia), itemIds: [report!.item_id] }] })))).toBe('errors.consortiumIneligible')

    // A listing is lifted with a reason, never deleted; then the consortium may bid.
    expect(await dbError(database.db.execute(sql`delete from sanctions where id = ${listing.id}`))).toMatch(/append-only/)
    await liftSanction(database.db, clock, as(office), listing.id, '经复核，处理决定已撤销')
    expect(await code(liftSanction(database.db, clock, as(office), listing.id, '再撤销一次'))).toBe('errors.notFound')
    expect(await barredOn(database.db, mapper.orgId, today)).toBeNull()
    expect((await listBlacklist(database.db, today, { history: true })).find((r) => r.sanction.id === listing.id)!.state).toBe('lifted')
    const made = await submitBid(database.db, clock, as(eia), p.id, bid(division))
    await respondToConsortium(database.db, clock, as(mapper), p.id, accept(made.id))

    // A member listed after the consortium bid: the lead's bid stands until the opening, which does not count it, and says why.
    await listOnBlacklist(input({ uscc: await usccOf(mapper), term: '3' }))
    clock.advance(6 * 86_400_000)
    await closeIfDue(database.db, clock, queue, p.id)
    const reveal = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, made.id), eq(auditLog.action, 'bid.reveal')))
    expect(reveal[0]!.after).toMatchObject({ excluded: 'blacklisted' })
    const entries = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, mapper.orgId)).orderBy(auditLog.id)
    expect(entries.map((e) => e.action).filter((a) => a.startsWith('sanction.'))).toEqual(['sanction.propose', 'sanction.approve', 'sanction.enforce', 'sanction.lift', 'sanction.propose', 'sanction.approve', 'sanction.enforce'])
  })
})

describe('a consortium invitation', () => {
  it('never blocks the invitee’s own bid, and tells a lead nothing of any other bid', async () => {
    // One item (the EIA report), which both EIA agencies can do alone.
    const input = procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-012346', projectName: '港北区图书馆', title: '图书馆环评（联合体可）', itemCodes: ['C06-02'], maxPrice: '60,000', expectedDays: '10',
      fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234', consortiumAllowed: 'on',
    })
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), input)).id)
    // A competitor names `third` without asking it…
    const rival = await submitBid(database.db, clock, as(eia), p.id, bid({ price: '55,000', members: [{ uscc: await usccOf(third), itemIds: [] }] }))
    // …which bids on its own all the same.
    expect(await code(submitBid(database.db, clock, as(third), p.id, bid({ price: '52,000' })))).toBe('ok')
    // Its own bid stands, so it cannot also accept the invitation; it declines, and cannot be named by that bid again.
    expect(await code(respondToConsortium(database.db, clock, as(third), p.id, accept(rival.id)))).toBe('errors.alreadyStanding@accept')
    await respondToConsortium(database.db, clock, as(third), p.id, { answer: 'decline', bidId: rival.id, reason: '本机构自行报价' })
    expect(await code(editBid(database.db, clock, as(eia), p.id, bid({ price: '54,000', members: [{ uscc: await usccOf(third), itemIds: [] }] })))).toBe('errors.memberDeclined@members.0.uscc')
    // Naming an agency that bid tells the lead nothing: the answer is the same as for one that did not.
    expect(await code(editBid(database.db, clock, as(eia), p.id, bid({ price: '54,000', members: [{ uscc: await usccOf(mapper), itemIds: [] }] })))).toBe('errors.consortiumIneligible')
    expect(await code(editBid(database.db, clock, as(eia), p.id, bid({ price: '54,000' })))).toBe('ok')
  })
})
