import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, files, notifications, qualifications, users, type Organization, type User } from '../../db/schema'
import { qualificationInputSchema, resubmitQualification, reviewQualification, submitQualification } from '../../services/agencies'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
let agency: { user: User; org: Organization }
let other: { user: User; org: Organization }
let housing: User // scoped to survey, design, supervision, cost …
let environment: User // scoped to EIA, mapping, soil and water …

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const input = (over: Record<string, string> = {}) =>
  qualificationInputSchema.parse({ specialtyCode: 'eia', level: '2', certificateNo: 'hp-2026-0001', issuer: '广西壮族自治区生态环境厅', validFrom: '2026-01-01', validTo: '2029-12-31', ...over })

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  const byEmail = async (email: string) => {
    const [user] = await database.db.select().from(users).where(eq(users.email, email))
    const org = (await database.db.query.organizations.findFirst({ where: (o, { eq }) => eq(o.id, user!.orgId) }))!
    return { user: user!, org }
  }
  agency = await byEmail('agency@example.com')
  other = await byEmail('agency2@example.com')
  housing = (await byEmail('authority@example.com')).user
  environment = (await byEmail('authority2@example.com')).user
})
afterAll(async () => database?.close())

const as = (u: { user: User }) => ({ userId: u.user.id, orgId: u.user.orgId })

describe('qualification submission and review', () => {
  it('stores the scan by its content type, and refuses forged, empty and oversized files', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
    const q = await submitQualification(database.db, clock, as(agency), input({ certificateNo: 'HP-PNG-1' }), png)
    const [file] = await database.db.select().from(files).where(eq(files.id, q.scanFileId!))
    expect(file).toMatchObject({ mime: 'image/png', size: 11, orgId: agency.org.id })
    const fake = new TextEncoder().encode('<html>not a pdf</html>')
    expect(await code(submitQualification(database.db, clock, as(agency), input({ certificateNo: 'HP-FAKE' }), fake))).toBe('errors.fileType@scan')
    expect(await code(submitQualification(database.db, clock, as(agency), input({ certificateNo: 'HP-EMPTY' }), new Uint8Array()))).toBe('errors.fileRequired@scan')
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(PDF)
    expect(await code(submitQualification(database.db, clock, as(agency), input({ certificateNo: 'HP-BIG' }), big))).toBe('errors.fileTooLarge@scan')
    expect(await database.db.select().from(qualifications).where(eq(qualifications.certificateNo, 'HP-FAKE'))).toHaveLength(0)
  })

  it('refuses a certificate number another agency uses, and a validity that ends before it starts', async () => {
    await submitQualification(database.db, clock, as(agency), input({ certificateNo: 'HP-DUP' }), PDF)
    expect(await code(submitQualification(database.db, clock, as(other), input({ certificateNo: 'hp-dup' }), PDF))).toBe('errors.certificateTaken@certificateNo')
    const bad = qualificationInputSchema.safeParse({ specialtyCode: 'eia', level: '2', certificateNo: 'HP-X', issuer: '某厅', validFrom: '2026-05-01', validTo: '2026-04-30' })
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['validTo', 'errors.validityOrder']])
  })

  it('lets only the authority of the category review, asks for changes with a reason, and takes a resubmission', async () => {
    const q = await submitQualification(database.db, clock, as(agency), input({ certificateNo: 'HP-REVIEW' }), PDF)
    // EIA belongs to the environment bureau, not the housing bureau.
    expect(await code(reviewQualification(database.db, clock, { userId: housing.id, orgId: housing.orgId }, q.id, 'approve', ''))).toBe('errors.notFound')
    const envActor = { userId: environment.id, orgId: environment.orgId }
    expect(await code(reviewQualification(database.db, clock, envActor, q.id, 'requestChanges', ' '))).toBe('errors.reasonRequired@reason')
    await reviewQualification(database.db, clock, envActor, q.id, 'requestChanges', '扫描件不清晰，请重新上传')
    expect(await code(reviewQualification(database.db, clock, envActor, q.id, 'approve', ''))).toBe('errors.illegalStep') // not pending any more
    const [notice] = await database.db.select().from(notifications).where(eq(notifications.kind, 'qualificationChangesRequested'))
    expect(notice).toMatchObject({ orgId: agency.org.id, params: expect.objectContaining({ reason: '扫描件不清晰，请重新上传' }) })

    expect(await code(resubmitQualification(database.db, clock, as(other), q.id, input({ certificateNo: 'HP-REVIEW' }), PDF))).toBe('errors.notFound')
    const again = await resubmitQualification(database.db, clock, as(agency), q.id, input({ certificateNo: 'HP-REVIEW', level: '1' }), PDF)
    expect(again).toMatchObject({ status: 'pending', level: 1, reviewReason: null })
    expect(await code(resubmitQualification(database.db, clock, as(agency), q.id, input({ certificateNo: 'HP-REVIEW' }), null))).toBe('errors.illegalStep')
    const approved = await reviewQualification(database.db, clock, envActor, q.id, 'approve', '')
    expect(approved.status).toBe('approved')
    const trail = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, q.id)).orderBy(auditLog.id)
    expect(trail.map((t) => t.action)).toEqual(['qualification.submit', 'qualification.requestChanges', 'qualification.resubmit', 'qualification.approve'])
  })
})
