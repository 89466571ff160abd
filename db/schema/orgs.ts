import { char, date, index, pgEnum, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { idColumn, timestamps, tstz } from './columns'
import type { OrgId, PractitionerId, QualificationId, ServiceCategoryId, UserId } from './ids'
import { qualificationSpecialties, serviceCategories } from './catalog'
import { regions } from './regions'

export const orgKind = pgEnum('org_kind', ['owner', 'agency', 'authority', 'market_office'])
export type OrgKind = (typeof orgKind.enumValues)[number]

export const organizations = pgTable(
  'organizations',
  {
    ...idColumn<OrgId>(),
    kind: orgKind().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    /** 统一社会信用代码, checked with GB 32100-2015 before it gets here. */
    uscc: char({ length: 18 }).notNull().unique(),
    regionCode: char({ length: 6 }).notNull().references(() => regions.code),
    legalRepresentative: text(),
    address: text(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    contactEmail: text().notNull(),
    ...timestamps,
  },
  (t) => [index().on(t.kind), index().on(t.regionCode)],
)

/** An authority (行业主管部门) supervises only the categories it is scoped to. */
export const authorityCategories = pgTable(
  'authority_categories',
  {
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    categoryId: uuid().notNull().references(() => serviceCategories.id).$type<ServiceCategoryId>(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.categoryId] })],
)

export const qualificationStatus = pgEnum('qualification_status', [
  'pending',
  'approved',
  'rejected',
  'changes_requested',
  /** set by the daily expiry job once validTo has passed */
  'expired',
])

/** 资质: level 1 = 甲, 2 = 乙, 3 = 丙. */
export const qualifications = pgTable(
  'qualifications',
  {
    ...idColumn<QualificationId>(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    specialtyCode: text().notNull().references(() => qualificationSpecialties.code),
    level: smallint().notNull(),
    certificateNo: text().notNull().unique(),
    issuer: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }).notNull(),
    status: qualificationStatus().notNull().default('pending'),
    /** the scan of the certificate (files.id); served only to the agency and supervisors */
    scanFileId: uuid(),
    /** the authority's reason when it rejects or asks for changes */
    reviewReason: text(),
    reviewedAt: tstz(),
    reviewedBy: uuid(),
    ...timestamps,
  },
  (t) => [index().on(t.orgId)],
)

export type Organization = typeof organizations.$inferSelect
export type NewOrganization = typeof organizations.$inferInsert
export type Qualification = typeof qualifications.$inferSelect

/**
 * 注册执业人员. A registered practitioner works for one agency at a time, so the identity number
 * and the registration certificate are unique across the marketplace. The identity number is
 * personal data: only the agency itself reads it whole (see services/agencies/practitioners.ts).
 */
export const practitioners = pgTable(
  'practitioners',
  {
    ...idColumn<PractitionerId>(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    name: text().notNull(),
    /** 居民身份证号码 (GB 11643-1999), checksum verified */
    idNumber: char({ length: 18 }).notNull().unique(),
    specialtyCode: text().notNull().references(() => qualificationSpecialties.code),
    /** 注册证书编号 */
    certificateNo: text().notNull().unique(),
    validTo: date({ mode: 'string' }).notNull(),
    ...timestamps,
  },
  (t) => [index().on(t.orgId)],
)

/**
 * 承诺书: each acceptance of the truthfulness commitment, kept whole (which text, its hash, who,
 * when, from where). The first acceptance is the agency's submission for admission; a new text
 * version must be accepted again.
 */
export const agencyCommitments = pgTable(
  'agency_commitments',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    textVersion: text().notNull(),
    /** SHA-256 of the exact zh and en texts shown, so the wording accepted can be proven later */
    textSha256: char({ length: 64 }).notNull(),
    acceptedBy: uuid().notNull().$type<UserId>(),
    acceptedAt: tstz().notNull(),
    ip: text(),
  },
  (t) => [index().on(t.orgId)],
)

export type Practitioner = typeof practitioners.$inferSelect
