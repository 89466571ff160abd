import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { agencyCommitments, auditLog, notifications, organizations, users, type OrgId, type User } from '../../db/schema'
import {
  ADMISSION_STATES,
  COMMITMENT_SHA256,
  addPractitioner,
  admissionOf,
  checkEligibility,
  ownPractitioners,
  practitionerInputSchema,
  publicPractitioners,
  qualificationInputSchema,
  removePractitioner,
  submitForAdmission,
  submitQualification,
  updatePractitioner,
} from '../../services/agencies'
import { signUp, signUpSchema } from '../../services/auth'
import { pendingQualificationsFor, profileSchema, updateProfile } from '../../services/orgs'
import { usccCheckChar } from '../../services/shared/uscc'
import { idNumberCheckChar } from '../../services/shared/id-number'
import { itemByCode } from '../../services/catalog'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { dbError, freshDatabase } from '../support/db'

let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
const today = '2026-11-23'
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
let demoAgency: User
let environment: User
const person = (over: Record<string, string> = {}) =>
  practitionerInputSchema.parse({ name: '覃海燕', idNumber: '11010519491231002X', specialtyCode: 'eia', certificateNo: 'HP-ZC-0001', validTo: '2028-06-30', ...over })

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  const byEmail = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!
  demoAgency = await byEmail('agency@example.com')
  environment = await byEmail('authority2@example.com')
})
afterAll(async () => database?.close())

describe('admission', () => {
  it('the demo seeds hold agencies in every admission state', async () => {
    const agencies = await database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'agency'))
    const states = new Map<string, number>()
    for (const a of agencies) {
      const s = (await admissionOf(database.db, a.id, today))!.state
      states.set(s, (states.get(s) ?? 0) + 1)
    }
    expect([...states.keys()].sort()).toEqual([...ADMISSION_STATES].sort())
    expect(states.get('approved')).toBeGreaterThan(40)
  })

  it('a new agency submits once its profile and a qualification are in, then reaches its authority', async () => {
    const { user, org } = await signUp(
      database.db,
      clock,
      signUpSchema.parse({
        email: 'new-eia@example.com', password: 'Green-Valley-2026', displayName: '韦明', orgKind: 'agency', orgNameZh: '广西绿谷环境咨询有限公司',
        uscc: `91450802MA5KG0001${usccCheckChar('91450802MA5KG0001')}`, regionCode: '450802', contactName: '韦明', contactPhone: '13877001234',
      }),
    )
    const actor = as(user)
    const accept = { accept: true, textSha256: COMMITMENT_SHA256 }
    expect((await admissionOf(database.db, org.id, today))!).toMatchObject({ state: 'draft', missing: ['profile', 'qualification'] })
    expect(await code(submitForAdmission(database.db, clock, actor, { accept: false, textSha256: COMMITMENT_SHA256 }))).toBe('errors.mustAccept@accept')
    expect(await code(submitForAdmission(database.db, clock, actor, { accept: true, textSha256: 'a'.repeat(64) }))).toBe('errors.commitmentChanged@accept')
    expect(await code(submitForAdmission(database.db, clock, actor, accept))).toBe('errors.profileIncomplete')

    await updateProfile(database.db, clock, actor, profileSchema.parse({
      legalRepresentative: '韦明', address: '贵港市港北区港城大道 88 号', regionCode: '450802', contactName: '韦明', contactPhone: '0775-4561234', contactEmail: 'new-eia@example.com',
    }))
    expect(await code(submitForAdmission(database.db, clock, actor, accept))).toBe('errors.noQualification')
    const q = await submitQualification(database.db, clock, actor, qualificationInputSchema.parse({ specialtyCode: 'eia', level: '2', certificateNo: 'LG-EIA-2026', issuer: '广西壮族自治区生态环境厅', validFrom: '2026-01-01', validTo: '2029-12-31' }), PDF)

    // Before submission the authority does not see it, and the agency is not eligible for anything.
    expect((await pendingQualificationsFor(database.db, environment.orgId)).map((p) => p.qualification.id)).not.toContain(q.id)
    const eiaItem = (await itemByCode(database.db, 'C06-02'))!
    expect((await checkEligibility(database.db, { orgId: org.id, itemId: eiaItem.id, today })).reasons[0]).toEqual({ code: 'notSubmitted' })

    expect(await submitForAdmission(database.db, clock, actor, accept)).toEqual({ first: true, changed: true })
    expect(await submitForAdmission(database.db, clock, actor, accept)).toEqual({ first: false, changed: false })
    expect((await admissionOf(database.db, org.id, today))!).toMatchObject({ state: 'pending', missing: [], current: true })
    expect((await pendingQualificationsFor(database.db, environment.orgId)).map((p) => p.qualification.id)).toContain(q.id)
    const told = await database.db.select().from(notifications).where(eq(notifications.orgId, environment.orgId))
    expect(told.filter((n) => n.kind === 'agencySubmitted')).toHaveLength(1)
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, org.id))
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['organization.update', 'agency.submit']))
    expect(audit.filter((a) => a.action === 'agency.submit')).toHaveLength(1)
  })

  it('an accepted commitment can be neither rewritten nor deleted', async () => {
    const [row] = await database.db.select().from(agencyCommitments).limit(1)
    expect(await dbError(database.db.update(agencyCommitments).set({ textVersion: 'forged' }).where(eq(agencyCommitments.id, row!.id)))).toMatch(/append-only/)
    expect(await dbError(database.db.delete(agencyCommitments).where(eq(agencyCommitments.id, row!.id)))).toMatch(/append-only/)
  })
})

describe('profile', () => {
  it('refuses a bad region, phone or email, and keeps what was saved', async () => {
    const bad = profileSchema.safeParse({ legalRepresentative: '', address: 'x', regionCode: '45', contactName: '李', contactPhone: '123', contactEmail: 'nope' })
    expect(bad.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`).sort()).toEqual(['contactEmail:errors.email', 'contactPhone:errors.phone', 'legalRepresentative:errors.required', 'regionCode:errors.region'])
    const before = (await database.db.select().from(organizations).where(eq(organizations.id, demoAgency.orgId)))[0]!
    const input = profileSchema.parse({ legalRepresentative: '李强', address: '贵港市', regionCode: '450000', contactName: '李强', contactPhone: '13877001234', contactEmail: 'a@example.com' })
    expect(await code(updateProfile(database.db, clock, as(demoAgency), input))).toBe('errors.region@regionCode')
    const after = (await database.db.select().from(organizations).where(eq(organizations.id, demoAgency.orgId)))[0]!
    expect(after).toEqual(before)
  })
})

describe('practitioners', () => {
  it('checks the identity number, keeps one person with one agency, and masks the number for everyone else', async () => {
    const bad = practitionerInputSchema.safeParse({ name: '覃', idNumber: '110105194912310021', specialtyCode: 'eia', certificateNo: 'x', validTo: '2028-02-30' })
    expect(bad.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`).sort()).toEqual(['certificateNo:errors.certificateNo', 'idNumber:errors.idNumber.check', 'name:errors.personName', 'validTo:errors.date'])

    const added = await addPractitioner(database.db, clock, as(demoAgency), person(), today)
    const [other] = await database.db.select().from(users).where(eq(users.email, 'agency2@example.com'))
    expect(await code(addPractitioner(database.db, clock, as(other!), person({ certificateNo: 'HP-ZC-0002' }), today))).toBe('errors.idNumberTaken@idNumber')
    const someoneElse = `45080219880715001${idNumberCheckChar('45080219880715001')}`
    expect(await code(addPractitioner(database.db, clock, as(other!), person({ idNumber: someoneElse }), today))).toBe('errors.certificateTaken@certificateNo')
    expect(await code(addPractitioner(database.db, clock, as(demoAgency), person({ idNumber: someoneElse, certificateNo: 'HP-ZC-0003', validTo: '2026-11-22' }), today))).toBe('errors.registrationExpired@validTo')

    const own = await ownPractitioners(database.db, demoAgency.orgId as OrgId)
    expect(own.find((p) => p.id === added.id)!.idNumber).toBe('11010519491231002X')
    const shown = await publicPractitioners(database.db, demoAgency.orgId as OrgId)
    expect(shown.find((p) => p.id === added.id)!.idNumber).toBe('1101**********002X')
    expect(shown.every((p) => /^\d{4}\*{10}[\dX]{4}$/.test(p.idNumber))).toBe(true)

    // Another agency can neither edit nor remove it; the audit log never holds the whole number.
    expect(await code(updatePractitioner(database.db, clock, as(other!), added.id, person({ name: '冒名' }), today))).toBe('errors.notFound')
    expect(await code(removePractitioner(database.db, clock, as(other!), added.id))).toBe('errors.notFound')
    await removePractitioner(database.db, clock, as(demoAgency), added.id)
    const [leak] = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`${auditLog.after}::text like '%11010519491231002X%' or ${auditLog.before}::text like '%11010519491231002X%'`)
    expect(leak!.n).toBe(0)
  })
})
