import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { bids, monitorings, organizations, procurements, sanctions, users, type OrgId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { bidInputSchema, bidOrigins, submitBid } from '../../services/bids'
import { deadlineFrom } from '../../services/calendar'
import { sanctionSchema } from '../../services/credit'
import { JobQueue } from '../../services/jobs'
import { loadRules } from '../../services/market'
import { closeIfDue, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import {
  acceptRectification,
  answerMonitoringQuestion,
  askMonitoringQuestion,
  concludeMonitoring,
  escalateMonitoring,
  listMonitorings,
  monitoringDetail,
  openMonitoring,
  openMonitoringSchema,
  reportRectification,
} from '../../services/supervision'
import { DEMO_ACCOUNTS, seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

/*
 * 监督检查 from opening to its end: questions with due dates answered by the party alone, findings
 * with a rectification due in 10 working days, the report accepted or escalated to a sanction (an
 * agency only, and a rectification not yet due cannot be), public once concluded. And the bids'
 * origins it shows the office: recorded at bid time, sealed until the opening.
 */
let database: Database
// Tuesday 8 December 2026, 10:00 in Shanghai.
const clock = new ManualClock('2026-12-08T02:00:00Z')
let owner: User
let office: User
let queue: JobQueue
const agencies: User[] = []
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId, ip: '10.0.0.9' })
const userOf = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!
const usccOf = async (orgId: string) => (await database.db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, orgId as OrgId)))[0]!.uscc
const open = (party: string, note = '群众反映该机构在多个项目中报价雷同，核查其报价编制过程。') => openMonitoringSchema.parse({ party, reason: 'public', note })

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  owner = await userOf(DEMO_ACCOUNTS.owner)
  office = await userOf(DEMO_ACCOUNTS.market_office)
  const eligible = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C05-03' }), '2026-12-08')
  for (const a of eligible.agencies.slice(0, 3)) agencies.push((await database.db.select().from(users).where(eq(users.orgId, a.id as OrgId)))[0]!)
})
afterAll(async () => database?.close())

describe('a monitoring', () => {
  it('asks, is answered by its party alone, concludes with a rectification and escalates the report to a yellow card', async () => {
    clock.set('2026-12-08T02:00:00Z')
    const agency = agencies[0]!
    const m = await openMonitoring(database.db, clock, as(office), { agency: agency.orgId }, open('agency'))
    // Open, it is the office's and the party's alone.
    expect(await monitoringDetail(database.db, m.id, { office: false })).toBeNull()
    expect(await monitoringDetail(database.db, m.id, { orgId: agencies[1]!.orgId, office: false })).toBeNull()
    expect((await monitoringDetail(database.db, m.id, { orgId: agency.orgId, office: false }))?.party).toBe(true)
    await askMonitoringQuestion(database.db, clock, as(office), m.id, { question: '请说明三个项目报价编制人员及时间。', days: 3 })
    const [q] = (await monitoringDetail(database.db, m.id, { office: true }))!.questions
    expect(q!.dueAt).toEqual(await deadlineFrom(database.db, await loadRules(database.db), clock.now(), 3))
    expect(await code(answerMonitoringQuestion(database.db, clock, as(agencies[1]!), m.id, q!.id, '冒名答复'))).toBe('errors.notFound')
    await answerMonitoringQuestion(database.db, clock, as(agency), m.id, q!.id, '三个项目由同一报价员按公司价目表编制。')
    expect(await code(answerMonitoringQuestion(database.db, clock, as(agency), m.id, q!.id, '再次答复'))).toBe('errors.alreadyAnswered')
    // Out of order, nothing changes.
    expect(await code(reportRectification(database.db, clock, as(agency), m.id, '提前提交的整改报告内容，说明整改措施。', new Uint8Array()))).toBe('errors.illegalStep')
    clock.set('2026-12-09T02:00:00Z')
    expect(await concludeMonitoring(database.db, clock, as(office), m.id, { findings: '报价编制未区分项目特点，存在套用价目表的情况，责令整改。', rectify: 'yes' })).toBe('rectifying')
    const concluded = (await monitoringDetail(database.db, m.id, { office: false }))!
    expect(concluded.m.rectifyBy).toEqual(await deadlineFrom(database.db, await loadRules(database.db), clock.now(), 10))
    expect(concluded.questions.map((x) => x.answer)).toEqual(['三个项目由同一报价员按公司价目表编制。'])
    expect((await listMonitorings(database.db, {})).map((r) => r.id)).toContain(m.id)
    // Not yet due and not reported: it cannot be escalated.
    const card = sanctionSchema.parse({ kind: 'yellow_card', uscc: await usccOf(agency.orgId), decisionNo: '贵中介信〔2026〕黄21号', reason: '整改报告未能说明报价依据', legalBasis: '《贵港市中介超市管理办法》第三十条', startsOn: '2026-12-21', term: '6' })
    expect(await code(escalateMonitoring(database.db, clock, as(office), m.id, card))).toBe('mon.error.rectificationPending')
    clock.set('2026-12-18T02:00:00Z')
    await reportRectification(database.db, clock, as(agency), m.id, '已建立项目报价复核制度，每个项目单独测算成本并由负责人复核。', PDF)
    const sanction = await escalateMonitoring(database.db, clock, as(office), m.id, card)
    expect([sanction.kind, sanction.orgId, sanction.decidedAt?.toISOString()]).toEqual(['yellow_card', agency.orgId, clock.now().toISOString()])
    const [row] = await database.db.select().from(monitorings).where(eq(monitorings.id, m.id))
    expect([row!.status, row!.sanctionId]).toEqual(['escalated', sanction.id])
    expect((await verifyChain(database.db)).ok).toBe(true)
  })

  it('of an owner closes with an accepted report, and cannot escalate; a rectification past due is refused', async () => {
    clock.set('2026-12-21T02:00:00Z')
    const [p] = await database.db.select().from(procurements).where(eq(procurements.ownerOrgId, owner.orgId)).limit(1)
    const m = await openMonitoring(database.db, clock, as(office), { procurement: p!.id }, open('owner', '媒体报道该项目公告期过短，核查公告发布情况。'))
    expect(await code(openMonitoring(database.db, clock, as(office), { procurement: p!.id }, open('agency')))).toBe('errors.choose@party')
    await concludeMonitoring(database.db, clock, as(office), m.id, { findings: '公告期符合规定下限，但发布时间在节前，责令今后避开节假日发布。', rectify: 'yes' })
    await reportRectification(database.db, clock, as(owner), m.id, '已修订采购公告发布流程，节假日前三个工作日不发布公告。', new Uint8Array())
    const card = sanctionSchema.parse({ kind: 'yellow_card', uscc: await usccOf(agencies[0]!.orgId), decisionNo: '贵中介信〔2026〕黄22号', reason: '不适用于采购人', legalBasis: '《贵港市中介超市管理办法》第三十条', startsOn: '2026-12-22', term: '6' })
    expect(await code(escalateMonitoring(database.db, clock, as(office), m.id, card))).toBe('mon.error.escalateAgencyOnly')
    await acceptRectification(database.db, clock, as(office), m.id, { note: '整改措施可行，予以认可。' })
    expect((await database.db.select({ s: monitorings.status }).from(monitorings).where(eq(monitorings.id, m.id)))[0]!.s).toBe('closed')
    expect((await database.db.select().from(sanctions).where(eq(sanctions.decisionNo, '贵中介信〔2026〕黄22号'))).length).toBe(0)

    const late = await openMonitoring(database.db, clock, as(office), { agency: agencies[1]!.orgId }, open('agency'))
    await concludeMonitoring(database.db, clock, as(office), late.id, { findings: '报价材料不完整，责令补正并完善内部审核制度。', rectify: 'yes' })
    const [row] = await database.db.select().from(monitorings).where(eq(monitorings.id, late.id))
    clock.set(row!.rectifyBy!.toISOString())
    expect(await code(reportRectification(database.db, clock, as(agencies[1]!), late.id, '逾期提交的整改报告内容，说明整改措施。', new Uint8Array()))).toBe('mon.error.rectificationLate')
  })
})

describe("a bid's origin", () => {
  it('is recorded when sent and shown to supervisors only after the opening', async () => {
    clock.set('2027-01-04T02:00:00Z')
    const form = procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-012345', projectName: '贵港市港北区第三污水处理厂扩建工程', title: '第三污水处理厂竣工测量（来源）', itemCodes: ['C05-03'], maxPrice: '68,000', expectedDays: '10',
      fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
    })
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form)).id)
    for (const [i, a] of agencies.entries()) await submitBid(database.db, clock, { ...as(a), ip: i < 2 ? '10.1.1.7' : '10.2.2.9' }, p.id, bidInputSchema.parse({ price: String(60_000 + i * 1000), committedDays: '8', accept: 'yes' }), { deviceId: i < 2 ? 'same-browser' : 'another', userAgent: 'Mozilla/5.0' })
    expect(await bidOrigins(database.db, p.id)).toEqual([])
    const [stored] = await database.db.select({ ip: bids.clientIp, device: bids.deviceId, ua: bids.userAgent }).from(bids).where(and(eq(bids.procurementId, p.id), eq(bids.agencyOrgId, agencies[2]!.orgId)))
    expect(stored).toEqual({ ip: '10.2.2.9', device: 'another', ua: 'Mozilla/5.0' })
    clock.set(p.bidDeadline!.toISOString())
    await closeIfDue(database.db, clock, queue, p.id)
    const origins = await bidOrigins(database.db, p.id)
    expect(origins.map((o) => [o.clientIp, o.deviceId]).sort()).toEqual([['10.1.1.7', 'same-browser'], ['10.1.1.7', 'same-browser'], ['10.2.2.9', 'another']])
  })
})

describe('the demo', () => {
  it('holds a monitoring whose rectification was accepted', async () => {
    const rows = await database.db.select().from(monitorings).where(eq(monitorings.status, 'closed'))
    expect(rows.some((r) => r.reason === 'complaint' && r.reportText && r.decisionNote)).toBe(true)
  })
})
