import type { ErrorCode } from '../../shared/error-codes'

/**
 * 网上竞价, ProZorro's format, as a pure function of the auction's terms, its event log and the
 * clock. Nothing is stored about "the current turn": it is computed, so correctness never
 * depends on a timer firing, and the log replays to the same prices and ranking.
 *
 * - Turns are fixed slots of `turnSeconds` from `startsAt`: round r, turn t is slot r·N + t.
 * - In each round bidders take turns from the highest current price to the lowest; on equal
 *   prices the later initial bid goes first.
 * - In its turn a bidder lowers its price by at least the minimum step, or keeps it (silence keeps).
 */
export interface AuctionTerms {
  startsAt: Date
  turnSeconds: number
  rounds: number
  minStepFen: number
  floorFen: number | null
  bidders: ReadonlyArray<{ bidId: string; label: number; initialFen: number; submittedAt: string }>
}

export interface AuctionMove {
  round: number
  turn: number
  bidId: string
  priceFen: number
}

export type AuctionPhase = 'scheduled' | 'running' | 'finished'

export interface AuctionState {
  phase: AuctionPhase
  /** 0-based; during `running` the current round and turn */
  round: number
  turn: number
  /** the bid whose turn it is (running only) */
  currentBidId: string | null
  turnEndsAt: Date | null
  endsAt: Date
  /** current prices by bid id */
  prices: Map<string, number>
  /** the turn order of the current (or, when finished, the last) round */
  order: string[]
}

export const endOf = (terms: Pick<AuctionTerms, 'startsAt' | 'turnSeconds' | 'rounds' | 'bidders'>) =>
  new Date(terms.startsAt.getTime() + terms.rounds * terms.bidders.length * terms.turnSeconds * 1000)

/** The order of a round: highest price first; on a tie, the later initial bid first; then by label. */
export function turnOrder(terms: Pick<AuctionTerms, 'bidders'>, prices: ReadonlyMap<string, number>): string[] {
  return [...terms.bidders]
    .sort((a, b) => prices.get(b.bidId)! - prices.get(a.bidId)! || (a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0) || a.label - b.label)
    .map((b) => b.bidId)
}

/** Replays the moves made before the given slot (all of them by default) onto the initial prices. */
export function replay(terms: AuctionTerms, moves: readonly AuctionMove[], beforeSlot = Infinity) {
  const n = terms.bidders.length
  const prices = new Map(terms.bidders.map((b) => [b.bidId, b.initialFen]))
  const bySlot = new Map(moves.map((m) => [m.round * n + m.turn, m]))
  let order = turnOrder(terms, prices)
  for (let slot = 0; slot < Math.min(beforeSlot, terms.rounds * n); slot++) {
    if (slot % n === 0) order = turnOrder(terms, prices)
    const move = bySlot.get(slot)
    // A move counts only if it was made by the bidder whose turn that slot was.
    if (move && move.bidId === order[slot % n]) prices.set(move.bidId, move.priceFen)
  }
  if (beforeSlot < terms.rounds * n && beforeSlot % n === 0) order = turnOrder(terms, prices)
  return { prices, order }
}

export function auctionState(terms: AuctionTerms, moves: readonly AuctionMove[], now: Date): AuctionState {
  const n = terms.bidders.length
  const endsAt = endOf(terms)
  const elapsed = now.getTime() - terms.startsAt.getTime()
  if (elapsed < 0 || n === 0) {
    const { prices, order } = replay(terms, [], 0)
    return { phase: elapsed < 0 ? 'scheduled' : 'finished', round: 0, turn: 0, currentBidId: null, turnEndsAt: null, endsAt, prices, order }
  }
  const slot = Math.floor(elapsed / (terms.turnSeconds * 1000))
  if (slot >= terms.rounds * n) {
    const { prices, order } = replay(terms, moves)
    return { phase: 'finished', round: terms.rounds - 1, turn: n - 1, currentBidId: null, turnEndsAt: null, endsAt, prices, order }
  }
  const { prices, order } = replay(terms, moves, slot)
  const turn = slot % n
  return {
    phase: 'running',
    round: Math.floor(slot / n),
    turn,
    currentBidId: order[turn]!,
    turnEndsAt: new Date(terms.startsAt.getTime() + (slot + 1) * terms.turnSeconds * 1000),
    endsAt,
    prices,
    order,
  }
}

/** Why a move may not be made now, or null when it may: the turn, the step and the bounds. */
export function moveProblem(terms: AuctionTerms, state: AuctionState, bidId: string, priceFen: number): ErrorCode | null {
  if (state.phase === 'scheduled') return 'errors.auctionNotStarted'
  if (state.phase === 'finished') return 'errors.auctionClosed'
  if (state.currentBidId !== bidId) return 'errors.notYourTurn'
  const current = state.prices.get(bidId)!
  if (!Number.isSafeInteger(priceFen) || priceFen <= 0) return 'errors.amount'
  if (priceFen > current - terms.minStepFen) return 'errors.stepTooSmall'
  if (terms.floorFen !== null && priceFen < terms.floorFen) return 'errors.belowFloor'
  return null
}
