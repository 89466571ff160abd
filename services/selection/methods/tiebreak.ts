import { makeRecord, type DrawRecord } from '../draw'
import type { Candidate, DrawContext } from './types'

/**
 * Orders candidates by a method's comparison; each group the comparison cannot separate is
 * ordered by a draw of its own (`tiebreak-1`, `tiebreak-2` … in the order the groups rank), so a
 * tie is decided by the draw and by nothing else.
 */
export function rankWithTies(candidates: readonly Candidate[], compare: (a: Candidate, b: Candidate) => number, draw: DrawContext): { order: Candidate[]; draws: DrawRecord[] } {
  const sorted = [...candidates].sort(compare)
  const order: Candidate[] = []
  const draws: DrawRecord[] = []
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1
    while (j < sorted.length && compare(sorted[i]!, sorted[j]!) === 0) j++
    const group = sorted.slice(i, j)
    if (group.length === 1) order.push(group[0]!)
    else {
      const record = makeRecord({ ...draw, purpose: `tiebreak-${draws.length + 1}`, candidates: drawCandidates(group) })
      draws.push(record)
      const byKey = new Map(group.map((c) => [c.key, c]))
      order.push(...record.order.map((k) => byKey.get(k)!))
    }
    i = j
  }
  return { order, draws }
}

/** The candidates as a draw sees them: key and nonce, listed by key so the record does not depend on the order bids arrived in. */
export const drawCandidates = (candidates: readonly Candidate[]) =>
  candidates.map((c) => ({ key: c.key, nonce: c.nonce })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
