import * as z from 'zod/mini'
import { wholeNumber, yuan } from '../shared/fields'
import { AVAILABLE_METHODS } from './methods'
import type { MarketRules } from './rules'

// Each period says its own limit when it is out of range.
const days = (max: 30 | 60) => wholeNumber(1, max, max === 30 ? 'errors.days30' : 'errors.days60')
const time = z.string({ error: 'errors.time' }).check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.time'))

/**
 * The market office's rules form, as it is sent (`min_<method>` per method, the limit in yuan):
 * parsed into the rules it sets. The methods not offered keep their stored minimum.
 */
export const rulesFormSchema = z.pipe(
  z.object({
    ...(Object.fromEntries(AVAILABLE_METHODS.map((m) => [`min_${m}`, days(30)])) as Record<`min_${(typeof AVAILABLE_METHODS)[number]}`, ReturnType<typeof days>>),
    threshold: yuan({ allowZero: true }),
    amendmentMinDays: days(30),
    standstillDays: days(30),
    confirmDays: days(30),
    acceptanceDays: days(60),
    evaluationDays: wholeNumber(30, 365, 'errors.evaluationDays'),
    minDrawBids: wholeNumber(1, 20, 'errors.count'),
    abnormallyLowPercent: wholeNumber(1, 90, 'errors.percent'),
    minPriceWeight: wholeNumber(0, 100, 'errors.percent'),
    explanationDays: days(30),
    auctionTurnSeconds: wholeNumber(30, 900, 'errors.turnSeconds'),
    auctionStartTime: time,
    deadlineTime: time,
  }),
  z.transform(({ threshold, ...v }): MarketRules => ({
    minAnnouncementDays: Object.fromEntries(AVAILABLE_METHODS.map((m) => [m, v[`min_${m}`]])) as Record<string, number>,
    directThresholdFen: threshold,
    amendmentMinDays: v.amendmentMinDays,
    standstillDays: v.standstillDays,
    confirmDays: v.confirmDays,
    acceptanceDays: v.acceptanceDays,
    evaluationDays: v.evaluationDays,
    minDrawBids: v.minDrawBids,
    abnormallyLowPercent: v.abnormallyLowPercent,
    minPriceWeight: v.minPriceWeight,
    explanationDays: v.explanationDays,
    auctionTurnSeconds: v.auctionTurnSeconds,
    auctionStartTime: v.auctionStartTime,
    deadlineTime: v.deadlineTime,
  })),
)
