import { integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { idColumn, timestamps } from './columns'
import type { ServiceCategoryId, ServiceItemId } from './ids'

/** 服务类别: the 13 categories of intermediary services. */
export const serviceCategories = pgTable('service_categories', {
  ...idColumn<ServiceCategoryId>(),
  code: text().notNull().unique(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: smallint().notNull().default(0),
  ...timestamps,
})

/** 服务事项, with its 统一服务承诺时间 (standard time limit) in working days. */
export const serviceItems = pgTable('service_items', {
  ...idColumn<ServiceItemId>(),
  categoryId: uuid().notNull().references(() => serviceCategories.id).$type<ServiceCategoryId>(),
  code: text().notNull().unique(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  standardDays: integer().notNull(),
  ...timestamps,
})

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
