import * as z from 'zod/mini'
import { day, optionalWholeNumber, wholeNumber } from '../shared/fields'

/**
 * The owner's contract form: its start, and its payment plan. A module of its own, so that only the
 * owner's page of a procurement ships it (and the words of its errors) to the browser.
 */
export const contractInputSchema = z.object({
  startDate: day,
  /** 付款计划: the share funded first (the rest by the due date), or empty for the whole amount at once */
  firstPercent: optionalWholeNumber(10, 90, 'fund.error.firstPercent'),
  /** working days from the start in which the (first) funding is due */
  fundDays: wholeNumber(1, 20, 'fund.error.fundDays'),
})
