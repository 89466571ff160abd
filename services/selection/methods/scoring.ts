import { DEFAULT_WEIGHTS, type ScoringWeights } from '../../market/methods'
import { abnormallyLow } from './lowest-price'
import { rankWithTies } from './tiebreak'
import type { Candidate, SelectionMethodModule } from './types'

/** One bid's line of the published score table, in hundredths of a point (100 points in all). */
export interface ScoreLine {
  key: string
  bidId: string
  priceFen: number
  committedDays: number
  /** the agency's credit score at the opening */
  credit: number
  price: number
  creditPoints: number
  days: number
  total: number
}

/**
 * The score of each bid, in whole hundredths so that anyone recomputes the same figures:
 * wp·(lowest price / price) + wc·(credit score / 100) + wd·(fewest days / days), each part
 * rounded to the hundredth of a point before they are added.
 */
export function scoreLines(candidates: readonly Candidate[], credit: ReadonlyMap<string, number>, w: ScoringWeights): ScoreLine[] {
  if (!candidates.length) return []
  const lowest = Math.min(...candidates.map((c) => c.priceFen))
  const fewest = Math.min(...candidates.map((c) => c.committedDays))
  return candidates.map((c) => {
    const score = credit.get(c.key) ?? 100
    const price = Math.round((w.price * lowest * 100) / c.priceFen)
    const creditPoints = w.credit * score
    const days = Math.round((w.days * fewest * 100) / c.committedDays)
    return { key: c.key, bidId: c.bidId, priceFen: c.priceFen, committedDays: c.committedDays, credit: score, price, creditPoints, days, total: price + creditPoints + days }
  })
}

/**
 * 综合评分: each bid scored on its price, its agency's credit and its committed days under the
 * weights the announcement published; the highest score wins, a tie goes to a draw. The score
 * table is published with the result. An abnormally low price is explained first, as with the
 * lowest price. Agencies under a yellow card were set aside before (the one standing rule).
 */
export const scoring: SelectionMethodModule = {
  method: 'scoring',
  select({ candidates, rules, draw, params, credit }) {
    const weights = (params.weights as ScoringWeights | undefined) ?? DEFAULT_WEIGHTS
    const lines = scoreLines(candidates, credit ?? new Map(), weights)
    const totals = new Map(lines.map((l) => [l.bidId, l.total]))
    const { order, draws } = rankWithTies(candidates, (a, b) => totals.get(b.bidId)! - totals.get(a.bidId)!, draw)
    const flagged = new Set(abnormallyLow(candidates, rules.abnormallyLowPercent))
    const byBid = new Map(lines.map((l) => [l.bidId, l]))
    return {
      outcome: 'ranked',
      order: order.map((c) => c.bidId),
      abnormallyLow: order.filter((c) => flagged.has(c.bidId)).map((c) => c.bidId),
      draws,
      detail: {
        bids: candidates.length,
        weights,
        lowestFen: lines.length ? Math.min(...lines.map((l) => l.priceFen)) : 0,
        fewestDays: lines.length ? Math.min(...lines.map((l) => l.committedDays)) : 0,
        table: order.map((c) => byBid.get(c.bidId)!),
      },
    }
  },
}
