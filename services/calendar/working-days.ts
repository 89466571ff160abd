/**
 * Working days on the Chinese calendar. A day is a working day when it is Monday–Friday and not a
 * public holiday, or when it is a make-up workday (调休) on a weekend. Dates are 'YYYY-MM-DD' in
 * Asia/Shanghai; these functions are pure and take the calendar's exceptions as data.
 */
export type DayKind = 'holiday' | 'workday'

export interface WorkCalendar {
  /** Exceptions to the Monday–Friday week (holidays may also list weekend days of a holiday block). */
  exceptions: ReadonlyMap<string, DayKind>
  /** Years whose days are computed from the statutory holidays, not yet the State Council's notice. */
  provisionalYears: ReadonlySet<number>
}

const DAY_MS = 86_400_000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function makeCalendar(entries: Iterable<readonly [string, DayKind]>, provisionalYears: Iterable<number> = []): WorkCalendar {
  return { exceptions: new Map(entries), provisionalYears: new Set(provisionalYears) }
}

/**
 * Whether a count of working days from `from` to `to` crossed a provisional year: then the date
 * it gave may still move when the notice comes, and wherever it is shown it says so.
 */
export function spansProvisional(calendar: WorkCalendar, from: string, to: string): boolean {
  const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))].sort((x, y) => x - y)
  for (let year = a!; year <= b!; year++) if (calendar.provisionalYears.has(year)) return true
  return false
}

function toUtcMs(day: string): number {
  if (!ISO_DATE.test(day)) throw new RangeError(`not a date: ${day}`)
  const ms = Date.parse(`${day}T00:00:00Z`)
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`not a date: ${day}`)
  return ms
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function shiftDays(day: string, n: number): string {
  return fromUtcMs(toUtcMs(day) + n * DAY_MS)
}

export function weekday(day: string): number {
  return new Date(toUtcMs(day)).getUTCDay()
}

export function isWorkingDay(calendar: WorkCalendar, day: string): boolean {
  const exception = calendar.exceptions.get(day)
  if (exception) return exception === 'workday'
  const wd = weekday(day)
  return wd >= 1 && wd <= 5
}

/**
 * The day `n` working days after `from`: n = 1 is the next working day after `from`, whatever
 * `from` is. n = 0 is `from` itself when it is a working day, else the next working day.
 */
export function addWorkingDays(calendar: WorkCalendar, from: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`)
  let day = from
  if (n === 0) {
    while (!isWorkingDay(calendar, day)) day = shiftDays(day, 1)
    return day
  }
  let left = n
  while (left > 0) {
    day = shiftDays(day, 1)
    if (isWorkingDay(calendar, day)) left--
  }
  return day
}

/**
 * Working days in the half-open range (from, to]: how many working days pass from the end of
 * `from` to the end of `to`. Negative when `to` is before `from`.
 */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  const a = toUtcMs(from)
  const b = toUtcMs(to)
  if (b < a) return 0 - workingDaysBetween(calendar, to, from) || 0
  let count = 0
  for (let ms = a + DAY_MS; ms <= b; ms += DAY_MS) if (isWorkingDay(calendar, fromUtcMs(ms))) count++
  return count
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar date in Asia/Shanghai of an instant. */
export function shanghaiDate(instant: Date): string {
  return SHANGHAI.format(instant)
}

/** The instant a Shanghai wall-clock time happens (China has had no DST since 1991: UTC+8). */
export function shanghaiInstant(day: string, time = '00:00'): Date {
  toUtcMs(day)
  return new Date(`${day}T${time}:00+08:00`)
}
