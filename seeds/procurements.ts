import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { auctions, awards, evaluations, organizations, procurementItems, selectionCandidates, serviceItems, spotCheckItems, users, type User } from '../db/schema'
import { directoryQuerySchema, searchAgencies } from '../services/agencies'
import { shanghaiDate } from '../services/calendar'
import { JobQueue, type EnqueueInput } from '../services/jobs'
import { flagLateFunding, paymentHandlers } from '../services/payments'
import { amendProcurement, amendmentSchema, reannounce, confirmAward, confirmContract, contractInputSchema, decideDelivery, decisionSchema, deliver, evaluate, evaluateOwner, evaluationSchema, ownerEvaluationSchema, flagOverdue, uploadContract, terminateContract, terminationSchema, cancelProcurement, closeIfDue, confirmDirect, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft, approveSanction, requestDirectApproval } from '../services/procurement'
import { bidInputSchema, ownBid, respondToConsortium, submitBid } from '../services/bids'
import { appealEvaluation, appealSchema, decidePetition, fileRepair, issueYellowCard, liftSanction, petitionDecisionSchema, proposeSanction, repairSchema, sanctionSchema, yellowCardedAmong } from '../services/credit'
import { announceSchema, announceSpotCheck, drawSpotCheck, scoreSpotCheck, spotScoreSchema, auctionBidSchema, auctionBoard, chooseFromShortlist, chooseSchema, declineAward, declineSchema, finishAuctionIfDue, lapseIfDue, placeAuctionBid } from '../services/selection'
import { ManualClock, type Clock } from '../services/shared/clock'
import { OFFICE_APPROVER } from './accounts'
import { paymentRig } from './payments'
import type { Rng } from './factories'

const DAY = 86_400_000

/** Projects of Guigang's kind, each with the item it buys, a max price in yuan and the days it expects. */
const NEEDS: Array<{ project: string; code: string; title: string; item: string; max: number; days: number }> = [
  { project: '贵港市港北区第三污水处理厂扩建工程', code: '2026-450802-46-01-031207', title: '第三污水处理厂扩建工程环境影响报告表编制', item: 'C06-02', max: 68_000, days: 10 },
  { project: '贵港市中心城区老旧小区改造（二期）', code: '2026-450802-47-01-015532', title: '老旧小区改造二期工程概算编制', item: 'C10-01', max: 45_000, days: 8 },
  { project: '覃塘区产业园标准厂房建设项目', code: '2026-450804-47-01-020418', title: '标准厂房建设项目岩土工程详细勘察', item: 'C02-01', max: 120_000, days: 20 },
  { project: '桂平市西山镇防洪堤加固工程', code: '2026-450881-76-01-007731', title: '防洪堤加固工程水土保持方案编制', item: 'C08-01', max: 56_000, days: 15 },
  { project: '平南县人民医院门诊综合楼', code: '2026-450821-84-01-012004', title: '门诊综合楼工程地形图测绘', item: 'C05-01', max: 38_000, days: 7 },
  { project: '港南区第二实验小学新建工程', code: '2025-450803-83-01-044190', title: '第二实验小学新建工程招标代理', item: 'C11-01', max: 90_000, days: 15 },
  { project: '贵港港中心港区码头扩建工程', code: '2025-450802-55-01-019926', title: '码头扩建工程节能评估报告编制', item: 'C07-01', max: 60_000, days: 12 },
  { project: '贵港市体育中心配套道路工程', code: '2026-450802-48-01-027745', title: '体育中心配套道路工程竣工联合测量', item: 'C05-03', max: 42_000, days: 10 },
  { project: '覃塘区城乡供水一体化工程', code: '2026-450804-46-01-009812', title: '城乡供水一体化工程可行性研究报告编制', item: 'C01-02', max: 150_000, days: 25 },
  { project: '贵港市第一中学实验楼', code: '2026-450802-83-01-016670', title: '实验楼工程施工图审查', item: 'C03-04', max: 35_000, days: 10 },
  { project: '港北区农贸市场升级改造', code: '2026-450802-51-01-038851', title: '农贸市场升级改造工程量清单及控制价编制', item: 'C10-02', max: 48_000, days: 10 },
  { project: '平南县工业园区道路工程', code: '2026-450821-48-01-021133', title: '工业园区道路工程地质灾害危险性评估', item: 'C09-01', max: 75_000, days: 20 },
  { project: '桂平市中医院住院楼', code: '2026-450881-84-01-008845', title: '住院楼工程房产面积测绘', item: 'C05-04', max: 26_000, days: 8 },
  { project: '贵港市城市书房建设项目', code: '2026-450802-88-01-040017', title: '城市书房建设项目环境影响报告表编制', item: 'C06-02', max: 24_000, days: 10 },
]

/**
 * Procurements in every state of the lifecycle, made through the services at past times so their
 * numbers, deadlines, contracts, audit entries and notifications are all real: drafts, open for
 * bids (with sealed bids), opened for selection, awarded, contracted, in service (one late),
 * delivered, accepted, evaluated, failed and cancelled.
 */
export async function seedProcurements(db: Db, clock: Clock, r: Rng) {
  const now = clock.now()
  const at = (daysAgo: number) => new ManualClock(new Date(now.getTime() - daysAgo * DAY))
  const owners = await db.select().from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(organizations.kind, 'owner'))
  const ownerUsers = owners.map((o) => o.users)
  const demoOwner = ownerUsers.find((u) => u.email === 'owner@example.com')!
  const today = shanghaiDate(now)
  // The queue knows the payment jobs too: an acceptance books the release of what escrow holds.
  const scheduler = { enqueue: (input: EnqueueInput, on?: Db) => queue.enqueue(input, on) }
  const money = paymentRig(db, scheduler)
  const queue = new JobQueue(db, clock, { ...procurementHandlers, ...paymentHandlers(money.client) }, { log: () => {} })
  const adminOf = async (orgId: string) => (await db.select().from(users).where(eq(users.orgId, orgId as never)))[0]!
  const eligibleFor = async (item: string) => {
    const found = await searchAgencies(db, directoryQuerySchema.parse({ item }), today)
    return Promise.all(found.agencies.map(async (a) => ({ user: await adminOf(a.id) })))
  }
  const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
  const form = (need: (typeof NEEDS)[number], over: Record<string, unknown> = {}) =>
    procurementInputSchema.parse({
      projectCode: need.code, projectName: need.project, title: need.title, itemCodes: [need.item], maxPrice: String(need.max), expectedDays: String(need.days),
      fundingSource: r.next() < 0.75 ? 'public' : 'private', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234', ...over,
    })
  const bidsOn = async (id: string, need: (typeof NEEDS)[number], c: Clock, howMany: number, shares?: number[]) => {
    const agencies = (await eligibleFor(need.item)).slice(0, howMany)
    for (const [k, a] of agencies.entries()) {
      const price = Math.round((need.max * (shares?.[k] ?? 0.82 + r.next() * 0.17)) / 100) * 100
      await submitBid(db, c, as(a.user), id as never, bidInputSchema.parse({ price: String(price), committedDays: String(Math.max(1, need.days - r.int(0, 3))), accept: 'yes' }))
    }
    return agencies.length
  }
  const currentOffer = async (procurementId: string) => {
    const [award] = await db.select({ orgId: awards.agencyOrgId }).from(awards).where(eq(awards.procurementId, procurementId as never))
    return award ? adminOf(award.orgId) : null
  }
  // A contract is signed on the day asked, or just after the award's standstill if a holiday made it end later.
  const signedAfter = async (procurementId: string, daysAgo: number) => {
    const [award] = await db.select({ ends: awards.standstillEndsAt }).from(awards).where(eq(awards.procurementId, procurementId as never))
    return new ManualClock(new Date(Math.max(now.getTime() - daysAgo * DAY, (award?.ends.getTime() ?? 0) + 60_000)))
  }
  // A direct commission run to an accepted delivery: published `t.publish` days ago and confirmed
  // by the named agency within hours, signed after the standstill, delivered, and accepted.
  const acceptedDirect = async (owner: User, agency: User, need: (typeof NEEDS)[number], over: Record<string, unknown>, price: string, t: { publish: number; sign: number; deliver: number; accept: number }, report: string) => {
    const uscc = (await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency.orgId)))[0]!.uscc
    const p = await publishProcurement(db, at(t.publish), queue, as(owner), (await saveDraft(db, at(t.publish), as(owner), form(need, { method: 'direct', directAgencyUscc: uscc, announcementDays: '1', ...over }))).id)
    await confirmDirect(db, at(t.publish - 0.1), as(agency), p.id, bidInputSchema.parse({ price, committedDays: String(need.days), accept: 'yes' }))
    const signed = await signedAfter(p.id, t.sign)
    await uploadContract(db, signed, as(owner), p.id, contractInputSchema.parse({ fundDays: '5', startDate: shanghaiDate(signed.now()) }), PDF)
    await confirmContract(db, signed, queue, as(agency), p.id)
    await money.fund(signed, owner, p.id)
    await deliver(db, at(t.deliver), as(agency), p.id, report, PDF)
    await decideDelivery(db, at(t.accept), queue, as(owner), p.id, decisionSchema.parse({ decision: 'accept' }))
    await money.release(at(t.accept), p.id)
    return p
  }
  const ownerFor = (i: number) => (i % 3 === 0 ? demoOwner : ownerUsers[i % ownerUsers.length]!)
  let n = 0
  const next = () => NEEDS[n++ % NEEDS.length]!

  // Drafts (the demo owner's, so its page shows them).
  for (const need of [next(), next()]) await saveDraft(db, at(1), as(demoOwner), form(need, { method: 'random_draw' }))

  // Open for bids now, with sealed bids already in. The demo owner's random draw on public funds
  // has two bids of the three it needs, so its page warns.
  const open: Array<{ id: string; need: (typeof NEEDS)[number] }> = []
  for (let i = 0; i < 4; i++) {
    const need = next()
    const c = at(1 - i * 0.1)
    const p = await publishProcurement(db, c, queue, as(ownerFor(i)), (await saveDraft(db, c, as(ownerFor(i)), form(need, i === 3 ? { method: 'random_draw', fundingSource: 'public' } : { method: 'lowest_price' }))).id)
    await bidsOn(p.id, need, c, 2 + (i % 3))
    open.push({ id: p.id, need })
  }

  // Selected at the opening, one of each method that decides there (published a fortnight ago,
  // the deadline job has run): each with its published draw records where a draw decided.
  const selected: Array<{ method: 'lowest_price' | 'random_draw' | 'optimal_price'; prices?: number[]; funding?: 'public' | 'private'; bidders: number }> = [
    { method: 'lowest_price', bidders: 3 },
    { method: 'random_draw', funding: 'public', bidders: 4 },
    { method: 'optimal_price', bidders: 5 },
    // Two equal lowest prices: the tie goes to a draw.
    { method: 'lowest_price', prices: [0.9, 0.86, 0.86, 0.95], bidders: 4 },
    // One price far below the others: its agency is asked to explain before any award (the procurement waits in selection).
    { method: 'lowest_price', prices: [0.55, 0.92, 0.95], bidders: 3 },
    // A public draw with two bids is no competition: it fails.
    { method: 'random_draw', funding: 'public', bidders: 2 },
  ]
  const opened: string[] = []
  for (const [i, s] of selected.entries()) {
    const need = next()
    // Two opened in the last hours: the tie's winner has yet to confirm, the abnormally low price has yet to be explained.
    const closesAgo = i === 3 ? 0.25 : i === 4 ? 0.2 : 8 - i * 0.5
    const c = at(closesAgo + 8)
    const p = await publishProcurement(db, c, queue, as(ownerFor(i)), (await saveDraft(db, c, as(ownerFor(i)), form(need, { method: s.method, ...(s.funding ? { fundingSource: s.funding } : {}) }))).id)
    await bidsOn(p.id, need, c, s.bidders, s.prices)
    await closeIfDue(db, at(closesAgo), queue, p.id)
    opened.push(p.id)
  }
  // The random draw's winner declined; the next in the draw's order holds the award now. The
  // older winners confirmed within the period.
  const randomWinner = await currentOffer(opened[1]!)
  if (randomWinner) await declineAward(db, at(7.4), queue, as(randomWinner), opened[1]!, declineSchema.parse({ reason: '项目负责人近期另有任务，无法保证承诺时限' }))
  for (const [i, id] of opened.entries()) {
    const winner = await currentOffer(id)
    if (winner && i !== 3) await confirmAward(db, at(7 - i * 0.5), queue, as(winner), id)
  }

  // Live reverse auctions: one fought over three rounds a fortnight ago and awarded, one
  // scheduled for the next working day (its board is public to watch).
  for (const [i, when] of [14, 0.3].entries()) {
    const need = next()
    const owner = ownerFor(i + 2)
    const c = at(when + 8)
    const p = await publishProcurement(db, c, queue, as(owner), (await saveDraft(db, c, as(owner), form(need, { method: 'reverse_auction', minStep: String(Math.max(100, Math.round(need.max / 200 / 100) * 100)) }))).id)
    const bidders = (await eligibleFor(need.item)).slice(0, 3)
    for (const [k, a] of bidders.entries())
      await submitBid(db, c, as(a.user), p.id, bidInputSchema.parse({ price: String(Math.round((need.max * (0.97 - k * 0.03)) / 100) * 100), committedDays: String(need.days - k), accept: 'yes' }))
    await closeIfDue(db, at(when), queue, p.id)
    if (i > 0) continue
    const [auction] = await db.select().from(auctions).where(eq(auctions.procurementId, p.id))
    if (!auction) continue
    const byBid = new Map<string, User>()
    for (const a of bidders) {
      const own = await ownBid(db, a.user.orgId, p.id)
      if (own) byBid.set(own.id, a.user)
    }
    const slot = (n: number) => new ManualClock(new Date(auction.startsAt.getTime() + n * auction.turnSeconds * 1000 + 20_000))
    // Most turns see a cut of one to three steps; some bidders keep their price.
    for (let n = 0; n < auction.rounds * auction.bidders.length; n++) {
      const board = (await auctionBoard(db, slot(n), p.id))!
      const current = board.rows.find((row) => row.label === board.currentLabel)!
      const bidId = auction.bidders.find((b) => b.label === current.label)!.bidId
      if (r.next() < 0.25) continue
      const price = current.priceFen - auction.minStepFen * r.int(1, 3)
      await placeAuctionBid(db, slot(n), as(byBid.get(bidId)!), p.id, auctionBidSchema.parse({ price: String(price / 100), idempotencyKey: `seed-${p.id}-${n}` }))
    }
    await finishAuctionIfDue(db, new ManualClock(auction.endsAt), queue, p.id)
    const winner = await currentOffer(p.id)
    if (winner) await confirmAward(db, new ManualClock(new Date(auction.endsAt.getTime() + 3_600_000)), queue, as(winner), p.id)
  }

  // Awarded by direct commission, small amounts under the threshold.
  for (let i = 0; i < 3; i++) {
    const need = next()
    const agency = (await eligibleFor(need.item))[i]
    if (!agency) continue
    const uscc = (await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency.user.orgId)))[0]!.uscc
    const c = at(9 - i * 2)
    const max = Math.min(need.max, 48_000)
    const p = await publishProcurement(db, c, queue, as(ownerFor(i + 1)), (await saveDraft(db, c, as(ownerFor(i + 1)), form(need, { method: 'direct', directAgencyUscc: uscc, maxPrice: String(max), announcementDays: '1' }))).id)
    await confirmDirect(db, at(8.9 - i * 2), as(agency.user), p.id, bidInputSchema.parse({ price: String(Math.round((max * 0.92) / 100) * 100), committedDays: String(need.days - 2), accept: 'yes' }))
  }

  // Direct commissions further along: contracted, in service (one of them late), delivered, accepted, evaluated.
  const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF')
  const stages = ['contracted', 'in_service', 'in_service_late', 'delivered', 'accepted', 'evaluated'] as const
  let evaluated: { id: string; agency: User; daysAgo: number } | null = null
  for (const [i, stage] of stages.entries()) {
    const need = next()
    const agency = (await eligibleFor(need.item))[(i + 3) % 4] ?? (await eligibleFor(need.item))[0]
    if (!agency) continue
    const uscc = (await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency.user.orgId)))[0]!.uscc
    const start = 40 - i
    const owner = ownerFor(i)
    const max = Math.min(need.max, 48_000)
    const p = await publishProcurement(db, at(start), queue, as(owner), (await saveDraft(db, at(start), as(owner), form(need, { method: 'direct', directAgencyUscc: uscc, maxPrice: String(max), announcementDays: '1' }))).id)
    const days = stage === 'in_service_late' ? 3 : need.days
    await confirmDirect(db, at(start - 0.1), as(agency.user), p.id, bidInputSchema.parse({ price: String(Math.round((max * 0.9) / 100) * 100), committedDays: String(days), accept: 'yes' }))
    // Contracts are signed a week later (after the standstill); the contracted one starts next week.
    const signed = await signedAfter(p.id, stage === 'contracted' ? 1 : start - 7)
    const startDate = stage === 'contracted' ? shanghaiDate(new Date(now.getTime() + 7 * DAY)) : shanghaiDate(signed.now())
    // The contract starting next week is paid in two instalments (its first already funded); the late service's owner has funded nothing.
    await uploadContract(db, signed, as(owner), p.id, contractInputSchema.parse({ fundDays: '5', startDate, firstPercent: stage === 'contracted' ? '30' : '' }), PDF)
    await confirmContract(db, signed, queue, as(agency.user), p.id)
    if (stage !== 'in_service_late') await money.fund(signed, owner, p.id)
    if (stage === 'contracted' || stage === 'in_service' || stage === 'in_service_late') continue
    await deliver(db, at(start - 15), as(agency.user), p.id, '成果报告（送审稿）', PDF)
    if (stage === 'delivered') continue
    await decideDelivery(db, at(start - 16), queue, as(owner), p.id, decisionSchema.parse({ decision: 'return', reason: '请补充现场踏勘照片和数据来源说明' }))
    await deliver(db, at(start - 18), as(agency.user), p.id, '已按意见补充', PDF)
    await decideDelivery(db, at(start - 19), queue, as(owner), p.id, decisionSchema.parse({ decision: 'accept' }))
    await money.release(at(start - 19), p.id)
    if (stage === 'accepted') continue
    await evaluate(db, at(start - 20), as(owner), p.id, evaluationSchema.parse({ quality: String(4 + (i % 2)), timeliness: '5', conduct: '5', fees: '4', compliance: '5', comment: '成果规范，响应及时' }))
    evaluated = { id: p.id, agency: agency.user, daysAgo: start - 21 }
  }
  // The late service is flagged by the overdue check, and its unfunded contract by the funding check, as the daily jobs would have done.
  await flagOverdue(db, clock)
  await flagLateFunding(db, clock)

  // Failed: nobody bid.
  const unanswered = await (async () => {
    const need = next()
    const c = at(20)
    const p = await publishProcurement(db, c, queue, as(demoOwner), (await saveDraft(db, c, as(demoOwner), form(need))).id)
    // Closed (and failed, with no bid) at its deadline: 12 days ago, or later when a holiday moved it.
    await closeIfDue(db, new ManualClock(new Date(Math.max(at(12).now().getTime(), p.bidDeadline!.getTime()))), queue, p.id)
    return { id: p.id, need }
  })()

  // Cancelled by its owner after publication.
  {
    const need = next()
    const c = at(6)
    const p = await publishProcurement(db, c, queue, as(ownerFor(2)), (await saveDraft(db, c, as(ownerFor(2)), form(need))).id)
    await cancelProcurement(db, at(5), as(ownerFor(2)), p.id, '项目建设方案调整，待重新立项后另行采购')
  }

  // Consortia (联合体): an EIA report with its topographic map, which the demo's EIA agencies cannot
  // do alone. One is open, its member yet to answer the lead; one was won by a consortium.
  {
    const report = (await eligibleFor('C06-02')).map((a) => a.user)
    const map = (await eligibleFor('C05-01')).map((a) => a.user)
    const onlyReport = report.filter((u) => !map.some((m) => m.orgId === u.orgId))
    const onlyMap = map.filter((u) => !report.some((m) => m.orgId === u.orgId))
    const usccOf = async (u: User) => (await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, u.orgId)))[0]!.uscc
    const CONSORTIA = [
      { project: '贵港市西江生态湿地公园', code: '2026-450802-77-01-044120', title: '西江生态湿地公园环境影响报告表及地形图测绘（接受联合体）', max: 95_000, days: 18, when: 0.8 },
      { project: '港南区木格镇农贸市场改造工程', code: '2026-450803-52-01-030877', title: '木格镇农贸市场改造工程环评及测绘（接受联合体）', max: 72_000, days: 15, when: 12 },
    ]
    for (const [k, need] of CONSORTIA.entries()) {
      const lead = onlyReport[onlyReport.length - 1 - k]
      const member = onlyMap[onlyMap.length - 1 - k]
      if (!lead || !member) continue
      const c = at(need.when)
      const owner = ownerFor(k)
      const p = await publishProcurement(db, c, queue, as(owner), (await saveDraft(db, c, as(owner), form({ ...need, item: 'C06-02' }, { itemCodes: ['C06-02', 'C05-01'], consortiumAllowed: 'on', fundingSource: 'public' }))).id)
      const items = await db.select({ id: serviceItems.id, code: serviceItems.code }).from(procurementItems).innerJoin(serviceItems, eq(serviceItems.id, procurementItems.itemId)).where(eq(procurementItems.procurementId, p.id))
      const itemOf = (code: string) => items.find((i) => i.code === code)!.id
      const made = await submitBid(db, c, as(lead), p.id, bidInputSchema.parse({
        price: String(Math.round((need.max * 0.91) / 100) * 100), committedDays: String(need.days - 2), accept: 'yes',
        leadItemIds: [itemOf('C06-02')], members: [{ uscc: await usccOf(member), itemIds: [itemOf('C05-01')] }],
      }))
      if (k === 0) continue
      await respondToConsortium(db, at(need.when - 0.2), as(member), p.id, { answer: 'accept', bidId: made.id, accept: 'yes' })
      await closeIfDue(db, at(need.when - 8), queue, p.id)
      const winner = await currentOffer(p.id)
      if (winner) await confirmAward(db, at(need.when - 8.5), queue, as(winner), p.id)
    }
  }

  // 失信名单: one agency listed for a year for false records, and an earlier listing lifted on
  // review, each proposed by the office's admin and approved by its approver (four eyes). Both are
  // agencies not yet active (no verified qualification), caught in review, so the active agencies
  // the demo's walkthroughs use keep bidding.
  const office = (await db.select().from(users).where(eq(users.email, 'office@example.com')))[0]!
  const approver = (await db.select().from(users).where(eq(users.email, OFFICE_APPROVER)))[0]!
  const inactive = await db
    .select({ uscc: organizations.uscc })
    .from(organizations)
    .where(and(eq(organizations.kind, 'agency'), sql`not exists (select 1 from qualifications q where q.org_id = ${organizations.id} and q.status = 'approved' and q.valid_from <= ${today} and q.valid_to >= ${today})`))
    .orderBy(organizations.uscc)
  const BASIS = '《贵港市网上中介服务超市管理办法》第二十五条'
  const measure = (kind: string, uscc: string, decisionNo: string, reason: string, daysAgo: number, term: number) =>
    sanctionSchema.parse({ kind, uscc, decisionNo, reason, legalBasis: BASIS, startsOn: shanghaiDate(at(daysAgo).now()), term: String(term) })
  {
    const [listed, lifted] = [inactive[0]!, inactive[1]!]
    const first = await proposeSanction(db, at(30.1), as(office), measure('blacklist', listed.uscc, '贵中介信〔2026〕7号', '在报价中提供虚假业绩材料，经核查属实', 30.1, 1))
    await approveSanction(db, at(30), queue, as(approver), first.id, first.decisionNo)
    const old = await proposeSanction(db, at(60.1), as(office), measure('blacklist', lifted.uscc, '贵中介信〔2026〕3号', '中选后无正当理由拒不签订合同', 60.1, 2))
    await approveSanction(db, at(60), queue, as(approver), old.id, old.decisionNo)
    await liftSanction(db, at(20), as(office), old.id, '行政复议决定撤销原处理决定')
  }

  // The failed one announced again (重新公告) two days ago with a higher max price, open now: each page links to the other.
  {
    const again = await reannounce(db, at(2), as(demoOwner), unanswered.id)
    const raised = String(Math.round((unanswered.need.max * 1.15) / 100) * 100)
    await saveDraft(db, at(2), as(demoOwner), form(unanswered.need, { maxPrice: raised, expectedDays: String(unanswered.need.days + 2) }), again.id as never)
    await publishProcurement(db, at(2), queue, as(demoOwner), again.id as never)
    await bidsOn(again.id, unanswered.need, at(1.5), 1)
  }

  // An announcement amended while open (变更公告): the max price raised, so its bidders confirm again.
  {
    const { id, need } = open[1]!
    await amendProcurement(db, at(0.5), queue, as(ownerFor(1)), id, amendmentSchema.parse({ maxPrice: String(Math.round((need.max * 1.1) / 100) * 100), expectedDays: String(need.days), reason: '根据财政评审意见调整最高限价' }))
  }

  // An exception waiting for the office (/office/approvals): the demo owner's direct commission above the limit.
  {
    const need = NEEDS[2]!
    const [agency] = await eligibleFor(need.item)
    if (agency) {
      const uscc = (await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency.user.orgId)))[0]!.uscc
      const draft = await saveDraft(db, at(1), as(demoOwner), form(need, { title: `${need.title}（应急抢险，直接委托）`, method: 'direct', directAgencyUscc: uscc, directReason: '防汛应急抢险工程，须立即开展勘察，无法组织竞争性选取', announcementDays: '1' }))
      await requestDirectApproval(db, at(1), as(demoOwner), draft.id)
    }
  }

  // Credit both ways (信用评价): the evaluated service's agency rates its owner well; one more service,
  // done and paid poorly, is rated poorly by each side. Made last, so the data above stays as it was.
  if (evaluated) await evaluateOwner(db, at(evaluated.daysAgo), as(evaluated.agency), evaluated.id, ownerEvaluationSchema.parse({ payment: '5', cooperation: '5', comment: '按合同约定及时支付服务费，资料提供完整' }))
  {
    const need = NEEDS[3]!
    const agency = (await eligibleFor(need.item))[1]
    const owner = ownerFor(2)
    if (agency) {
      const max = Math.min(need.max, 48_000)
      const p = await acceptedDirect(owner, agency.user, need, { maxPrice: String(max) }, String(Math.round((max * 0.95) / 100) * 100), { publish: 60, sign: 53, deliver: 40, accept: 38 }, '成果报告')
      await evaluate(db, at(37), as(owner), p.id, evaluationSchema.parse({ quality: '2', timeliness: '2', conduct: '3', fees: '3', compliance: '2', comment: '成果深度不足，多处数据引用错误，项目负责人未到场踏勘' }))
      await evaluateOwner(db, at(36), as(agency.user), p.id, ownerEvaluationSchema.parse({ payment: '2', cooperation: '3', comment: '验收后三个月仍未支付服务费，多次催告无回复' }))
    }
  }

  // Sanctions and credit repair (信用惩戒与信用修复), made last for the same reason:
  // - the agency rated poorly above appeals the evaluation, which the office refuses, and gets a yellow card;
  // - another agency's yellow card of 200 days ago is repaired on evidence (its event no longer counts);
  // - a suspension proposed this morning waits for the approver at /office/blacklist.
  {
    const need = NEEDS[3]!
    const agency = (await eligibleFor(need.item))[1]
    if (agency) {
      const uscc = (await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency.user.orgId)))[0]!.uscc
      const [poor] = await db.select({ procurementId: evaluations.procurementId }).from(evaluations).where(eq(evaluations.agencyOrgId, agency.user.orgId)).orderBy(desc(evaluations.createdAt)).limit(1)
      if (poor) {
        const appeal = await appealEvaluation(db, at(35), as(agency.user), appealSchema.parse({ procurementId: poor.procurementId, statement: '踏勘记录和签到表可证明项目负责人到场，数据引用已按意见修改' }))
        await decidePetition(db, at(33), as(office), petitionDecisionSchema.parse({ id: appeal.id, outcome: 'refused', note: '经核查，成果报告中的数据错误属实，维持原评价' }))
      }
      await issueYellowCard(db, at(32), as(office), measure('yellow_card', uscc, '贵中介信〔2026〕黄12号', '成果质量不符合合同约定，业主评价较差', 32, 6))
    }
    const repaired = inactive[2]!
    const [repairedUser] = await db.select().from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(organizations.uscc, repaired.uscc)).limit(1)
    const { card } = await issueYellowCard(db, at(200), as(office), measure('yellow_card', repaired.uscc, '贵中介信〔2026〕黄3号', '未按承诺时限提交成果', 200, 6))
    if (repairedUser) {
      const request = await fileRepair(db, at(95), as(repairedUser.users), repairSchema.parse({ target: 'sanction', id: card.id, statement: '已调整项目人员配置并建立成果时限内控制度，附整改报告及近三个项目按期交付的验收单' }))
      await decidePetition(db, at(90), as(office), petitionDecisionSchema.parse({ id: request.id, outcome: 'granted', note: '整改措施到位，同意信用修复' }))
    }
    await proposeSanction(db, at(0.2), as(office), measure('suspension', inactive[3]!.uscc, '贵中介信〔2026〕暂2号', '涉嫌出借资质，正在立案调查', 0.2, 30))
  }

  // 综合评分: a scoring procurement (60/30/10) opened 15 days ago and awarded to the top score, its
  // table published; the bidders are the item's agencies free of a yellow card, which could not bid.
  {
    const need = NEEDS[0]!
    const owner = ownerFor(1)
    const draft = await saveDraft(db, at(25), as(owner), form(need, { title: `${need.title}（综合评分）`, method: 'scoring', announcementDays: '5', weightPrice: '60', weightCredit: '30', weightDays: '10' }))
    const p = await publishProcurement(db, at(25), queue, as(owner), draft.id)
    const found = await eligibleFor(need.item)
    const carded = await yellowCardedAmong(db, found.map((a) => a.user.orgId), shanghaiDate(at(22).now()))
    const bidders = found.filter((a) => !carded.has(a.user.orgId)).slice(0, 4)
    for (const [k, a] of bidders.entries())
      await submitBid(db, at(22 - k * 0.1), as(a.user), p.id, bidInputSchema.parse({ price: String(Math.round((need.max * [0.93, 0.86, 0.9, 0.97][k]!) / 100) * 100), committedDays: String(need.days - [1, 0, 2, 3][k]!), accept: 'yes' }))
    await closeIfDue(db, new ManualClock(p.bidDeadline!), queue, p.id)
    const winner = await currentOffer(p.id)
    if (winner) await confirmAward(db, new ManualClock(new Date(p.bidDeadline!.getTime() + DAY / 2)), queue, as(winner), p.id)
  }

  // 信用择优: a credit shortlist (long list 5, short list 3) opened 12 days ago; the owner chose the
  // second of the draw for its lead's experience, and it confirmed.
  {
    const need = NEEDS[1]!
    const owner = ownerFor(2)
    const draft = await saveDraft(db, at(20), as(owner), form(need, { title: `${need.title}（信用择优）`, method: 'credit_shortlist', announcementDays: '3', longList: '5', shortList: '3' }))
    const p = await publishProcurement(db, at(20), queue, as(owner), draft.id)
    const found = await eligibleFor(need.item)
    const carded = await yellowCardedAmong(db, found.map((a) => a.user.orgId), shanghaiDate(at(18).now()))
    const bidders = found.filter((a) => !carded.has(a.user.orgId)).slice(0, 6)
    for (const [k, a] of bidders.entries())
      await submitBid(db, at(18 - k * 0.1), as(a.user), p.id, bidInputSchema.parse({ price: String(Math.round((need.max * (0.84 + k * 0.025)) / 100) * 100), committedDays: String(need.days - (k % 3)), accept: 'yes' }))
    await closeIfDue(db, new ManualClock(p.bidDeadline!), queue, p.id)
    const short = await db.select().from(selectionCandidates).where(eq(selectionCandidates.procurementId, p.id)).orderBy(selectionCandidates.rank)
    if (short.length > 1) {
      const later = new ManualClock(new Date(p.bidDeadline!.getTime() + DAY / 4))
      await chooseFromShortlist(db, later, queue, as(owner), p.id, chooseSchema.parse({ bidId: short[1]!.bidId, reason: '项目负责人主持过三个同类老旧小区改造项目概算，服务方案针对性强' }))
      const winner = await currentOffer(p.id)
      if (winner) await confirmAward(db, new ManualClock(new Date(p.bidDeadline!.getTime() + DAY / 2)), queue, as(winner), p.id)
    }
  }

  // 抽查: an authority's check of the quarter before this one. A contract in its categories,
  // commissioned directly, was accepted in the middle of that quarter; the check was announced (its
  // secret committed) on the quarter's second day and drawn the morning after it ended, and the
  // contract sampled was scored. The environment bureau's passes (85) here; the housing bureau's,
  // made last, fails (52).
  const m = Number(today.slice(5, 7)) - 1
  const thisQuarter = new Date(Date.UTC(Number(today.slice(0, 4)), m - (m % 3), 1))
  const previous = new Date(Date.UTC(thisQuarter.getUTCFullYear(), thisQuarter.getUTCMonth() - 3, 1))
  const daysAgo = (d: Date) => (now.getTime() - d.getTime()) / DAY
  const lastQuarterCheck = async (spec: { bureau: string; need: (typeof NEEDS)[number]; agency: number; owner: number; title: string; projectCode: string; max: string; price: string; report: string; lag: number; score: string; comment: string; fundingSource?: string }) => {
    const [bureau] = await db.select().from(organizations).where(eq(organizations.nameZh, spec.bureau))
    const [inspector] = bureau ? await db.select().from(users).where(eq(users.orgId, bureau.id)) : []
    const { need } = spec
    const agency = (await eligibleFor(need.item))[spec.agency]
    if (!inspector || !agency) return
    const start = daysAgo(previous) - 1
    const check = await announceSpotCheck(db, at(start), as(inspector), announceSchema.parse({ year: String(previous.getUTCFullYear()), quarter: String(previous.getUTCMonth() / 3 + 1), percent: '10' }))
    const t0 = start - spec.lag
    await acceptedDirect(ownerFor(spec.owner), agency.user, need, { title: spec.title, projectCode: spec.projectCode, maxPrice: spec.max, ...(spec.fundingSource ? { fundingSource: spec.fundingSource } : {}) }, spec.price, { publish: t0, sign: t0 - 6, deliver: t0 - 18, accept: t0 - 20 }, spec.report)
    const drawAt = Math.max(0.01, daysAgo(thisQuarter) - 0.1)
    await drawSpotCheck(db, at(drawAt), as(inspector), check.id)
    const [item] = await db.select().from(spotCheckItems).where(eq(spotCheckItems.spotCheckId, check.id))
    if (item) await scoreSpotCheck(db, at(drawAt - 2), as(inspector), check.id, spotScoreSchema.parse({ procurementId: item.procurementId, score: spec.score, comment: spec.comment }))
  }
  await lastQuarterCheck({
    bureau: '贵港市生态环境局', need: NEEDS[0]!, agency: 2, owner: 4, title: `${NEEDS[0]!.title}（补充论证，直接委托）`, projectCode: '2026-450802-46-01-031208',
    max: '45000', price: '42000', report: '环境影响报告表（补充论证）', lag: 10, score: '85', comment: '报告编制规范，监测数据引用完整，个别图件比例尺标注不清',
  })

  // Lapses on the credit record: an older lowest-price procurement whose abnormally low winner never
  // explained its price (explanation_missing), whose next candidate then let the confirmation lapse
  // (award_not_confirmed); the third confirmed.
  {
    const need = NEEDS[0]!
    const owner = ownerFor(5)
    const draft = await saveDraft(db, at(45), as(owner), form(need, { title: `${need.title}（二期）`, projectCode: '2026-450802-46-01-031209', method: 'lowest_price', announcementDays: '3', fundingSource: 'private' }))
    const p = await publishProcurement(db, at(45), queue, as(owner), draft.id)
    const found = await eligibleFor(need.item)
    const carded = await yellowCardedAmong(db, found.map((a) => a.user.orgId), shanghaiDate(at(44).now()))
    const bidders = found.filter((a) => !carded.has(a.user.orgId)).slice(0, 3)
    for (const [k, a] of bidders.entries())
      await submitBid(db, at(44 - k * 0.1), as(a.user), p.id, bidInputSchema.parse({ price: String(Math.round((need.max * [0.5, 0.9, 0.95][k]!) / 100) * 100), committedDays: String(need.days), accept: 'yes' }))
    await closeIfDue(db, new ManualClock(p.bidDeadline!), queue, p.id)
    for (let step = 0; step < 2; step++) {
      const [current] = await db.select().from(selectionCandidates).where(and(eq(selectionCandidates.procurementId, p.id), inArray(selectionCandidates.state, ['explaining', 'offered'])))
      if (current?.respondBy) await lapseIfDue(db, new ManualClock(new Date(current.respondBy.getTime() + 1000)), queue, p.id)
    }
    const winner = await currentOffer(p.id)
    const [award] = await db.select().from(awards).where(eq(awards.procurementId, p.id))
    if (winner && award) await confirmAward(db, new ManualClock(new Date(award.decidedAt.getTime() + DAY / 4)), queue, as(winner), p.id)
  }

  await lastQuarterCheck({
    bureau: '贵港市住房和城乡建设局', need: NEEDS[10]!, agency: 1, owner: 5, title: `${NEEDS[10]!.title}（直接委托）`, projectCode: '2026-450802-51-01-038852',
    max: '30000', price: '28500', report: '工程量清单及招标控制价', lag: 14, score: '52', comment: '工程量清单漏项较多，控制价与市场价偏差超过百分之十五，复核记录缺失', fundingSource: 'public',
  })

  // What waits on an agency's own credit page (/agency/credit, agency35@example.com): a poor
  // evaluation it has not appealed yet, and a yellow card of 120 days ago it may now ask to repair.
  {
    const need = NEEDS[11]!
    const agency = (await eligibleFor(need.item)).find((a) => a.user.email === 'agency35@example.com')
    if (agency) {
      const uscc = (await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency.user.orgId)))[0]!.uscc
      await issueYellowCard(db, at(120), as(office), measure('yellow_card', uscc, '贵中介信〔2026〕黄7号', '现场踏勘记录与实际不符', 120, 6))
      const owner = ownerFor(7)
      const p = await acceptedDirect(owner, agency.user, need, { title: `${need.title}（补充评估，直接委托）`, projectCode: '2026-450821-48-01-021134', maxPrice: '48000', fundingSource: 'public' }, '45000', { publish: 70, sign: 64, deliver: 45, accept: 43 }, '地质灾害危险性评估报告（补充）')
      await evaluate(db, at(12), as(owner), p.id, evaluationSchema.parse({ quality: '3', timeliness: '2', conduct: '3', fees: '3', compliance: '2', comment: '评估报告提交晚于约定，风险分区图与现场不符' }))
    }
  }

  // 解除合同: a survey contract its owner terminated after the first half of its price was in escrow;
  // the contract gives 60% of what escrow holds back on a termination, the rest paid the agency
  // for the work done. The second half was never due.
  {
    const need = NEEDS[12]!
    const owner = ownerFor(4)
    const agency = (await eligibleFor(need.item))[2]
    if (agency) {
      const uscc = (await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency.user.orgId)))[0]!.uscc
      const over = { title: `${need.title}（直接委托）`, projectCode: '2026-450881-84-01-008846', method: 'direct', directAgencyUscc: uscc, announcementDays: '1', fundingSource: 'public' }
      const p = await publishProcurement(db, at(30), queue, as(owner), (await saveDraft(db, at(30), as(owner), form(need, over))).id)
      await confirmDirect(db, at(29.9), as(agency.user), p.id, bidInputSchema.parse({ price: String(Math.round((need.max * 0.9) / 100) * 100), committedDays: String(need.days), accept: 'yes' }))
      const signed = await signedAfter(p.id, 23)
      await uploadContract(db, signed, as(owner), p.id, contractInputSchema.parse({ fundDays: '5', startDate: shanghaiDate(signed.now()), firstPercent: '50', refundPercent: '60' }), PDF)
      await confirmContract(db, signed, queue, as(agency.user), p.id)
      await money.fund(signed, owner, p.id)
      await terminateContract(db, at(18), queue, as(owner), p.id, terminationSchema.parse({ reason: '住院楼项目规模调整，原测绘范围取消，经双方协商解除合同' }))
      await money.settle(at(18), p.id)
    }
  }
}
