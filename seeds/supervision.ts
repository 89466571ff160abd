import { and, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { awards, selectionCandidates, users, type User } from '../db/schema'
import { directoryQuerySchema, searchAgencies } from '../services/agencies'
import { bidInputSchema, submitBid } from '../services/bids'
import { shanghaiDate } from '../services/calendar'
import { JobQueue } from '../services/jobs'
import { amendmentSchema, amendProcurement, answerObjection, closeIfDue, confirmAward, objectionSchema, procurementHandlers, procurementInputSchema, publishProcurement, raiseObjection, saveDraft } from '../services/procurement'
import { complaintDecisionSchema, complaintReviewSchema, complaintSchema } from '../services/supervision/complaint-input'
import { ManualClock, type Clock } from '../services/shared/clock'
import { acceptRectification, answerMonitoringQuestion, askMonitoringQuestion, concludeMonitoring, decideComplaint, evaluateRedFlags, fileComplaint, monitoringDetail, openMonitoring, reportRectification, reviewComplaint } from '../services/supervision'

const DAY = 86_400_000
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF')

/**
 * Supervision's demo. Two complaints run to their decision, made after the rest of the demo (its random numbers and
 * rows unchanged): a bidder's complaint on a result, upheld, the award passing to the next
 * candidate, who confirms; and the demo agency's complaint on an announcement's terms, dismissed.
 * Each went through its objection first: sent, answered, not resolved. The upheld one opens a
 * monitoring of the first winner, concluded with a rectification the office accepts.
 */
export async function seedComplaints(db: Db, clock: Clock, accounts: { owner: string; market_office: string; agency: string }) {
  const now = clock.now()
  const at = (daysAgo: number) => new ManualClock(new Date(now.getTime() - daysAgo * DAY))
  const queue = new JobQueue(db, clock, procurementHandlers as never, { log: () => {} })
  const user = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!
  const owner = await user(accounts.owner)
  const office = await user(accounts.market_office)
  const demoAgency = await user(accounts.agency)
  const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
  const eligible = async (item: string) => {
    const found = await searchAgencies(db, directoryQuerySchema.parse({ item }), shanghaiDate(now))
    return Promise.all(found.agencies.filter((a) => a.id !== demoAgency.orgId).slice(0, 3).map(async (a) => (await db.select().from(users).where(eq(users.orgId, a.id as never)))[0]!))
  }
  const publish = async (c: Clock, title: string, announcementDays: string) =>
    publishProcurement(db, c, queue, as(owner), (await saveDraft(db, c, as(owner), procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-023311', projectName: '贵港市港北区体育中心配套道路工程', title, itemCodes: ['C05-03'], maxPrice: '68,000', expectedDays: '10',
      fundingSource: 'public', method: 'lowest_price', announcementDays, contactName: '李强', contactPhone: '0775-4561234',
    }))).id)
  const bidders = await eligible('C05-03')
  const bid = async (c: Clock, id: string, prices: string[]) => {
    for (const [i, price] of prices.entries()) await submitBid(db, c, as(bidders[i]!), id as never, bidInputSchema.parse({ price, committedDays: String(9 - i), accept: 'yes' }))
  }

  // Upheld: the runner-up objects to the winner's price; the owner's answer does not satisfy it;
  // the office finds the price below cost without the explanation the rules ask, and the award passes on.
  const result = await publish(at(26), '体育中心配套道路工程竣工联合测量', '3')
  await bid(at(25), result.id, ['52,000', '58,600', '61,200'])
  const closed = new ManualClock(result.bidDeadline!)
  await closeIfDue(db, closed, queue, result.id)
  const after = (days: number) => new ManualClock(new Date(result.bidDeadline!.getTime() + days * DAY))
  const runnerUp = bidders[1]!
  const o1 = await raiseObjection(db, after(0.1), as(runnerUp), result.id, objectionSchema.parse({ matter: 'result', violation: 'price_or_scoring', remedy: 'rerun_next', text: '中选报价低于同类项目成本价约 20%，采购人未要求其书面说明报价合理性，评审不符合公告规定。' }))
  await answerObjection(db, after(1), as(owner), o1.id, '报价未低于最高限价的 70%，不属于异常低价，评审符合公告规定。')
  const c1 = await fileComplaint(db, after(1.2), as(runnerUp), o1.id, complaintSchema.parse({ remedy: 'rerun_next', arguments: '中选报价低于其余报价平均值 30% 以上，按公告第八条应先书面说明，采购人未履行该程序。附同类项目成交价格对比。' }), PDF)
  await reviewComplaint(db, after(1.5), as(office), c1.id, complaintReviewSchema.parse({ review: 'accepted', note: '' }))
  // The complaint, accepted, opens a monitoring of the winner it names (before the decision takes the
  // award from it): asked, answered, concluded with a rectification, which it reports and the office accepts.
  const [first] = await db.select({ orgId: selectionCandidates.agencyOrgId }).from(selectionCandidates).where(and(eq(selectionCandidates.procurementId, result.id), eq(selectionCandidates.rank, 1)))
  const firstAdmin = (await db.select().from(users).where(eq(users.orgId, first!.orgId)))[0]!
  const m = await openMonitoring(db, after(1.6), as(office), { procurement: result.id }, { party: 'winner', reason: 'complaint', note: '投诉反映中选报价低于成本且未作说明，核查该机构报价编制和成本测算情况。', sourceId: c1.id })
  await decideComplaint(db, after(3), queue, as(office), c1.id, complaintDecisionSchema.parse({
    outcome: 'upheld', remedy: 'rerun_next',
    decision: '经查，中选报价低于其余有效报价平均值 30% 以上，依公告应先由该机构书面说明，采购人未履行该程序即确定中选，投诉成立。撤销原中选结果，依序确定下一候选人。',
  }))
  const [award] = await db.select({ orgId: awards.agencyOrgId }).from(awards).where(eq(awards.procurementId, result.id))
  if (award) await confirmAward(db, after(3.2), queue, as((await db.select().from(users).where(eq(users.orgId, award.orgId)))[0]!), result.id)

  await askMonitoringQuestion(db, after(3.2), as(office), m.id, { question: '请提供本项目报价的成本测算表及编制依据。', days: 3 })
  const [q] = (await monitoringDetail(db, m.id, { office: true }))!.questions
  await answerMonitoringQuestion(db, after(4), as(firstAdmin), m.id, q!.id, '成本测算表已上传，报价按人工、设备及外业天数测算，未计入复核费用。')
  await concludeMonitoring(db, after(5), as(office), m.id, { findings: '报价测算漏计内业复核及质量检查费用，导致报价低于合理成本，责令完善报价成本测算制度。', rectify: 'yes' })
  await reportRectification(db, after(8), as(firstAdmin), m.id, '已修订报价成本测算规程，增加内业复核和质量检查费用项目，并对报价人员开展培训。', PDF)
  await acceptRectification(db, after(9), as(office), m.id, { note: '整改措施具体，予以认可。' })

  // Dismissed: the demo agency objects to a qualification the terms ask; the office finds it lawful.
  const terms = await publish(at(30), '体育中心配套道路工程施工图审查配合测量', '10')
  const o2 = await raiseObjection(db, at(29), as(demoAgency), terms.id, objectionSchema.parse({ matter: 'terms', violation: 'discriminatory_terms', remedy: 'amend_terms', text: '公告要求测绘资质甲级，本项目规模较小，乙级资质即可胜任，该条件排斥了潜在供应商。' }))
  await answerObjection(db, at(28), as(owner), o2.id, '本项目涉及城市控制测量，依《测绘资质管理办法》须由甲级单位承担。')
  const c2 = await fileComplaint(db, at(27), as(demoAgency), o2.id, complaintSchema.parse({ remedy: 'amend_terms', arguments: '同类道路竣工测量项目在本市均接受乙级资质，采购人的要求缺乏依据，请求责令修改公告。' }), new Uint8Array())
  await reviewComplaint(db, at(26.5), as(office), c2.id, complaintReviewSchema.parse({ review: 'accepted', note: '' }))
  await decideComplaint(db, at(24), queue, as(office), c2.id, complaintDecisionSchema.parse({
    outcome: 'dismissed', remedy: '',
    decision: '经查，项目包含城市二等控制测量，依《测绘资质管理办法》属甲级业务范围，公告的资质要求有法定依据，投诉不成立，予以驳回。',
  }))
  await bid(at(23), terms.id, ['55,000', '57,300', '60,800'])
  // Closed at its deadline when that has passed (a long holiday may put it later: the job closes it then).
  await closeIfDue(db, new ManualClock(new Date(Math.min(terms.bidDeadline!.getTime(), now.getTime()))), queue, terms.id)
  if (terms.bidDeadline! <= now) await confirmed(db, queue, terms.id, new Date(Math.min(terms.bidDeadline!.getTime() + 3_600_000, now.getTime())))
  return { upheld: c1.id, dismissed: c2.id, monitoring: m.id }
}

/**
 * A case for every red-flag rule the rest of the demo does not already hold, then the rules run
 * once, so the office's page has flags to look at. Made last: the demo before it is unchanged.
 * - 平南县 environmental assessments: the same two agencies bid three times, one winning two of
 *   the three (one agency's market, the same bidders again);
 * - a survey with one bid, one won far below its maximum, one with a large gap to the runner-up;
 * - two agencies bidding from one address; an announcement amended twice.
 */
export async function seedRedFlags(db: Db, clock: Clock, accounts: { owner: string }) {
  const now = clock.now()
  const at = (daysAgo: number) => new ManualClock(new Date(now.getTime() - daysAgo * DAY))
  const queue = new JobQueue(db, clock, procurementHandlers as never, { log: () => {} })
  const owner = (await db.select().from(users).where(eq(users.email, accounts.owner)))[0]!
  const as = (u: User, ip?: string) => ({ userId: u.id, orgId: u.orgId, ip: ip ?? null })
  const agenciesFor = async (item: string) => {
    const found = await searchAgencies(db, directoryQuerySchema.parse({ item }), shanghaiDate(now))
    return Promise.all(found.agencies.slice(0, 3).map(async (a) => (await db.select().from(users).where(eq(users.orgId, a.id as never)))[0]!))
  }
  const run = async (daysAgo: number, title: string, item: string, code: string, bids: Array<[User, string, string?]>, over: Record<string, unknown> = {}) => {
    const c = at(daysAgo)
    const form = procurementInputSchema.parse({ projectCode: code, projectName: '平南县城区排水防涝设施建设工程', title, itemCodes: [item], maxPrice: '68,000', expectedDays: '10', fundingSource: 'private', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234', ...over })
    const p = await publishProcurement(db, c, queue, as(owner), (await saveDraft(db, c, as(owner), form)).id)
    for (const [u, price, ip] of bids) await submitBid(db, at(daysAgo - 0.5), as(u, ip), p.id, bidInputSchema.parse({ price, committedDays: '8', accept: 'yes' }), { deviceId: `demo-${u.orgId.slice(0, 8)}` })
    if (bids.length && p.bidDeadline! <= now) {
      await closeIfDue(db, new ManualClock(p.bidDeadline!), queue, p.id)
      await confirmed(db, queue, p.id, new Date(Math.min(p.bidDeadline!.getTime() + 3_600_000, now.getTime())))
    }
    return p
  }
  const [e1, e2] = await agenciesFor('C06-02')
  if (e1 && e2) for (const [k, [w, l]] of [[e1, e2], [e1, e2], [e2, e1]].entries()) await run(40 - k * 5, `排水防涝设施建设工程环境影响报告表编制（第${k + 1}批）`, 'C06-02', '2026-450821-48-01-033108', [[w!, '50,000'], [l!, '58,000']])
  const [s1, s2, s3] = await agenciesFor('C05-03')
  if (s1 && s2 && s3) {
    await run(30, '排水防涝设施竣工测量（单一报价）', 'C05-03', '2026-450821-48-01-033109', [[s1, '61,000']])
    await run(28, '排水防涝设施控制测量', 'C05-03', '2026-450821-48-01-033110', [[s1, '43,000'], [s2, '44,500'], [s3, '45,200']])
    await run(26, '排水管线探测', 'C05-03', '2026-450821-48-01-033111', [[s2, '47,000'], [s3, '62,000']])
    await run(24, '排水泵站地形测量', 'C05-03', '2026-450821-48-01-033112', [[s1, '58,000', '10.45.8.21'], [s3, '59,400', '10.45.8.21']])
    const amended = await run(2, '排水防涝设施二期竣工测量', 'C05-03', '2026-450821-48-01-033113', [], { announcementDays: '10' })
    for (const [k, max] of ['66,000', '64,000'].entries()) await amendProcurement(db, at(1.5 - k * 0.5), queue, as(owner), amended.id, amendmentSchema.parse({ maxPrice: max, expectedDays: '10', reason: '根据财政评审意见调整最高限价' }))
  }
  return evaluateRedFlags(db, clock)
}

/** The winner confirms its award within the hour, so the demo's awards do not lapse when the jobs run. */
async function confirmed(db: Db, queue: JobQueue, procurementId: string, at: Date) {
  const [award] = await db.select({ orgId: awards.agencyOrgId }).from(awards).where(eq(awards.procurementId, procurementId as never))
  const [winner] = award ? await db.select().from(users).where(eq(users.orgId, award.orgId)) : []
  if (winner) await confirmAward(db, new ManualClock(at), queue, { userId: winner.id, orgId: winner.orgId }, procurementId)
}
