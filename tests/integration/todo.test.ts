import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { organizations, procurements, users, type OrgId, type Procurement, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { bidderProblems, bidInputSchema, openToBidder } from '../../services/bids'
import { shanghaiDate } from '../../services/calendar'
import { JobQueue } from '../../services/jobs'
import { inbox, readAllMessages, readMessage, unreadCount } from '../../services/notifications'
import {
  agencyTodos, answerQuestion, askQuestion, confirmContract, confirmDirect, contractInputSchema, decideDelivery, decisionSchema, deliver, evaluate, evaluationSchema,
  ownerTodos, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft, uploadContract, type TodoItem,
} from '../../services/procurement'
import { ManualClock } from '../../services/shared/clock'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

let database: Database
const clock = new ManualClock('2026-12-01T02:00:00Z') // Tuesday, 10:00 in Shanghai
let queue: JobQueue
let owner: User
let agency: User
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const about = (items: TodoItem[], title: string) => items.filter((i) => i.title === title).map((i) => i.kind)

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, new ManualClock('2026-11-23T02:00:00Z'))
  queue = new JobQueue(database.db, clock, procurementHandlers, { log: () => {} })
  const byEmail = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!
  owner = await byEmail('owner@example.com')
  const eligible = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C06-02' }), '2026-12-01')
  agency = (await database.db.select().from(users).where(eq(users.orgId, eligible.agencies[0]!.id as OrgId)))[0]!
})
afterAll(async () => database?.close())

describe('each party’s to-do list', () => {
  it('follows a direct commission from its draft to the evaluation, each step on the list of whoever must take it, with its deadline', async () => {
    const title = '排水管网改造工程环评登记（待办）'
    const uscc = (await database.db.select().from(organizations).where(eq(organizations.id, agency.orgId)))[0]!.uscc
    const draft = await saveDraft(database.db, clock, as(owner), procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-012345', projectName: '港北区排水管网改造工程', title, itemCodes: ['C06-02'], maxPrice: '30,000', expectedDays: '10',
      fundingSource: 'public', method: 'direct', directAgencyUscc: uscc, announcementDays: '2', contactName: '李强', contactPhone: '0775-4561234',
    }))
    expect(about(await ownerTodos(database.db, owner.orgId, clock.now()), title)).toEqual(['draft'])
    const p = await publishProcurement(database.db, clock, queue, as(owner), draft.id)
    expect(about(await ownerTodos(database.db, owner.orgId, clock.now()), title)).toEqual([])

    // The named agency confirms by the deadline; a question waits for the owner meanwhile.
    const mine = (await agencyTodos(database.db, agency.orgId, clock.now())).find((i) => i.title === title)!
    expect(mine).toMatchObject({ kind: 'directConfirm', link: `/agency/bids/${p.id}`, due: { at: p.bidDeadline!.toISOString() }, overdue: false })
    const question = await askQuestion(database.db, clock, as(agency), p.id, '请问是否需要提供现场踏勘记录？')
    expect((await ownerTodos(database.db, owner.orgId, clock.now())).find((i) => i.title === title)).toMatchObject({ kind: 'question', due: { at: p.bidDeadline!.toISOString() } })
    await answerQuestion(database.db, clock, as(owner), question.id, '需要，请随成果一并提交。')
    await confirmDirect(database.db, clock, as(agency), p.id, bidInputSchema.parse({ price: '27,500', committedDays: '6', accept: 'yes' }))
    expect(about(await agencyTodos(database.db, agency.orgId, clock.now()), title)).toEqual([])

    // After the standstill the owner uploads the contract, the agency confirms it, then delivers by its due date.
    clock.set('2026-12-07T02:00:00Z')
    expect(about(await ownerTodos(database.db, owner.orgId, clock.now()), title)).toEqual(['contractUpload'])
    await uploadContract(database.db, clock, as(owner), p.id, contractInputSchema.parse({ fundDays: '5', startDate: '2026-12-07' }), PDF)
    expect(about(await agencyTodos(database.db, agency.orgId, clock.now()), title)).toEqual(['contractConfirm'])
    await confirmContract(database.db, clock, queue, as(agency), p.id)
    const service = (await agencyTodos(database.db, agency.orgId, clock.now())).find((i) => i.title === title)!
    expect(service).toMatchObject({ kind: 'deliver', due: { day: '2026-12-14' }, overdue: false })
    // The day after the due date it is overdue, and heads the list.
    clock.set('2026-12-15T02:00:00Z')
    const late = await agencyTodos(database.db, agency.orgId, clock.now())
    expect(late.find((i) => i.title === title)).toMatchObject({ kind: 'deliver', overdue: true })
    expect(late[0]!.overdue).toBe(true)

    await deliver(database.db, clock, as(agency), p.id, '环评登记表', PDF)
    const decide = (await ownerTodos(database.db, owner.orgId, clock.now())).find((i) => i.title === title)!
    expect(decide.kind).toBe('deliveryDecision')
    expect('at' in decide.due! && Date.parse(decide.due.at) > clock.now().getTime()).toBe(true)
    await decideDelivery(database.db, clock, queue, as(owner), p.id, decisionSchema.parse({ decision: 'accept' }))
    expect(about(await ownerTodos(database.db, owner.orgId, clock.now()), title)).toEqual(['evaluation'])
    await evaluate(database.db, clock, as(owner), p.id, evaluationSchema.parse({ quality: '5', timeliness: '3', conduct: '5', fees: '4', compliance: '5', comment: '' }))
    expect(about(await ownerTodos(database.db, owner.orgId, clock.now()), title)).toEqual([])
    expect(about(await agencyTodos(database.db, agency.orgId, clock.now()), title)).toEqual([])
  })

  it('lists the overdue first, then the nearest deadline, then those without one', async () => {
    for (const items of [await ownerTodos(database.db, owner.orgId, clock.now()), await agencyTodos(database.db, agency.orgId, clock.now())]) {
      const keys = items.map((i) => [i.overdue ? 0 : 1, i.due ? ('at' in i.due ? i.due.at : `${i.due.day}T15:59:59.999Z`) : '9999'] as const)
      expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])))
    }
  })
})

describe('the announcements an agency may bid on', () => {
  it('are exactly those open now whose standing rule finds no problem, for every agency', async () => {
    clock.set('2026-11-24T02:00:00Z')
    const now = clock.now()
    const day = shanghaiDate(now)
    const open = (await database.db.select().from(procurements).where(eq(procurements.status, 'published'))).filter((p) => p.bidDeadline! > now && p.method !== 'direct')
    expect(open.length).toBeGreaterThan(2)
    const agencies = await database.db.select().from(organizations).where(eq(organizations.kind, 'agency'))
    let some = 0
    for (const a of agencies.slice(0, 24)) {
      const may = new Set(await openToBidder(database.db, a.id, now, day))
      const expected = new Set<string>()
      for (const p of open as Procurement[]) if (!(await bidderProblems(database.db, p, a.id, day)).length) expected.add(p.id)
      expect([...may].sort(), a.nameZh).toEqual([...expected].sort())
      some += may.size
    }
    // The comparison means something: some agencies may bid on some, and some may not on all.
    expect(some).toBeGreaterThan(0)
    expect(some).toBeLessThan(24 * open.length)
  })
})

describe('the inbox', () => {
  it('counts each user’s unread messages, marks one read when opened and all at once, and opens none of another organization', async () => {
    const user = { id: owner.id, orgId: owner.orgId }
    const before = await unreadCount(database.db, user)
    expect(before).toBeGreaterThan(1)
    const [first] = await inbox(database.db, user, 1)
    expect(first!.read).toBe(false)
    expect((await readMessage(database.db, clock, user, first!.id))!.id).toBe(first!.id)
    await readMessage(database.db, clock, user, first!.id)
    expect(await unreadCount(database.db, user)).toBe(before - 1)
    expect((await inbox(database.db, user, 1))[0]!.read).toBe(true)
    // Another organization's user cannot open it, and reading it did not read it for them.
    expect(await readMessage(database.db, clock, { id: agency.id, orgId: agency.orgId }, first!.id)).toBeNull()
    await readAllMessages(database.db, clock, user)
    expect(await unreadCount(database.db, user)).toBe(0)
    expect(await unreadCount(database.db, { id: agency.id, orgId: agency.orgId })).toBeGreaterThan(0)
    // Pages by cursor: the second page starts after the first's last row.
    const page1 = await inbox(database.db, user, 3)
    const page2 = await inbox(database.db, user, 3, `${page1[2]!.createdAt.toISOString()}_${page1[2]!.id}`)
    expect(page2.map((n) => n.id).some((id) => page1.some((m) => m.id === id))).toBe(false)
  })
})
