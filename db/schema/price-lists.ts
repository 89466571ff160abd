import { bigint, integer, pgTable, primaryKey, smallint, text, unique, uuid } from 'drizzle-orm/pg-core'
import { timestamps, tstz } from './columns'
import type { OrgId, ServiceItemId, UserId } from './ids'
import { serviceItems } from './catalog'
import { organizations } from './orgs'

/** The items an agency offers, each with its 承诺时限 (committed working days ≤ the standard limit). */
export const agencyOfferings = pgTable(
  'agency_offerings',
  {
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    itemId: uuid().notNull().references(() => serviceItems.id).$type<ServiceItemId>(),
    committedDays: integer().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.itemId] })],
)

/**
 * 收费价目表 (明码标价), versioned: an agency edits a draft and publishes it as a new version. The
 * public sees the latest published version and when it changed; supervisors see every version.
 */
export const priceLists = pgTable(
  'price_lists',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    version: integer().notNull(),
    /** null while a draft */
    publishedAt: tstz(),
    publishedBy: uuid().$type<UserId>(),
    ...timestamps,
  },
  (t) => [unique().on(t.orgId, t.version)],
)

export const priceItems = pgTable('price_items', {
  id: uuid().primaryKey().defaultRandom(),
  priceListId: uuid().notNull().references(() => priceLists.id, { onDelete: 'cascade' }),
  itemId: uuid().notNull().references(() => serviceItems.id).$type<ServiceItemId>(),
  /** 服务内容 */
  content: text().notNull(),
  /** 计费单位 */
  unit: text().notNull(),
  /** 收费标准, integer fen */
  feeFen: bigint({ mode: 'number' }).notNull(),
  /** 收费依据 */
  legalBasis: text().notNull(),
  /** 投诉举报电话 */
  complaintPhone: text().notNull(),
  sortOrder: smallint().notNull().default(0),
})
export type PriceItem = typeof priceItems.$inferSelect
