import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, notifications, procurements, type User } from '../../db/schema'
import { addWorkingDays, confirmProvisionalYear, installShippedCalendar, listCalendarDays, loadCalendar, shanghaiDate, spansProvisional } from '../../services/calendar'
import { JobQueue } from '../../services/jobs'
import { enterCalendarDay, procurementHandlers, procurementInputSchema, publishProcurement, saveDraft } from '../../services/procurement'
import { bidInputSchema, submitBid } from '../../services/bids'
import { ManualClock } from '../../services/shared/clock'
import { freshDatabase } from '../support/db'
import { eiaMarket } from '../support/load'

/**
 * No year counts as a plain Monday–Friday week for want of data: every year after those held is
 * computed from the statutory holidays and marked provisional until the office enters the State
 * Council's notice; entering it never moves an announced deadline earlier.
 */
let database: Database
// Wednesday 29 December 2027, 10:00 in Beijing: 2028's schedule is not published.
const clock = new ManualClock('2027-12-29T02:00:00Z')
let owner: User
let agency: User
let office: { userId: never; ip: string }
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const deadlineDay = async (id: string) => shanghaiDate((await database.db.select({ d: procurements.bidDeadline }).from(procurements).where(eq(procurements.id, id as never)))[0]!.d!)

beforeAll(async () => {
  database = await freshDatabase()
  ;({ owner, agencies: [agency] } = await eiaMarket(database.db, 1, 'cal', clock.now()) as { owner: User; agencies: [User] })
  office = { userId: owner.id as never, ip: '10.0.0.1' }
})
afterAll(async () => database?.close())

describe('a year without the notice', () => {
  it('is computed from the statutory holidays and marked provisional, for every later year', async () => {
    const calendar = await loadCalendar(database.db)
    for (const year of [2027, 2028, 2035, 2099]) expect(calendar.provisionalYears.has(year), String(year)).toBe(true)
    expect(calendar.provisionalYears.has(2026)).toBe(false)
    // 元旦 2028 is a Saturday: the statutory day is given back on Monday 3 January.
    expect(addWorkingDays(calendar, '2027-12-29', 3)).toBe('2028-01-04')
    // 春节 2035 (8 February): eve to the third day, the Saturday given back on Monday the 12th.
    expect(addWorkingDays(calendar, '2035-02-06', 1)).toBe('2035-02-13')
    expect(spansProvisional(calendar, '2027-12-29', '2028-01-04')).toBe(true)
    expect(spansProvisional(calendar, '2026-03-02', '2026-03-05')).toBe(false)
  })

  it('gives an announcement across it a deadline that only moves later when the notice is entered', async () => {
    const queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
    const form = procurementInputSchema.parse({
      projectCode: '2026-450802-46-01-031207', projectName: '贵港市港北区第三污水处理厂扩建工程', title: '第三污水处理厂扩建工程环境影响报告表编制', itemCodes: ['C06-02'],
      maxPrice: '68,000', expectedDays: '10', fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
    })
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form)).id)
    await submitBid(database.db, clock, as(agency), p.id, bidInputSchema.parse({ price: '60,000', committedDays: '8', accept: 'yes' }))
    expect(await deadlineDay(p.id)).toBe('2028-01-04')

    // The notice makes 3 January a working day after all: the announced deadline stays, it is not brought forward.
    expect((await enterCalendarDay(database.db, clock, queue, office, { day: '2028-01-03', kind: 'normal', nameZh: '', nameEn: '' })).extended).toBe(0)
    expect(await deadlineDay(p.id)).toBe('2028-01-04')
    // …and gives 30 and 31 December off: three working days from the 29th now end on 5 January, so the deadline moves later.
    await enterCalendarDay(database.db, clock, queue, office, { day: '2027-12-30', kind: 'holiday', nameZh: '元旦', nameEn: "New Year's Day" })
    expect((await enterCalendarDay(database.db, clock, queue, office, { day: '2027-12-31', kind: 'holiday', nameZh: '元旦', nameEn: "New Year's Day" })).extended).toBe(1)
    expect(await deadlineDay(p.id)).toBe('2028-01-05')
    // The owner and the bidder are told (the bidder's notice sealed until the opening).
    const told = await database.db.select().from(notifications).where(eq(notifications.kind, 'deadlineExtended'))
    expect(told.map((n) => [n.orgId, n.sealedUntilOpeningOf]).sort()).toEqual([[owner.orgId, null], [agency.orgId, p.id]].sort())
    const steps = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, p.id))
    expect(steps.map((s) => s.action)).toContain('procurement.extendDeadline')
  })

  it('stays provisional while the office enters its days, keeps what it removed, and is official once confirmed', async () => {
    // 2028 now holds rows (computed ones materialized by the first edit): 3 January stays removed.
    expect((await listCalendarDays(database.db, 2028)).map((d) => d.day)).not.toContain('2028-01-03')
    expect(await installShippedCalendar(database.db)).toBe(0)
    expect((await loadCalendar(database.db)).provisionalYears.has(2028)).toBe(true)
    expect(await confirmProvisionalYear(database.db, clock, office, 2028)).toBeGreaterThan(10)
    const calendar = await loadCalendar(database.db)
    expect(calendar.provisionalYears.has(2028)).toBe(false)
    expect(calendar.provisionalYears.has(2029)).toBe(true)
    expect(addWorkingDays(calendar, '2027-12-29', 3)).toBe('2028-01-05')
  })
})
