import { bigint, integer, jsonb, pgTable, primaryKey, smallint, text, unique, uuid } from 'drizzle-orm/pg-core'
import { idColumn, timestamps, tstz } from './columns'
import type { ServiceCategoryId, ServiceItemId, UserId } from './ids'

/** 服务类别: the 13 categories of intermediary services. */
export const serviceCategories = pgTable('service_categories', {
  ...idColumn<ServiceCategoryId>(),
  code: text().notNull().unique(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: smallint().notNull().default(0),
  ...timestamps,
})

/**
 * 服务事项, with its 统一服务承诺时间 (standard time limit) in working days. These columns are the
 * current terms; every change is also kept as a row of `service_item_versions`.
 */
export const serviceItems = pgTable('service_items', {
  ...idColumn<ServiceItemId>(),
  categoryId: uuid().notNull().references(() => serviceCategories.id).$type<ServiceCategoryId>(),
  code: text().notNull().unique(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  standardDays: integer().notNull(),
  /** 设立依据: the law or regulation that makes the service a condition of approval */
  legalBasis: text().notNull().default(''),
  /** 行业主管部门: the kind of authority that governs it */
  authorityZh: text().notNull().default(''),
  authorityEn: text().notNull().default(''),
  /** 收费指导区间, integer fen */
  feeMinFen: bigint({ mode: 'number' }),
  feeMaxFen: bigint({ mode: 'number' }),
  version: integer().notNull().default(1),
  ...timestamps,
})

export interface ItemTerms {
  nameZh: string
  nameEn: string
  standardDays: number
  legalBasis: string
  authorityZh: string
  authorityEn: string
  feeMinFen: number | null
  feeMaxFen: number | null
  specialties: string[]
}

/** The terms of an item as they were at each version: a procurement keeps the version it was posted with. */
export const serviceItemVersions = pgTable(
  'service_item_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: uuid().notNull().references(() => serviceItems.id).$type<ServiceItemId>(),
    version: integer().notNull(),
    terms: jsonb().$type<ItemTerms>().notNull(),
    createdAt: tstz().notNull(),
    createdBy: uuid().$type<UserId>(),
  },
  (t) => [unique().on(t.itemId, t.version)],
)

/** 资质专业: the specialty a qualification certificate names. */
export const qualificationSpecialties = pgTable('qualification_specialties', {
  code: text().primaryKey(),
  categoryId: uuid().notNull().references(() => serviceCategories.id).$type<ServiceCategoryId>(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
})

/** Which specialties can serve an item. */
export const serviceItemSpecialties = pgTable(
  'service_item_specialties',
  {
    itemId: uuid().notNull().references(() => serviceItems.id).$type<ServiceItemId>(),
    specialtyCode: text().notNull().references(() => qualificationSpecialties.code),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.specialtyCode] })],
)

export type ServiceCategory = typeof serviceCategories.$inferSelect
export type ServiceItem = typeof serviceItems.$inferSelect
