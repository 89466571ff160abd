import { char, pgTable, smallint, text } from 'drizzle-orm/pg-core'

/** Administrative divisions, GB/T 2260 six-digit codes (e.g. 450800 贵港市). */
export const regions = pgTable('regions', {
  code: char({ length: 6 }).primaryKey(),
  parentCode: char({ length: 6 }),
  /** 1 province, 2 city (地级市), 3 district or county */
  level: smallint().notNull(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
})
export type Region = typeof regions.$inferSelect
