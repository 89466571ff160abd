import { and, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { authorityCategories, files, organizations, qualifications, qualificationSpecialties, users, type User } from '../../db/schema'
import { addPractitioner, practitionerInputSchema, qualificationInputSchema, submitQualification } from '../../services/agencies'
import { mayReadFile, storeScan } from '../../services/files'
import { procurementInputSchema, saveDraft } from '../../services/procurement'
import { idNumberCheckChar } from '../../services/shared/id-number'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

/** Facts that cannot be true on the day they are entered are refused; files are read only by those who may see their record. */
let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const userOf = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!
const viewer = async (email: string) => {
  const u = await userOf(email)
  const [org] = await database.db.select().from(organizations).where(eq(organizations.id, u.orgId))
  return { orgId: org!.id, kind: org!.kind }
}
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
})
afterAll(async () => database?.close())

describe('facts that cannot be true today', () => {
  it('a qualification whose validity already ended is refused, naming the field', async () => {
    const agency = await userOf('agency@example.com')
    const input = (validTo: string) => qualificationInputSchema.parse({ specialtyCode: 'eia', level: '2', certificateNo: `HP-PAST-${validTo}`, issuer: '广西壮族自治区生态环境厅', validFrom: '2020-01-01', validTo })
    expect(await code(submitQualification(database.db, clock, as(agency), input('2026-11-22'), PDF))).toBe('errors.validToPast@validTo')
    // Its last valid day may be today.
    expect(await code(submitQualification(database.db, clock, as(agency), input('2026-11-23'), PDF))).toBe('ok')
  })

  it('an identity number whose birth date is later than today is refused', async () => {
    const agency = await userOf('agency@example.com')
    const number = (birth: string) => {
      const first17 = `450802${birth}123`
      return first17 + idNumberCheckChar(first17)
    }
    const person = (birth: string, n: number) => practitionerInputSchema.parse({ name: '覃海燕', idNumber: number(birth), specialtyCode: 'eia', certificateNo: `HP-ZC-FUT${n}`, validTo: '2028-06-30' })
    expect(await code(addPractitioner(database.db, clock, as(agency), person('20261124', 1), '2026-11-23'))).toBe('errors.idNumber.birthFuture@idNumber')
    expect(await code(addPractitioner(database.db, clock, as(agency), person('19900101', 2), '2026-11-23'))).toBe('ok')
  })
})

describe('who may read a file', () => {
  it('a qualification scan: its agency, the office and the authority of its category; no other authority or agency', async () => {
    // A scan awaiting review in the housing authority's categories (C01–C04, C10–C13).
    const housing = await viewer('authority@example.com')
    const ecology = await viewer('authority2@example.com')
    const [scan] = await database.db
      .select({ file: files })
      .from(qualifications)
      .innerJoin(files, eq(files.id, qualifications.scanFileId))
      .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, qualifications.specialtyCode))
      .innerJoin(authorityCategories, and(eq(authorityCategories.categoryId, qualificationSpecialties.categoryId), eq(authorityCategories.orgId, housing.orgId)))
      .where(isNotNull(qualifications.scanFileId))
      .limit(1)
    expect(scan).toBeTruthy()
    expect(await mayReadFile(database.db, scan!.file, { orgId: scan!.file.orgId, kind: 'agency' })).toBe(true)
    expect(await mayReadFile(database.db, scan!.file, await viewer('office@example.com'))).toBe(true)
    expect(await mayReadFile(database.db, scan!.file, housing)).toBe(true)
    expect(await mayReadFile(database.db, scan!.file, ecology)).toBe(false)
    expect(await mayReadFile(database.db, scan!.file, await viewer('agency2@example.com'))).toBe(false)
  })

  it('a draft’s attachment: its owner’s alone, not a supervisor’s', async () => {
    const owner = await userOf('owner@example.com')
    const draft = await saveDraft(database.db, clock, as(owner), procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-012399', projectName: '贵港市体育中心配套道路工程', title: '竣工联合测量（附件）', itemCodes: ['C05-03'], maxPrice: '30,000', expectedDays: '10',
      fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
    }))
    const id = await storeScan(database.db, { orgId: owner.orgId, userId: owner.id, bytes: PDF, field: 'file', at: clock.now(), purpose: 'attachment', procurementId: draft.id, name: '测量范围.pdf' })
    const [file] = await database.db.select().from(files).where(eq(files.id, id))
    expect(await mayReadFile(database.db, file!, await viewer('owner@example.com'))).toBe(true)
    for (const email of ['authority@example.com', 'authority2@example.com', 'office@example.com', 'agency@example.com', 'owner2@example.com'])
      expect(await mayReadFile(database.db, file!, await viewer(email)), email).toBe(false)
  })
})

describe('a project code’s year', () => {
  const draft = (projectCode: string, at: ManualClock) =>
    userOf('owner@example.com').then((owner) =>
      saveDraft(database.db, at, as(owner), procurementInputSchema.parse({
        projectCode, projectName: '贵港市体育中心配套道路工程', title: '竣工联合测量（项目代码年份）', itemCodes: ['C05-03'], maxPrice: '30,000', expectedDays: '10',
        fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
      })),
    )
  it('is judged by the app’s clock, not the machine’s: none dated after next year', async () => {
    expect(await code(draft('2028-450802-48-01-012345', clock))).toBe('errors.projectCode.year@projectCode')
    expect(await code(draft('2027-450802-48-01-012345', clock))).toBe('ok')
    // In 2031 by the app's clock, a 2031 code is fine whatever year the machine says.
    expect(await code(draft('2031-450802-48-01-012345', new ManualClock('2031-03-02T02:00:00Z')))).toBe('ok')
  })
})

