import * as z from 'zod'
import { CALENDAR_YEARS } from '~/utils/services.server'
import { isoDay } from '../../../services/shared/schemas'

/** The calendar covers these years; outside them a date is refused, not counted for ever. */
const FIRST_YEAR = CALENDAR_YEARS.first
const LAST_YEAR = CALENDAR_YEARS.last
export const day = isoDay.refine((d) => Number(d.slice(0, 4)) >= FIRST_YEAR && Number(d.slice(0, 4)) <= LAST_YEAR, 'errors.dateOutOfRange')
export const yearSchema = z.coerce.number({ error: 'errors.number' }).int('errors.number').min(FIRST_YEAR, 'errors.number').max(LAST_YEAR, 'errors.number')
export const addSchema = z.object({ from: day, n: z.coerce.number({ error: 'errors.number' }).int('errors.number').min(0, 'errors.number').max(365, 'errors.number') })
export const betweenSchema = z.object({ start: day, end: day })
export const setDaySchema = z
  .object({
    day,
    kind: z.enum(['holiday', 'workday', 'normal'], { error: 'errors.choose' }),
    nameZh: z.string().trim().max(40, 'errors.tooLong').default(''),
    nameEn: z.string().trim().max(60, 'errors.tooLong').default(''),
  })
  // A holiday or make-up workday is named after its festival; "normal" only removes the exception.
  .refine((v) => v.kind === 'normal' || v.nameZh, { path: ['nameZh'], message: 'errors.required' })
export const confirmYearSchema = z.object({ year: yearSchema })
