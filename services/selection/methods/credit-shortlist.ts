import { makeRecord, type DrawRecord } from '../draw'
import { drawCandidates } from './tiebreak'
import type { Candidate, SelectionMethodModule } from './types'

/** 信用择优's two sizes as the announcement publishes them, and their bounds. */
export const SHORTLIST_BOUNDS = { longList: { min: 3, max: 30, byDefault: 10 }, shortList: { min: 2, max: 10, byDefault: 3 } } as const

/**
 * 信用择优, as in Guangdong's rules: the bidders with the N best credit scores at the opening form
 * the long list (大名单); a tie across the N-th place is settled by a draw (`longlist`). A draw
 * (`shortlist`) then orders the long list, and its first m form the short list (小名单), which is
 * the ranking. The owner picks the winner from it with a written reason (../choose.ts); the rest
 * stay candidates in the draw's order. Agencies under a yellow card were set aside before.
 */
export const creditShortlist: SelectionMethodModule = {
  method: 'credit_shortlist',
  select({ candidates, draw, params, credit }) {
    const longList = Number(params.longList ?? SHORTLIST_BOUNDS.longList.byDefault)
    const shortList = Number(params.shortList ?? SHORTLIST_BOUNDS.shortList.byDefault)
    if (!candidates.length) return { outcome: 'failed', reason: 'tooFewBids', detail: { bids: 0, minimum: 1 } }
    const scoreOf = (c: Candidate) => credit?.get(c.key) ?? 100
    // By score, then by key: the key only lists them steadily; who makes the cut is the scores' (and a draw's) doing.
    const sorted = [...candidates].sort((a, b) => scoreOf(b) - scoreOf(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const draws: DrawRecord[] = []
    let long = sorted
    if (sorted.length > longList) {
      const cut = scoreOf(sorted[longList - 1]!)
      const above = sorted.filter((c) => scoreOf(c) > cut)
      const tied = sorted.filter((c) => scoreOf(c) === cut)
      long = [...above, ...tied]
      if (long.length > longList) {
        const record = makeRecord({ ...draw, purpose: 'longlist', candidates: drawCandidates(tied), chooseWinner: false })
        draws.push(record)
        const byKey = new Map(tied.map((c) => [c.key, c]))
        long = [...above, ...record.order.slice(0, longList - above.length).map((k) => byKey.get(k)!)]
      }
    }
    const record = makeRecord({ ...draw, purpose: 'shortlist', candidates: drawCandidates(long), chooseWinner: false })
    draws.push(record)
    const byKey = new Map(long.map((c) => [c.key, c]))
    const short = record.order.slice(0, shortList).map((k) => byKey.get(k)!)
    return {
      outcome: 'ranked',
      order: short.map((c) => c.bidId),
      abnormallyLow: [],
      draws,
      awaitChoice: true,
      detail: {
        bids: candidates.length,
        longList,
        shortList,
        long: long.map((c) => ({ key: c.key, credit: scoreOf(c) })),
        short: short.map((c) => c.key),
      },
    }
  },
}
