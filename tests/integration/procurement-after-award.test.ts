import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, creditEvents, files, notifications, organizations, procurements, users, type OrgId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { creditExplained } from '../../services/credit'
import { mayReadFile } from '../../services/files'
import { JobQueue } from '../../services/jobs'
import { afterAwardOf, agencyRecord, confirmAward, confirmContract, confirmDirect, contractInputSchema, decideDelivery, decisionSchema, deliver, evaluate, evaluateOwner, evaluationSchema, ownerEvaluationSchema, flagOverdue, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft, uploadContract } from '../../services/procurement'
import { bidInputSchema } from '../../services/bids'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

let database: Database
const clock = new ManualClock('2026-12-01T02:00:00Z') // Tuesday, 10:00 in Shanghai
let queue: JobQueue
let owner: User
let agency: User
let stranger: User
/** The agency's public record before this file's procurements, on a day after all of them. */
const RECORD_DAY = '2027-03-01'
let recordBefore: Awaited<ReturnType<typeof agencyRecord>>
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>')
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const status = async (id: string) => (await database.db.select({ s: procurements.status }).from(procurements).where(eq(procurements.id, id as never)))[0]!.s

async function directAward(title: string, days: number) {
  const uscc = (await database.db.select().from(organizations).where(eq(organizations.id, agency.orgId)))[0]!.uscc
  const draft = await saveDraft(database.db, clock, as(owner), procurementInputSchema.parse({
    projectCode: '2026-450802-48-01-012345', projectName: '港北区排水管网改造工程', title, itemCodes: ['C06-02'], maxPrice: '30,000', expectedDays: '10',
    fundingSource: 'public', method: 'direct', directAgencyUscc: uscc, announcementDays: '1', contactName: '李强', contactPhone: '0775-4561234',
  }))
  const p = await publishProcurement(database.db, clock, queue, as(owner), draft.id)
  await confirmDirect(database.db, clock, as(agency), p.id, bidInputSchema.parse({ price: '27,500', committedDays: String(days), accept: 'yes' }))
  return p.id
}

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, new ManualClock('2026-11-23T02:00:00Z'))
  queue = new JobQueue(database.db, clock, procurementHandlers, { log: () => {} })
  const byEmail = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!
  owner = await byEmail('owner@example.com')
  stranger = await byEmail('owner2@example.com')
  const eligible = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C06-02' }), '2026-12-01')
  agency = (await database.db.select().from(users).where(eq(users.orgId, eligible.agencies[0]!.id as OrgId)))[0]!
  recordBefore = await agencyRecord(database.db, agency.orgId, RECORD_DAY)
})
afterAll(async () => database?.close())

describe('from award to evaluation', () => {
  let id: string
  it('takes the contract from the owner only after the standstill, then from the winner its confirmation', async () => {
    id = await directAward('排水管网改造工程环评登记', 6)
    const start = contractInputSchema.parse({ fundDays: '5', startDate: '2026-12-07' })
    expect(await code(uploadContract(database.db, clock, as(owner), id, start, PDF))).toBe('errors.standstillRunning')
    clock.set('2026-12-07T02:00:00Z') // Monday: the standstill ended on Friday at 17:00
    expect(await code(uploadContract(database.db, clock, as(agency), id, start, PDF))).toBe('errors.notFound')
    expect(await code(uploadContract(database.db, clock, as(stranger), id, start, PDF))).toBe('errors.notFound')
    expect(await code(uploadContract(database.db, clock, as(owner), id, start, HTML))).toBe('errors.fileType@contract')
    expect(await code(uploadContract(database.db, clock, as(owner), id, contractInputSchema.parse({ fundDays: '5', startDate: '2026-12-04' }), PDF))).toBe('errors.startInPast@startDate')
    // Six working days counting Monday 7 December: due Monday 14 December.
    expect((await uploadContract(database.db, clock, as(owner), id, start, PDF)).dueDate).toBe('2026-12-14')
    expect(await code(confirmContract(database.db, clock, queue, as(owner), id))).toBe('errors.notFound')
    const p = await confirmContract(database.db, clock, queue, as(agency), id)
    expect(p.status).toBe('in_service')
    const { contract } = await afterAwardOf(database.db, id as never)
    // Its file is the two parties' to read, and a stranger's not (services/files/access.ts).
    const [file] = await database.db.select().from(files).where(eq(files.id, contract!.fileId))
    expect(await mayReadFile(database.db, file!, { orgId: owner.orgId, kind: 'owner' })).toBe(true)
    expect(await mayReadFile(database.db, file!, { orgId: agency.orgId, kind: 'agency' })).toBe(true)
    expect(await mayReadFile(database.db, file!, { orgId: stranger.orgId, kind: 'agency' })).toBe(false)
    expect(contract!.confirmedAt).not.toBeNull()
  })

  it('takes deliveries from the winner; the owner returns one with reasons, then accepts, then evaluates', async () => {
    expect(await code(deliver(database.db, clock, as(owner), id, '', PDF))).toBe('errors.notFound')
    await deliver(database.db, clock, as(agency), id, '环评登记表及附件', PDF)
    expect(await status(id)).toBe('delivered')
    expect(decisionSchema.safeParse({ decision: 'return', reason: '' }).error?.issues[0]?.message).toBe('errors.reasonRequired')
    await decideDelivery(database.db, clock, queue, as(owner), id, decisionSchema.parse({ decision: 'return', reason: '缺少项目平面布置图和周边环境关系图' }))
    expect(await status(id)).toBe('in_service')
    expect(await code(decideDelivery(database.db, clock, queue, as(owner), id, decisionSchema.parse({ decision: 'accept' })))).toBe('errors.illegalStep')
    const told = await database.db.select().from(notifications).where(and(eq(notifications.orgId, agency.orgId), eq(notifications.kind, 'deliveryReturned')))
    expect((told[0]!.params as { reason: string }).reason).toBe('缺少项目平面布置图和周边环境关系图')
    clock.set('2026-12-09T02:00:00Z')
    await deliver(database.db, clock, as(agency), id, '已补充附图', PDF)
    await decideDelivery(database.db, clock, queue, as(owner), id, decisionSchema.parse({ decision: 'accept' }))
    expect(await status(id)).toBe('accepted')
    expect(evaluationSchema.safeParse({ quality: '6', timeliness: '5', conduct: '5' }).error?.issues[0]?.message).toBe('errors.score')
    await evaluate(database.db, clock, as(owner), id, evaluationSchema.parse({ quality: '5', timeliness: '4', conduct: '5', fees: '5', compliance: '5', comment: '按时提交，质量较好' }))
    expect(await status(id)).toBe('evaluated')
    const { deliveries, evaluation } = await afterAwardOf(database.db, id as never)
    expect(deliveries.map((d) => d.decision)).toEqual(['returned', 'accepted'])
    expect(evaluation).toMatchObject({ quality: 5, timeliness: 4, conduct: 5, fees: 5, compliance: 5 })
    expect(await code(evaluate(database.db, clock, as(owner), id, evaluationSchema.parse({ quality: '5', timeliness: '5', conduct: '5', fees: '5', compliance: '5' })))).toBe('errors.alreadyEvaluated')
    // Points 5, 4, 5, 5, 5 average 4.8: an excellent evaluation, a credit event of the agency.
    const credit = await database.db.select({ kind: creditEvents.kind, detail: creditEvents.detail }).from(creditEvents).where(eq(creditEvents.procurementId, id as never))
    expect(credit).toContainEqual({ kind: 'evaluation_excellent', detail: { average: 4.8 } })
    // A low point needs its reason.
    expect(evaluationSchema.safeParse({ quality: '2', timeliness: '5', conduct: '5', fees: '5', compliance: '5', comment: '' }).error?.issues[0]?.message).toBe('errors.lowScoreReason')
    // The agency rates the owner once: 2 and 3 average 2.5, a poor rating in the owner's credit.
    expect(await code(evaluateOwner(database.db, clock, as(owner), id, ownerEvaluationSchema.parse({ payment: '5', cooperation: '5' })))).toBe('errors.notFound')
    await evaluateOwner(database.db, clock, as(agency), id, ownerEvaluationSchema.parse({ payment: '2', cooperation: '3', comment: '验收后逾期未付款' }))
    expect(await code(evaluateOwner(database.db, clock, as(agency), id, ownerEvaluationSchema.parse({ payment: '5', cooperation: '5' })))).toBe('errors.alreadyEvaluated')
    expect((await afterAwardOf(database.db, id as never)).ownerEvaluation).toMatchObject({ payment: 2, cooperation: 3, ownerOrgId: owner.orgId })
    const ownerCredit = await database.db.select({ orgId: creditEvents.orgId, kind: creditEvents.kind }).from(creditEvents).where(and(eq(creditEvents.procurementId, id as never), eq(creditEvents.kind, 'owner_rated_poorly')))
    expect(ownerCredit).toEqual([{ orgId: owner.orgId, kind: 'owner_rated_poorly' }])
    const trail = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id)
    expect(trail.map((t) => t.action)).toEqual([
      'procurement.create', 'procurement.publish', 'procurement.close', 'procurement.open', 'procurement.award', 'contract.upload',
      'procurement.confirmContract', 'procurement.startService', 'procurement.deliver', 'procurement.returnDelivery', 'procurement.deliver', 'procurement.accept', 'procurement.evaluate', 'owner.evaluate',
    ])
    expect((await verifyChain(database.db)).ok).toBe(true)
  })
})

describe('an overdue service', () => {
  it('is flagged once to both sides and the market office, and recorded as a credit event', async () => {
    clock.set('2026-12-10T02:00:00Z')
    const id = await directAward('排水管网改造工程测绘', 2)
    await confirmAward(database.db, clock, queue, as(agency), id) // already confirmed by the direct confirmation: no change
    // The standstill ends on Tuesday 15th at 17:00; the contract starts on Thursday 17th.
    clock.set('2026-12-16T02:00:00Z')
    await uploadContract(database.db, clock, as(owner), id, contractInputSchema.parse({ fundDays: '5', startDate: '2026-12-17' }), PDF)
    const contracted = await confirmContract(database.db, clock, queue, as(agency), id)
    expect(contracted.status).toBe('contracted')
    // The start-date job moves it into service at midnight, Shanghai time.
    clock.set('2026-12-16T16:00:00Z')
    await queue.runDue()
    expect(await status(id)).toBe('in_service')
    // Two working days from Thursday 17th: due Friday 18th; on Monday 21st it is late.
    clock.set('2026-12-20T17:30:00Z')
    // The demo's own late services are flagged in the same run; the events below are this one's.
    expect(await flagOverdue(database.db, clock)).toBeGreaterThanOrEqual(1)
    expect(await flagOverdue(database.db, clock)).toBe(0)
    const events = await database.db.select().from(creditEvents).where(eq(creditEvents.procurementId, id as never))
    expect(events.map((e) => [e.orgId, e.kind])).toEqual([[agency.orgId, 'service_overdue']])
    const office = (await database.db.select().from(organizations).where(eq(organizations.kind, 'market_office')))[0]!
    for (const orgId of [owner.orgId, agency.orgId, office.id]) {
      const notes = await database.db.select().from(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.kind, 'serviceOverdue'), eq(notifications.link, `/procurements/${id}`)))
      expect(notes).toHaveLength(1)
    }
  })
})

describe('an owner who lets the acceptance period pass', () => {
  it('is flagged once, to itself and the market office, and recorded as its own credit event', async () => {
    clock.set('2027-01-04T02:00:00Z')
    const id = await directAward('排水管网改造工程勘察', 5)
    clock.set('2027-01-08T02:00:00Z') // after the standstill
    await uploadContract(database.db, clock, as(owner), id, contractInputSchema.parse({ fundDays: '5', startDate: '2027-01-08' }), PDF)
    await confirmContract(database.db, clock, queue, as(agency), id)
    await deliver(database.db, clock, as(agency), id, '勘察报告', PDF)
    // Five working days to decide, from Friday 8 January: by Friday 15th at 17:00.
    clock.set('2027-01-15T08:59:00Z')
    await flagOverdue(database.db, clock)
    const mine = () => database.db.select().from(creditEvents).where(and(eq(creditEvents.kind, 'acceptance_overdue'), eq(creditEvents.procurementId, id as never)))
    expect(await mine()).toHaveLength(0)
    clock.set('2027-01-15T09:01:00Z')
    await flagOverdue(database.db, clock)
    await flagOverdue(database.db, clock)
    expect((await mine()).map((e) => [e.orgId, e.procurementId])).toEqual([[owner.orgId, id]])
  })
})

describe('objections during the standstill', () => {
  it('come from the other bidders only (tests/integration/complaints.test.ts follows one through), and end with the standstill', async () => {
    const { raiseObjection, objectionSchema } = await import('../../services/procurement')
    clock.set('2027-02-01T02:00:00Z')
    const id = await directAward('排水管网改造工程水土保持方案', 5)
    expect(objectionSchema.safeParse({ matter: 'result', violation: 'other', text: '太短' }).error?.issues[0]?.message).toBe('errors.objectionShort')
    const on = (text: string) => objectionSchema.parse({ matter: 'result', violation: 'procedure', text })
    expect(await code(raiseObjection(database.db, clock, as(stranger), id, on('我方认为中选价格明显低于成本')))).toBe('errors.notFound@matter')
    // A direct commission's one bidder is its winner: it has nobody's result to object to.
    expect(await code(raiseObjection(database.db, clock, as(agency), id, on('请说明直接委托理由的依据文件')))).toBe('errors.notFound@matter')
    clock.set('2027-02-05T02:00:00Z')
    expect(await code(raiseObjection(database.db, clock, as(agency), id, on('公示期结束后的异议内容')))).toBe('errors.standstillOver@matter')
    // Five working days from Friday 5 February 2027 skip the Spring Festival holiday.
    expect((await uploadContract(database.db, clock, as(owner), id, contractInputSchema.parse({ fundDays: '5', startDate: '2027-02-05' }), PDF)).dueDate).toBe('2027-02-17')
  })
})

describe("the agency's public record", () => {
  it('counts the awards above, the services due that were delivered on time, the evaluation and the late service', async () => {
    const after = await agencyRecord(database.db, agency.orgId, RECORD_DAY)
    // Four direct awards at ¥27,500.00 each.
    expect(after.awardCount - recordBefore.awardCount).toBe(4)
    expect(after.awardSumFen - recordBefore.awardSumFen).toBe(4 * 2_750_000)
    expect(after.awards[0]!.title).toBe('排水管网改造工程水土保持方案')
    // Three contracts were confirmed: the first delivered before its due date (its returned delivery
    // does not count, its second does), the second never delivered, the third delivered in time.
    // The fourth contract waits for the winner's confirmation, so it is not counted.
    expect(after.delivered.counted - recordBefore.delivered.counted).toBe(3)
    expect(after.delivered.onTime - recordBefore.delivered.onTime).toBe(2)
    expect(after.evaluations.n - recordBefore.evaluations.n).toBe(1)
    if (recordBefore.evaluations.n === 0) expect(after.evaluations).toMatchObject({ quality: 5, timeliness: 4, conduct: 5 })
    // Its own late service is in its credit; the owner's late acceptance is the owner's, not the agency's.
    const credit = (await creditExplained(database.db, agency.orgId, clock.now()))!
    const kinds = credit.lines.map((l) => [l.kind, l.title])
    expect(kinds).toContainEqual(['service_overdue', '排水管网改造工程测绘'])
    expect(kinds.map(([k]) => k)).not.toContain('acceptance_overdue')
  })
})
