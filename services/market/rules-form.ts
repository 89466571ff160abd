import * as z from 'zod'
import { amountProblem, parseYuan } from '../shared/money'
import { AVAILABLE_METHODS } from './methods'
import type { MarketRules } from './rules'

// Each period says its own limit when it is out of range.
const days = (max: 30 | 60) => {
  const message = max === 30 ? 'errors.days30' : 'errors.days60'
  return z.coerce.number({ error: message }).int(message).min(1, message).max(max, message)
}
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.time')

/**
 * The market office's rules form, as it is sent (`min_<method>` per method, the limit in yuan):
 * parsed into the rules it sets. The methods not offered keep their stored minimum.
 */
export const rulesFormSchema = z
  .object({
    ...(Object.fromEntries(AVAILABLE_METHODS.map((m) => [`min_${m}`, days(30)])) as Record<`min_${(typeof AVAILABLE_METHODS)[number]}`, ReturnType<typeof days>>),
    threshold: z.string().transform((v, ctx) => {
      const problem = amountProblem(v, { allowZero: true })
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
      return parseYuan(v) ?? 0
    }),
    amendmentMinDays: days(30),
    standstillDays: days(30),
    confirmDays: days(30),
    acceptanceDays: days(60),
    minDrawBids: z.coerce.number({ error: 'errors.count' }).int('errors.count').min(1, 'errors.count').max(20, 'errors.count'),
    abnormallyLowPercent: z.coerce.number({ error: 'errors.percent' }).int('errors.percent').min(1, 'errors.percent').max(90, 'errors.percent'),
    explanationDays: days(30),
    auctionTurnSeconds: z.coerce.number({ error: 'errors.turnSeconds' }).int('errors.turnSeconds').min(30, 'errors.turnSeconds').max(900, 'errors.turnSeconds'),
    auctionStartTime: time,
    deadlineTime: time,
  })
  .transform(({ threshold, ...v }): MarketRules => ({
    minAnnouncementDays: Object.fromEntries(AVAILABLE_METHODS.map((m) => [m, v[`min_${m}`]])) as Record<string, number>,
    directThresholdFen: threshold,
    amendmentMinDays: v.amendmentMinDays,
    standstillDays: v.standstillDays,
    confirmDays: v.confirmDays,
    acceptanceDays: v.acceptanceDays,
    minDrawBids: v.minDrawBids,
    abnormallyLowPercent: v.abnormallyLowPercent,
    explanationDays: v.explanationDays,
    auctionTurnSeconds: v.auctionTurnSeconds,
    auctionStartTime: v.auctionStartTime,
    deadlineTime: v.deadlineTime,
  }))
