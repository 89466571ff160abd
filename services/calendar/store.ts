import { and, asc, between, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { calendarDays, type UserId } from '../../db/schema'
import { appendAudit, type AuditActor } from '../audit'
import type { Clock } from '../shared/clock'
import { CALENDAR_YEARS, computedYear, shippedCalendar } from './official-data'
import { makeCalendar, type DayKind, type WorkCalendar } from './working-days'


/** Puts the shipped calendar into the database, for the years it holds nothing of yet: a year's days, once there, are the office's to edit (a day it removed does not come back). */
export async function installShippedCalendar(db: Db): Promise<number> {
  const held = new Set((await db.select({ year: sql<number>`distinct extract(year from ${calendarDays.day})::int` }).from(calendarDays)).map((r) => Number(r.year)))
  const rows = shippedCalendar().filter((d) => !held.has(Number(d.day.slice(0, 4))))
  if (!rows.length) return 0
  const inserted = await db.insert(calendarDays).values(rows).onConflictDoNothing().returning({ day: calendarDays.day })
  return inserted.length
}

/**
 * The whole calendar, read when a computation needs it: the days the database holds (a few
 * hundred rows), and each later year up to CALENDAR_YEARS.last that it holds nothing of, computed
 * from the statutory holidays. A year is official once it holds a day of the State Council's
 * notice (source 'official': shipped, or confirmed by the office); every other year is provisional.
 */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind, source: calendarDays.source }).from(calendarDays)
  const official = new Set<number>()
  const held = new Set<number>()
  for (const r of rows) {
    const year = Number(r.day.slice(0, 4))
    held.add(year)
    if (r.source === 'official') official.add(year)
  }
  const entries: Array<readonly [string, DayKind]> = rows.map((r) => [r.day, r.kind] as const)
  const provisional = [...held].filter((year) => !official.has(year))
  for (let year = Math.max(CALENDAR_YEARS.first - 1, ...held) + 1; year <= CALENDAR_YEARS.last; year++) {
    for (const d of computedYear(year)) entries.push([d.day, d.kind] as const)
    provisional.push(year)
  }
  return makeCalendar(entries, provisional)
}

/** A computed year becomes rows the first time the office edits or confirms it, so its edits (a day removed too) stay. */
async function materialize(tx: Db, year: number) {
  const [any] = await tx.select({ day: calendarDays.day }).from(calendarDays).where(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`)).limit(1)
  if (!any) await tx.insert(calendarDays).values(computedYear(year)).onConflictDoNothing()
}

/** A year's days as the calendar counts them: those the database holds, or, for a year it holds nothing of, the computed ones. */
export async function yearDays(db: Db, year: number) {
  const held = await listCalendarDays(db, year)
  return held.length ? held : computedYear(year).map((d) => ({ ...d, updatedAt: null, updatedBy: null }))
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

/**
 * The years to show: those the database holds, and this year and the next two whether held or
 * computed, each with its days held and whether it is provisional (so the office sees which
 * notice it still has to enter). Returns the calendar it judged by.
 */
export async function yearStatuses(db: Db, today: string, alsoYear?: number) {
  const [held, calendar] = [await calendarYears(db), await loadCalendar(db)]
  const thisYear = Number(today.slice(0, 4))
  const days = new Map(held.map((y) => [y.year, y.total]))
  const years = [...new Set([...days.keys(), thisYear, thisYear + 1, thisYear + 2, ...(alsoYear ? [alsoYear] : [])])].sort((a, b) => a - b)
  return { calendar, years: years.map((year) => ({ year, total: days.get(year) ?? 0, provisional: calendar.provisionalYears.has(year) })) }
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
    await materialize(tx, Number(input.day.slice(0, 4)))
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

/** The office has entered the year's notice: its days, computed or entered, become the official schedule. */
export async function confirmProvisionalYear(db: Db, clock: Clock, actor: AuditActor & { userId: UserId }, year: number) {
  return db.transaction(async (tx) => {
    await materialize(tx, year)
    const changed = await tx
      .update(calendarDays)
      .set({ source: 'official', updatedAt: clock.now(), updatedBy: actor.userId })
      .where(and(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`), ne(calendarDays.source, 'official')))
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
