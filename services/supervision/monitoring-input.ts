import * as z from 'zod/mini'
import { optionalText, text, uuid, wholeNumber } from '../shared/fields'

/* The monitoring's forms (监督检查), pure so the browser checks them with the server's messages. */

export const MONITORING_REASONS = ['red_flag', 'complaint', 'media', 'spot_check', 'public'] as const
/** Working days the party has for a rectification report. */
export const RECTIFICATION_DAYS = 10

/** Opened on a procurement (answered by its owner or its winner) or an agency, for a reason. */
export const openMonitoringSchema = z.object({
  party: z.enum(['owner', 'winner', 'agency'], { error: 'errors.choose' }),
  reason: z.enum(MONITORING_REASONS, { error: 'errors.choose' }),
  note: text(10, 2000, 'mon.error.textShort'),
  sourceId: optionalText(40),
})
/** A question with its reply time in working days. */
export const monitoringQuestionSchema = z.object({ question: text(5, 2000, 'errors.questionShort'), days: wholeNumber(1, 30, 'errors.days30') })
export const monitoringAnswerSchema = z.object({ questionId: uuid('errors.notFound'), answer: text(2, 4000) })
/** The findings, and whether they ask for a rectification. */
export const concludeSchema = z.object({ findings: text(20, 5000, 'mon.error.textShort'), rectify: z.enum(['yes', 'no'], { error: 'errors.choose' }) })
export const rectificationSchema = z.object({ report: text(20, 5000, 'mon.error.textShort') })
export const acceptRectificationSchema = z.object({ note: text(4, 1000, 'errors.reasonShort') })
