import * as z from 'zod/mini'
import { day, optionalWholeNumber, text, wholeNumber } from '../shared/fields'

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
  /** 合同解除: the share of what escrow holds that goes back to the owner if the contract ends early (empty: all of it) */
  refundPercent: optionalWholeNumber(0, 100, 'fund.error.refundPercent'),
})

/** The owner ends the contract early, saying why (the agency and the office read it). */
export const terminationSchema = z.object({ reason: text(4, 1000, 'errors.reasonRequired') })
