import { makeRecord } from '../draw'
import { drawCandidates } from './tiebreak'
import type { SelectionMethodModule } from './types'

/**
 * 随机抽取: one draw over all eligible bids; its order is the offer order. When public funds pay,
 * fewer than the office's minimum (default 3) fail the procurement (流标): a draw among one or two
 * is no competition.
 */
export const randomDraw: SelectionMethodModule = {
  method: 'random_draw',
  select({ candidates, fundingSource, rules, draw }) {
    if (fundingSource === 'public' && candidates.length < rules.minDrawBids) return { outcome: 'failed', reason: 'tooFewBids', detail: { bids: candidates.length, minimum: rules.minDrawBids } }
    const record = makeRecord({ ...draw, purpose: 'award', candidates: drawCandidates(candidates) })
    const byKey = new Map(candidates.map((c) => [c.key, c.bidId]))
    return { outcome: 'ranked', order: record.order.map((k) => byKey.get(k)!), abnormallyLow: [], draws: [record], detail: { bids: candidates.length } }
  },
}
