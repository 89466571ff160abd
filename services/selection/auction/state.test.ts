import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { auctionState, moveProblem, replay, turnOrder, type AuctionMove, type AuctionTerms } from './state'

const START = new Date('2026-11-27T02:00:00Z')
const termsArb = fc
  .array(fc.record({ price: fc.integer({ min: 100, max: 200 }), at: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 1, maxLength: 6 })
  .map(
    (rows): AuctionTerms => ({
      startsAt: START,
      turnSeconds: 120,
      rounds: 3,
      minStepFen: 100,
      floorFen: null,
      bidders: rows.map((r, i) => ({ bidId: `b${i}`, label: i + 1, initialFen: r.price * 1000, submittedAt: new Date(Date.UTC(2026, 10, 20) + r.at * 1000).toISOString() })),
    }),
  )
const at = (terms: AuctionTerms, slot: number, into = 1000) => new Date(terms.startsAt.getTime() + slot * terms.turnSeconds * 1000 + into)

/** Plays an auction the way the service does: each slot, the bidder whose turn it is may cut (choices say how much, 0 keeps). */
function play(terms: AuctionTerms, choices: number[]) {
  const moves: AuctionMove[] = []
  const n = terms.bidders.length
  for (let slot = 0; slot < terms.rounds * n; slot++) {
    const state = auctionState(terms, moves, at(terms, slot))
    const cut = choices[slot % choices.length]!
    if (!cut) continue
    const price = state.prices.get(state.currentBidId!)! - cut * terms.minStepFen
    if (price <= 0 || moveProblem(terms, state, state.currentBidId!, price)) continue
    moves.push({ round: state.round, turn: state.turn, bidId: state.currentBidId!, priceFen: price })
  }
  return moves
}

describe('the live auction’s state', () => {
  it('is derived from the clock: scheduled, then N turns a round for three rounds, then finished', () => {
    fc.assert(
      fc.property(termsArb, (terms) => {
        const n = terms.bidders.length
        expect(auctionState(terms, [], new Date(START.getTime() - 1)).phase).toBe('scheduled')
        for (let slot = 0; slot < 3 * n; slot++) {
          const s = auctionState(terms, [], at(terms, slot))
          expect([s.phase, s.round, s.turn]).toEqual(['running', Math.floor(slot / n), slot % n])
          expect(s.turnEndsAt!.getTime()).toBe(at(terms, slot + 1, 0).getTime())
        }
        expect(auctionState(terms, [], at(terms, 3 * n, 0)).phase).toBe('finished')
      }),
    )
  })

  it('gives each round’s turns from the highest price to the lowest, a later initial bid first on a tie', () => {
    fc.assert(
      fc.property(termsArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }), (terms, choices) => {
        const moves = play(terms, choices)
        const n = terms.bidders.length
        for (let round = 0; round < 3; round++) {
          const { prices, order } = replay(terms, moves, round * n)
          for (let i = 1; i < order.length; i++) {
            const [a, b] = [terms.bidders.find((x) => x.bidId === order[i - 1])!, terms.bidders.find((x) => x.bidId === order[i])!]
            expect(prices.get(a.bidId)! > prices.get(b.bidId)! || (prices.get(a.bidId) === prices.get(b.bidId) && a.submittedAt >= b.submittedAt)).toBe(true)
          }
          expect(order).toEqual(turnOrder(terms, prices))
        }
      }),
    )
  })

  it('replays its log to the same final prices, whatever moves out of turn were slipped in', () => {
    fc.assert(
      fc.property(termsArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }), (terms, choices) => {
        const moves = play(terms, choices)
        const live = auctionState(terms, moves, at(terms, 3 * terms.bidders.length))
        expect(replay(terms, moves).prices).toEqual(live.prices)
        // A forged move by someone whose turn it was not changes nothing. The first turn is the first
        // round's first bidder (the initial prices' order), not the last round's.
        const firstTurn = replay(terms, [], 0).order[0]
        const forged = { round: 0, turn: 0, bidId: terms.bidders.find((b) => b.bidId !== firstTurn)?.bidId ?? 'nobody', priceFen: 1 }
        if (!moves.some((m) => m.round === 0 && m.turn === 0) && terms.bidders.length > 1) expect(replay(terms, [forged, ...moves]).prices).toEqual(live.prices)
        // Prices only ever fall, by at least the step.
        for (const b of terms.bidders) expect(live.prices.get(b.bidId)!).toBeLessThanOrEqual(b.initialFen)
      }),
    )
  })

  it('refuses a move out of turn, a step below the minimum, a price under the floor, before and after', () => {
    const terms: AuctionTerms = { startsAt: START, turnSeconds: 120, rounds: 3, minStepFen: 500, floorFen: 40_000, bidders: [{ bidId: 'a', label: 1, initialFen: 50_000, submittedAt: '2026-11-20T01:00:00Z' }, { bidId: 'b', label: 2, initialFen: 48_000, submittedAt: '2026-11-20T02:00:00Z' }] }
    const state = auctionState(terms, [], at(terms, 0))
    expect(moveProblem(terms, auctionState(terms, [], new Date(START.getTime() - 1)), 'a', 49_000)).toBe('errors.auctionNotStarted')
    expect(moveProblem(terms, state, 'b', 47_000)).toBe('errors.notYourTurn')
    expect(moveProblem(terms, state, 'a', 49_600)).toBe('errors.stepTooSmall')
    expect(moveProblem(terms, state, 'a', 39_999)).toBe('errors.belowFloor')
    expect(moveProblem(terms, state, 'a', 49_500)).toBeNull()
    expect(moveProblem(terms, auctionState(terms, [], at(terms, 6)), 'a', 45_000)).toBe('errors.auctionClosed')
  })
})
