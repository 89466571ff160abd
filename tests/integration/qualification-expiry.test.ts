import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, jobs, notifications, qualifications, serviceItems, type Organization } from '../../db/schema'
import { agencyHandlers, checkEligibility, runQualificationExpiry, scheduleQualificationExpiry } from '../../services/agencies'
import { verifyChain } from '../../services/audit'
import { shanghaiDate, shiftDays } from '../../services/calendar'
import { JobQueue } from '../../services/jobs'
import { ManualClock } from '../../services/shared/clock'
import { acceptCommitment, addQualification, createOrganization, createUser, makeUscc, rng } from '../../seeds/factories'
import { freshDatabase } from '../support/db'

let database: Database
let agency: Organization
const r = rng(42)
beforeAll(async () => {
  database = await freshDatabase()
  agency = await createOrganization(
    database.db,
    { kind: 'agency', nameZh: '广西贵港测试环评有限公司', nameEn: 'Test EIA Co.', uscc: makeUscc(r, '450802'), regionCode: '450802', contactName: '李明', contactPhone: '13800000001', contactEmail: 'eia@example.com' },
    new Date('2026-01-01T00:00:00Z'),
  )
  const admin = await createUser(database.db, { email: 'eia@example.com', displayName: '李明', orgId: agency.id, role: 'admin', passwordHash: 'not-used' }, new Date('2026-01-01T00:00:00Z'))
  await acceptCommitment(database.db, agency.id, admin.id, new Date('2026-01-02T00:00:00Z'))
})
afterAll(async () => database?.close())
beforeEach(async () => {
  await database.db.delete(notifications)
  await database.db.delete(qualifications)
  await database.db.delete(jobs)
})

const item = async (code: string) => (await database.db.select().from(serviceItems).where(eq(serviceItems.code, code)))[0]!
const notes = async () => database.db.select().from(notifications).where(eq(notifications.orgId, agency.id))

describe('eligibility from the database', () => {
  it('follows the catalog, the requirement and the day', async () => {
    const eia = await item('C06-01')
    const cost = await item('C10-01')
    await addQualification(database.db, { orgId: agency.id, specialtyCode: 'eia', level: 2, certificateNo: 'EIA-T-1', issuer: '广西壮族自治区生态环境厅', validFrom: '2025-01-01', validTo: '2026-12-31', status: 'approved' })
    expect((await checkEligibility(database.db, { orgId: agency.id, itemId: eia.id, today: '2026-11-23' })).eligible).toBe(true)
    expect((await checkEligibility(database.db, { orgId: agency.id, itemId: cost.id, today: '2026-11-23' })).reasons).toEqual([{ code: 'itemNotCovered', specialties: ['cost'] }])
    const strict = await checkEligibility(database.db, { orgId: agency.id, itemId: eia.id, requirement: { mode: 'any', specialties: ['eia'], minLevel: 1 }, today: '2026-11-23' })
    expect(strict.reasons).toEqual([{ code: 'levelTooLow', specialty: 'eia', have: 2, need: 1 }])
    expect((await checkEligibility(database.db, { orgId: agency.id, itemId: eia.id, today: '2027-01-01' })).eligible).toBe(false)
  })
})

describe('the daily qualification expiry job', () => {
  it('warns 30 and 7 days ahead, expires on the day after, and a second run changes nothing', async () => {
    const clock = new ManualClock('2026-11-23T01:00:00+08:00')
    const today = shanghaiDate(clock.now())
    const soon = await addQualification(database.db, { orgId: agency.id, specialtyCode: 'eia', level: 2, certificateNo: 'EIA-T-30', issuer: '广西壮族自治区生态环境厅', validFrom: '2024-01-01', validTo: shiftDays(today, 30), status: 'approved' })
    await addQualification(database.db, { orgId: agency.id, specialtyCode: 'energy', level: 3, certificateNo: 'EN-T-5', issuer: '广西壮族自治区生态环境厅', validFrom: '2024-01-01', validTo: shiftDays(today, 5), status: 'approved' })
    await addQualification(database.db, { orgId: agency.id, specialtyCode: 'cost', level: 3, certificateNo: 'CO-T-P', issuer: '广西壮族自治区住房和城乡建设厅', validFrom: '2024-01-01', validTo: shiftDays(today, 3), status: 'pending' })

    expect(await runQualificationExpiry(database.db, clock)).toMatchObject({ warned: 2, expired: 0 })
    expect(await runQualificationExpiry(database.db, clock)).toMatchObject({ warned: 0, expired: 0 })
    const first = await notes()
    expect(first.map((n) => [n.kind, (n.params as { certificate: string; days: number }).certificate, (n.params as { days: number }).days]).sort()).toEqual([
      ['qualificationExpiring', 'EIA-T-30', 30],
      ['qualificationExpiring', 'EN-T-5', 5],
    ])

    clock.set(`${shiftDays(today, 23)}T01:00:00+08:00`) // 7 days left for EIA-T-30; EN-T-5 ended on day 5
    expect(await runQualificationExpiry(database.db, clock)).toMatchObject({ warned: 1, expired: 1 })

    clock.set(`${shiftDays(today, 30)}T01:00:00+08:00`) // EIA-T-30's last valid day: still valid
    expect(await runQualificationExpiry(database.db, clock)).toMatchObject({ warned: 0, expired: 0 })
    expect((await database.db.select().from(qualifications).where(eq(qualifications.id, soon.id)))[0]!.status).toBe('approved')

    clock.set(`${shiftDays(today, 31)}T01:00:00+08:00`)
    expect(await runQualificationExpiry(database.db, clock)).toMatchObject({ expired: 1 })
    expect(await runQualificationExpiry(database.db, clock)).toMatchObject({ warned: 0, expired: 0 })
    const statuses = await database.db.select({ no: qualifications.certificateNo, status: qualifications.status }).from(qualifications).where(eq(qualifications.orgId, agency.id))
    expect(Object.fromEntries(statuses.map((s) => [s.no, s.status]))).toEqual({ 'EIA-T-30': 'expired', 'EN-T-5': 'expired', 'CO-T-P': 'pending' })
    expect((await notes()).filter((n) => n.kind === 'qualificationExpired')).toHaveLength(2)
    const audited = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'qualification.expire'), eq(auditLog.entityId, soon.id)))
    expect(audited).toHaveLength(1)
    expect((await verifyChain(database.db)).ok).toBe(true)
  })

  it('runs from the queue daily, books the next day, and catches up after downtime exactly once', async () => {
    const clock = new ManualClock('2026-11-23T00:30:00+08:00')
    const today = shanghaiDate(clock.now())
    await addQualification(database.db, { orgId: agency.id, specialtyCode: 'eia', level: 1, certificateNo: 'EIA-T-Q', issuer: '广西壮族自治区生态环境厅', validFrom: '2024-01-01', validTo: shiftDays(today, 1), status: 'approved' })
    const queue = new JobQueue(database.db, clock, agencyHandlers, { log: () => {} })
    await scheduleQualificationExpiry(queue, clock)
    expect(await queue.runDue()).toBe(0) // due at 01:00
    clock.set(`${today}T01:00:00+08:00`)
    expect(await queue.runDue()).toBe(1)
    expect(await notes()).toHaveLength(1) // the 7-day warning (1 day left)

    // The app is down for three days; a new process starts and sweeps.
    clock.set(`${shiftDays(today, 4)}T09:00:00+08:00`)
    const restarted = new JobQueue(database.db, clock, agencyHandlers, { log: () => {} })
    await scheduleQualificationExpiry(restarted, clock)
    await scheduleQualificationExpiry(restarted, clock) // a second boot the same day: same key, no second job
    expect(await restarted.runDue()).toBe(2) // tomorrow's booked run, overdue, and today's
    expect((await database.db.select().from(qualifications).where(eq(qualifications.certificateNo, 'EIA-T-Q')))[0]!.status).toBe('expired')
    expect((await notes()).map((n) => n.kind).sort()).toEqual(['qualificationExpired', 'qualificationExpiring'])
    const pending = await database.db.select().from(jobs).where(eq(jobs.status, 'pending'))
    expect(pending.map((j) => j.key).sort()).toEqual([`agencies.qualification-expiry:${shiftDays(today, 5)}`])
  })
})
