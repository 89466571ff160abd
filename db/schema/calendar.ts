import { date, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { UserId } from './ids'

export const calendarDayKind = pgEnum('calendar_day_kind', ['holiday', 'workday'])
export const calendarDaySource = pgEnum('calendar_day_source', ['official', 'provisional', 'manual'])

/**
 * Exceptions to the Monday–Friday week: public holidays (also those on weekdays) and
 * make-up workdays (调休) on weekends. Days not listed follow the plain week.
 */
export const calendarDays = pgTable('calendar_days', {
  day: date({ mode: 'string' }).primaryKey(),
  kind: calendarDayKind().notNull(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  /** official: the State Council's notice; provisional: statutory days computed ahead of it; manual: entered by the market office */
  source: calendarDaySource().notNull(),
  updatedAt: tstz().notNull().defaultNow(),
  updatedBy: uuid().$type<UserId>(),
})
export type CalendarDay = typeof calendarDays.$inferSelect
