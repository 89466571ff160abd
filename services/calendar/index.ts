import { and, asc, between, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { calendarDays, type UserId } from '../../db/schema'
import { appendAudit, type AuditActor } from '../audit'
import type { Clock } from '../shared/clock'
import { shippedCalendar } from './official-data'
import { makeCalendar, type DayKind, type WorkCalendar } from './working-days'

export * from './working-days'
export { OFFICIAL_YEARS, PROVISIONAL_YEARS } from './official-data'

/** Puts the shipped calendar into the database; days already there (edited or not) are kept. */
export async function installShippedCalendar(db: Db): Promise<number> {
  const rows = shippedCalendar()
  const inserted = await db.insert(calendarDays).values(rows).onConflictDoNothing().returning({ day: calendarDays.day })
  return inserted.length
}

/** The whole calendar: a few hundred rows, read when a computation needs it. */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays)
  return makeCalendar(rows.map((r) => [r.day, r.kind] as const))
}

export async function listCalendarDays(db: Db, year: number) {
  return db
    .select()
    .from(calendarDays)
    .where(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`))
    .orderBy(asc(calendarDays.day))
}

export async function calendarYears(db: Db) {
  return db
    .select({
      year: sql<number>`extract(year from ${calendarDays.day})::int`.as('year'),
      provisional: sql<number>`count(*) filter (where ${calendarDays.source} = 'provisional')::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(calendarDays)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
}

export interface SetDayInput {
  day: string
  kind: DayKind | 'normal'
  nameZh: string
  nameEn: string
}

/**
 * The market office enters a day of the State Council's notice (or corrects one). 'normal' removes
 * the exception, so the day follows the plain week again. Audited in the same transaction.
 */
export async function setCalendarDay(db: Db, clock: Clock, actor: AuditActor & { userId: UserId }, input: SetDayInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.day, input.day))
    let after: unknown = null
    if (input.kind === 'normal') {
      await tx.delete(calendarDays).where(eq(calendarDays.day, input.day))
    } else {
      const row = { ...input, kind: input.kind, source: 'manual' as const, updatedAt: clock.now(), updatedBy: actor.userId }
      ;[after] = await tx
        .insert(calendarDays)
        .values(row)
        .onConflictDoUpdate({ target: calendarDays.day, set: row })
        .returning()
    }
    await appendAudit(tx, {
      actor,
      action: 'calendar.day.set',
      entityType: 'calendar_day',
      entityId: input.day,
      before: before ?? null,
      after,
      at: clock.now(),
    })
  })
}

/** Marks a provisional year's remaining computed days as confirmed by the notice. */
export async function confirmProvisionalYear(db: Db, clock: Clock, actor: AuditActor & { userId: UserId }, year: number) {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(calendarDays)
      .set({ source: 'official', updatedAt: clock.now(), updatedBy: actor.userId })
      .where(and(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`), eq(calendarDays.source, 'provisional')))
      .returning({ day: calendarDays.day })
    await appendAudit(tx, {
      actor,
      action: 'calendar.year.confirm',
      entityType: 'calendar_year',
      entityId: String(year),
      after: { days: changed.map((d) => d.day) },
      at: clock.now(),
    })
    return changed.length
  })
}
