import * as z from 'zod/mini'
import { day as calendarDay, optionalText, wholeNumber } from '../shared/fields'
import { CALENDAR_YEARS } from './years'

/*
 * The calendar's forms: the public counters (add working days, count them between two days) and
 * the office's editor. Pure, so the browser checks them with the server's messages.
 */

/** A day the calendar covers; outside its years a date is refused, not counted for ever. */
export const day = calendarDay.check(z.refine((d) => Number(d.slice(0, 4)) >= CALENDAR_YEARS.first && Number(d.slice(0, 4)) <= CALENDAR_YEARS.last, 'errors.dateOutOfRange'))
export const yearSchema = wholeNumber(CALENDAR_YEARS.first, CALENDAR_YEARS.last, 'errors.number')
export const addSchema = z.object({ from: day, n: wholeNumber(0, 365, 'errors.number') })
export const betweenSchema = z.object({ start: day, end: day })
export const setDaySchema = z
  .object({
    day,
    kind: z.enum(['holiday', 'workday', 'normal'], { error: 'errors.choose' }),
    nameZh: optionalText(40),
    nameEn: optionalText(60),
  })
  // A holiday or make-up workday is named after its festival; "normal" only removes the exception.
  .check(z.refine((v) => v.kind === 'normal' || !!v.nameZh, { path: ['nameZh'], message: 'errors.required' }))
export const confirmYearSchema = z.object({ year: yearSchema })
