import { rankWithTies } from './tiebreak'
import type { Candidate, SelectionMethodModule } from './types'

/**
 * Whether each bid is abnormally low (异常低价): more than `percent` below the mean of the other
 * bids. Integer arithmetic: price·(n−1)·100 < Σothers·(100 − percent). A lone bid has no others.
 */
export function abnormallyLow(candidates: readonly Pick<Candidate, 'bidId' | 'priceFen'>[], percent: number): string[] {
  const n = candidates.length
  if (n < 2) return []
  const total = candidates.reduce((s, c) => s + c.priceFen, 0)
  return candidates.filter((c) => c.priceFen * (n - 1) * 100 < (total - c.priceFen) * (100 - percent)).map((c) => c.bidId)
}

/** 最低价中选: sealed bids open at the deadline and the lowest price wins; a tie goes to a draw. */
export const lowestPrice: SelectionMethodModule = {
  method: 'lowest_price',
  select({ candidates, rules, draw }) {
    const { order, draws } = rankWithTies(candidates, (a, b) => a.priceFen - b.priceFen, draw)
    const flagged = new Set(abnormallyLow(candidates, rules.abnormallyLowPercent))
    const total = candidates.reduce((s, c) => s + c.priceFen, 0)
    return {
      outcome: 'ranked',
      order: order.map((c) => c.bidId),
      abnormallyLow: order.filter((c) => flagged.has(c.bidId)).map((c) => c.bidId),
      draws,
      detail: { bids: candidates.length, meanFen: Math.round(total / Math.max(1, candidates.length)), abnormallyLowPercent: rules.abnormallyLowPercent },
    }
  },
}
