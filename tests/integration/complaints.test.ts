import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, awards, complaints, files, objections, organizations, procurements, selectionCandidates, users, type OrgId, type ProcurementId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { loadRules } from '../../services/market'
import { mayReadFile } from '../../services/files'
import { JobQueue } from '../../services/jobs'
import {
  answerObjection,
  closeIfDue,
  contractHolds,
  judgeObjection,
  objectionSchema,
  procurementHandlers,
  procurementInputSchema,
  publishProcurement,
  raiseObjection,
  saveDraft,
} from '../../services/procurement'
import { complaintDecisionSchema, complaintReviewSchema, complaintSchema } from '../../services/supervision/complaint-input'
import { bidInputSchema, submitBid } from '../../services/bids'
import { deadlineFrom } from '../../services/calendar'
import { complaintStatistics, decideComplaint, fileComplaint, publishedDecisions, reviewComplaint, withdrawComplaint } from '../../services/supervision'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { DEMO_ACCOUNTS, seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

/*
 * The two tiers of a party's challenge: an objection to the owner (draft, sent, answered, resolved
 * or not), then a complaint to the office (pending, accepted or invalid, upheld, dismissed or
 * withdrawn), each step through its state machine and the audit log, each deadline in working days,
 * and an upheld complaint's remedy carried out through the procurement's lifecycle.
 */
let database: Database
// Monday 7 December 2026, 10:00 in Shanghai.
const clock = new ManualClock('2026-12-07T02:00:00Z')
let queue: JobQueue
let owner: User
let office: User
const agencies: User[] = []
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId, ip: '10.0.0.9' })
const userOf = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!
const objection = (matter: string, text: string, remedy = '') => objectionSchema.parse({ matter, violation: matter === 'terms' ? 'discriminatory_terms' : 'price_or_scoring', remedy, text })
const complaint = (remedy: string) => complaintSchema.parse({ remedy, arguments: '采购人的答复未回应我方提出的事实，请求监管部门依法处理。' })
const statusOf = async (id: ProcurementId) => (await database.db.select().from(procurements).where(eq(procurements.id, id)))[0]!
const complaintRow = async (id: string) => (await database.db.select().from(complaints).where(eq(complaints.id, id)))[0]!

/** Publishes a lowest-price procurement; with prices, the first agencies bid and it is closed (and awarded) at its deadline. */
async function publish(title: string, prices: string[] = [], announcementDays = prices.length ? '3' : '10') {
  const form = procurementInputSchema.parse({
    projectCode: '2026-450802-48-01-012345', projectName: '贵港市港北区第三污水处理厂扩建工程', title, itemCodes: ['C05-03'], maxPrice: '68,000', expectedDays: '10',
    fundingSource: 'public', method: 'lowest_price', announcementDays, contactName: '李强', contactPhone: '0775-4561234',
  })
  const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form)).id)
  if (!prices.length) return p.id
  for (const [i, price] of prices.entries()) await submitBid(database.db, clock, as(agencies[i]!), p.id, bidInputSchema.parse({ price, committedDays: '8', accept: 'yes' }))
  clock.set(p.bidDeadline!.toISOString())
  expect(await closeIfDue(database.db, clock, queue, p.id)).toBe('awarded')
  return p.id
}

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  owner = await userOf(DEMO_ACCOUNTS.owner)
  office = await userOf(DEMO_ACCOUNTS.market_office)
  const eligible = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C05-03' }), '2026-12-07')
  for (const a of eligible.agencies.slice(0, 4)) agencies.push((await database.db.select().from(users).where(eq(users.orgId, a.id as OrgId)))[0]!)
  expect(agencies).toHaveLength(4)
})
afterAll(async () => database?.close())

describe('the demo', () => {
  it('holds an upheld complaint whose award passed to the next candidate, and a dismissed one of the demo agency', async () => {
    const rows = await database.db.select().from(complaints)
    const upheld = rows.find((c) => c.status === 'upheld')!
    expect([upheld.remedyApplied, upheld.evidenceFileIds.length]).toEqual(['rerun_next', 1])
    const [first] = await database.db.select().from(selectionCandidates).where(and(eq(selectionCandidates.procurementId, upheld.procurementId), eq(selectionCandidates.rank, 1)))
    const [award] = await database.db.select().from(awards).where(eq(awards.procurementId, upheld.procurementId))
    expect(first!.state).toBe('rejected')
    expect(award!.agencyOrgId).toBe(upheld.orgId)
    expect(award!.confirmedAt).not.toBeNull()
    const dismissed = rows.find((c) => c.status === 'dismissed')!
    const demoAgency = await userOf(DEMO_ACCOUNTS.agency)
    expect([dismissed.orgId, dismissed.matter]).toEqual([demoAgency.orgId, 'terms'])
  })
})

describe('a complaint on the result', () => {
  it('holds the contract, is upheld, and the award passes to the next candidate', async () => {
    clock.set('2026-12-07T02:00:00Z')
    const id = await publish('体育中心配套道路工程竣工联合测量（结果投诉）', ['60,000', '61,000', '62,000'])
    const [winner, second] = await database.db.select().from(selectionCandidates).where(eq(selectionCandidates.procurementId, id)).orderBy(asc(selectionCandidates.rank))
    expect(winner!.agencyOrgId).toBe(agencies[0]!.orgId)
    const bidder = agencies[1]!
    // A draft is kept, edited, then sent: one row, its due date set only when sent.
    const draft = await raiseObjection(database.db, clock, as(bidder), id, { ...objection('result', '中选机构报价低于成本，请说明评审依据'), draft: '1' })
    expect([draft.status, draft.answerDueAt]).toEqual(['draft', null])
    expect(await contractHolds(database.db, id, clock.now())).toBe(0)
    const sent = await raiseObjection(database.db, clock, as(bidder), id, objection('result', '中选机构报价明显低于成本，请说明评审依据和计算过程', 'rerun_next'))
    expect([sent.id, sent.status]).toEqual([draft.id, 'submitted'])
    // Three working days to answer, five more to escalate.
    const rules = await loadRules(database.db)
    expect(sent.answerDueAt).toEqual(await deadlineFrom(database.db, rules, clock.now(), 3))
    expect(await contractHolds(database.db, id, clock.now())).toBe(1)
    // The winner has nothing to object to; a step out of order changes nothing.
    expect(await code(raiseObjection(database.db, clock, as(agencies[0]!), id, objection('result', '我方对自己的中选结果有异议')))).toBe('errors.notFound@matter')
    expect(await code(judgeObjection(database.db, clock, as(bidder), sent.id, 'resolved'))).toBe('errors.illegalStep')
    expect(await code(fileComplaint(database.db, clock, as(bidder), sent.id, complaint('rerun_next'), PDF))).toBe('cmp.error.early')
    clock.set('2026-12-08T02:00:00Z')
    await answerObjection(database.db, clock, as(owner), sent.id, '评审按公告的最低价法进行，价格未低于成本警戒线。')
    expect(await contractHolds(database.db, id, clock.now())).toBe(0)
    await judgeObjection(database.db, clock, as(bidder), sent.id, 'not_resolved')
    // Not resolved holds the contract while it may still be escalated.
    expect(await contractHolds(database.db, id, clock.now())).toBe(1)
    const filed = await fileComplaint(database.db, clock, as(bidder), sent.id, complaint('rerun_next'), PDF)
    expect(filed.status).toBe('pending')
    expect(await code(fileComplaint(database.db, clock, as(bidder), sent.id, complaint('cancel'), new Uint8Array()))).toBe('cmp.error.matterDecided')
    // The evidence: the complainant, the owner and the office read it; the winner does not.
    const [evidence] = await database.db.select().from(files).where(eq(files.id, filed.evidenceFileIds[0]!))
    const kindOf = async (u: User) => (await database.db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, u.orgId)))[0]!.kind
    for (const [u, may] of [[bidder, true], [owner, true], [office, true], [agencies[0]!, false]] as const) expect(await mayReadFile(database.db, evidence!, { orgId: u.orgId, kind: await kindOf(u) })).toBe(may)

    expect(await code(decideComplaint(database.db, clock, queue, as(office), filed.id, complaintDecisionSchema.parse({ outcome: 'upheld', remedy: 'rerun_next', decision: '经查，评审计算有误，投诉成立。' })))).toBe('errors.illegalStep')
    expect(complaintReviewSchema.safeParse({ review: 'invalid', note: '' }).success).toBe(false)
    await reviewComplaint(database.db, clock, as(office), filed.id, complaintReviewSchema.parse({ review: 'accepted', note: '' }))
    const accepted = await complaintRow(filed.id)
    expect(accepted.decideBy).toEqual(await deadlineFrom(database.db, rules, clock.now(), 30))
    // A remedy the state no longer allows is refused, and nothing changes.
    const amend = complaintDecisionSchema.parse({ outcome: 'upheld', remedy: 'amend_terms', decision: '经查，公告条件设置不当，投诉成立。' })
    expect(await code(decideComplaint(database.db, clock, queue, as(office), filed.id, amend))).toBe('cmp.error.remedyNotAllowed@remedy')
    expect([(await complaintRow(filed.id)).status, (await statusOf(id)).status]).toEqual(['accepted', 'awarded'])
    const upheld = await decideComplaint(database.db, clock, queue, as(office), filed.id, complaintDecisionSchema.parse({ outcome: 'upheld', remedy: 'rerun_next', decision: '经查，中选报价低于成本且未按规定说明，投诉成立，撤销中选结果。' }))
    expect(upheld).toEqual({ status: 'upheld', remedy: 'rerun_next', reannouncedAs: null })
    const [award] = await database.db.select().from(awards).where(eq(awards.procurementId, id))
    expect(award!.agencyOrgId).toBe(second!.agencyOrgId)
    const [first] = await database.db.select().from(selectionCandidates).where(and(eq(selectionCandidates.procurementId, id), eq(selectionCandidates.rank, 1)))
    expect([first!.state, first!.decisionReason]).toEqual(['rejected', 'complaintUpheld'])
    expect((await statusOf(id)).status).toBe('awarded')
    const steps = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(asc(auditLog.id))
    expect(steps.map((s) => s.action).filter((a) => /^(complaint|objection)\.|revokeAward/.test(a))).toEqual([
      'objection.draft', 'objection.raise', 'objection.answer', 'objection.not_resolved', 'complaint.file', 'complaint.accepted', 'procurement.revokeAward', 'complaint.upheld',
    ])
    expect((await verifyChain(database.db)).ok).toBe(true)
  })
})

describe('a complaint on the terms', () => {
  it('may follow an answer that never came; dismissed, its matter cannot be filed again', async () => {
    clock.set('2026-12-09T02:00:00Z')
    const id = await publish('体育中心配套道路工程竣工联合测量（条件投诉）')
    const stranger = agencies[3]!
    const o = await raiseObjection(database.db, clock, as(stranger), id, objection('terms', '资质要求设置为甲级，超出项目规模所需，排斥潜在供应商'))
    expect(await code(fileComplaint(database.db, clock, as(stranger), o.id, complaint('amend_terms'), new Uint8Array()))).toBe('cmp.error.early')
    clock.set(new Date(o.answerDueAt!.getTime() + 60_000).toISOString())
    const filed = await fileComplaint(database.db, clock, as(stranger), o.id, complaint('amend_terms'), new Uint8Array())
    await reviewComplaint(database.db, clock, as(office), filed.id, complaintReviewSchema.parse({ review: 'accepted', note: '' }))
    await decideComplaint(database.db, clock, queue, as(office), filed.id, complaintDecisionSchema.parse({ outcome: 'dismissed', remedy: '', decision: '经查，资质要求符合行业规定，投诉不成立，予以驳回。' }))
    expect((await complaintRow(filed.id)).status).toBe('dismissed')
    expect(await code(raiseObjection(database.db, clock, as(stranger), id, objection('terms', '再次对资质条件提出异议，请求修改公告')))).toBe('cmp.error.matterDecided@matter')
    const decisions = await publishedDecisions(database.db, 2026)
    expect(decisions.find((d) => d.id === filed.id)?.decision).toContain('予以驳回')
  })

  it('upheld with amended terms, the deadline moves so bidders have the minimum to answer', async () => {
    clock.set('2026-12-14T02:00:00Z')
    const id = await publish('体育中心配套道路工程竣工联合测量（责令修改）')
    const before = (await statusOf(id)).bidDeadline!
    const o = await raiseObjection(database.db, clock, as(agencies[2]!), id, objection('terms', '服务期限要求不合理，无法在规定时间内完成'))
    await answerObjection(database.db, clock, as(owner), o.id, '服务期限按项目进度确定，不予调整。')
    clock.set('2026-12-16T02:00:00Z')
    const filed = await fileComplaint(database.db, clock, as(agencies[2]!), o.id, complaint('amend_terms'), new Uint8Array())
    await reviewComplaint(database.db, clock, as(office), filed.id, complaintReviewSchema.parse({ review: 'accepted', note: '' }))
    await decideComplaint(database.db, clock, queue, as(office), filed.id, complaintDecisionSchema.parse({ outcome: 'upheld', remedy: 'amend_terms', decision: '服务期限明显短于同类项目，责令修改公告。' }))
    const after = await statusOf(id)
    const floor = await deadlineFrom(database.db, await loadRules(database.db), clock.now(), (await loadRules(database.db)).amendmentMinDays)
    expect(after.status).toBe('published')
    expect(after.bidDeadline!.getTime()).toBe(Math.max(before.getTime(), floor.getTime()))
    const [step] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'procurement.extendDeadline')))
    expect(step!.after).toMatchObject({ complaintId: filed.id, remedy: 'amend_terms' })
  })

  it('upheld with a re-announcement, the procurement is annulled and its copy waits as a draft', async () => {
    clock.set('2026-12-17T02:00:00Z')
    const id = await publish('体育中心配套道路工程竣工联合测量（重新公告）')
    const o = await raiseObjection(database.db, clock, as(agencies[1]!), id, objection('terms', '采购需求与项目代码不一致，无法报价', 're_announce'))
    await answerObjection(database.db, clock, as(owner), o.id, '需求以公告为准。')
    await judgeObjection(database.db, clock, as(agencies[1]!), o.id, 'not_resolved')
    const filed = await fileComplaint(database.db, clock, as(agencies[1]!), o.id, complaint('re_announce'), new Uint8Array())
    await reviewComplaint(database.db, clock, as(office), filed.id, complaintReviewSchema.parse({ review: 'accepted', note: '' }))
    const result = await decideComplaint(database.db, clock, queue, as(office), filed.id, complaintDecisionSchema.parse({ outcome: 'upheld', remedy: 're_announce', decision: '采购需求前后矛盾，责令终止并重新公告。' }))
    const old = await statusOf(id)
    expect([old.status, old.cancelReason]).toEqual(['cancelled', '采购需求前后矛盾，责令终止并重新公告。'])
    const next = await statusOf(result.reannouncedAs as ProcurementId)
    expect([next.status, next.previousId, next.title, next.createdBy]).toEqual(['draft', id, old.title, old.createdBy])
  })
})

describe('deadlines, withdrawal and the yearly figures', () => {
  it('refuse a late complaint, let a pending one be withdrawn (its matter then closed), and count each year by outcome', async () => {
    clock.set('2026-12-21T02:00:00Z')
    const id = await publish('体育中心配套道路工程竣工联合测量（期限）')
    const late = await raiseObjection(database.db, clock, as(agencies[0]!), id, objection('terms', '报价上限明显偏低，低于行业成本'))
    const o = await raiseObjection(database.db, clock, as(agencies[2]!), id, objection('terms', '评分办法未公布，请补充公布'))
    await answerObjection(database.db, clock, as(owner), late.id, '上限价经财政评审确定。')
    const [row] = await database.db.select().from(objections).where(eq(objections.id, late.id))
    clock.set(row!.escalateBy!.toISOString())
    expect(await code(fileComplaint(database.db, clock, as(agencies[0]!), late.id, complaint('amend_terms'), new Uint8Array()))).toBe('cmp.error.late')
    clock.set(new Date(o.answerDueAt!.getTime() + 1000).toISOString())
    const filed = await fileComplaint(database.db, clock, as(agencies[2]!), o.id, complaint('amend_terms'), new Uint8Array())
    expect(await code(withdrawComplaint(database.db, clock, as(agencies[0]!), filed.id))).toBe('errors.notFound')
    await withdrawComplaint(database.db, clock, as(agencies[2]!), filed.id)
    expect(await code(reviewComplaint(database.db, clock, as(office), filed.id, complaintReviewSchema.parse({ review: 'accepted', note: '' })))).toBe('errors.illegalStep')
    const years = await complaintStatistics(database.db)
    const all = await database.db.select({ status: complaints.status, filedAt: complaints.filedAt }).from(complaints)
    for (const y of years) {
      const mine = all.filter((c) => Number(new Date(c.filedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 4)) === y.year)
      expect(y.total).toBe(mine.length)
      for (const s of ['upheld', 'dismissed', 'withdrawn', 'invalid', 'pending', 'accepted'] as const) expect(y.byStatus[s]).toBe(mine.filter((c) => c.status === s).length)
    }
    expect(years.find((y) => y.year === 2026)?.byStatus.withdrawn).toBeGreaterThanOrEqual(1)
  })
})
