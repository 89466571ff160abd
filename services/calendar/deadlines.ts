import type { Db } from '../../db/client'
import { loadCalendar } from './store'
import { addWorkingDays,isWorkingDay,shanghaiDate,shanghaiInstant,type WorkCalendar } from './working-days'

/**
 * Every deadline and due date of the marketplace, each counted in working days on the Chinese
 * calendar (holidays and make-up workdays included) and ending at a Shanghai wall-clock time the
 * market rules set. The rest of the code asks these; none counts days itself.
 */

/** The market rules' times of day these need ('HH:MM', Shanghai). */
export interface DeadlineTimes {
  /** when a deadline counted in working days falls due, e.g. '17:30' */
  deadlineTime: string
  /** when a reverse auction starts, on the working day after its opening */
  auctionStartTime: string
}

/**
 * `workingDays` working days after `start`'s Shanghai day, at the deadline time: the bid deadline
 * (announcement days), an amendment's minimum, the standstill, the winner's confirmation, an
 * explanation of an abnormally low price, the owner's acceptance.
 */
export async function deadlineFrom(db: Db, rules: Pick<DeadlineTimes, 'deadlineTime'>, start: Date, workingDays: number): Promise<Date> {
  const calendar = await loadCalendar(db)
  return shanghaiInstant(addWorkingDays(calendar, shanghaiDate(start), workingDays), rules.deadlineTime)
}

/** A reverse auction opened at `openedAt` starts on the next working day, at the auction start time. */
export async function auctionStartAfter(db: Db, rules: Pick<DeadlineTimes, 'auctionStartTime'>, openedAt: Date): Promise<Date> {
  const calendar = await loadCalendar(db)
  return shanghaiInstant(addWorkingDays(calendar, shanghaiDate(openedAt), 1), rules.auctionStartTime)
}

/**
 * The contract's due date: the last of the agency's committed working days. Day 1 is the start
 * date when it is a working day, else the next working day.
 */
export function contractDueDate(calendar: WorkCalendar, startDate: string, committedDays: number): string {
  return addWorkingDays(calendar, startDate, committedDays - (isWorkingDay(calendar, startDate) ? 1 : 0))
}
