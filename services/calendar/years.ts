/**
 * The years the calendar counts in. A year after those in the database that has no row at all
 * is computed on the fly (`provisionalYear`) and marked provisional: a deadline is never counted
 * on a plain Monday–Friday week for want of data.
 */
export const CALENDAR_YEARS = { first: 2000, last: 2099 } as const
