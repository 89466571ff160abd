import { makeRecord } from '../draw'
import { drawCandidates, rankWithTies } from './tiebreak'
import type { SelectionMethodModule } from './types'

/** The bases the reference is multiplied by, in percent; the draw picks one (连云港 rules). */
export const OPTIMAL_BASES = [95, 96, 97, 98] as const

/**
 * 最优价中选: drop the highest and the lowest bid (with three or more) and average the rest;
 * multiply by a base drawn from 95–98%. The bid nearest that reference wins; a tie goes to the
 * lower price, then to a draw. Distances are compared exactly in integers:
 * |price·m·100 − Σ·base|, with m the bids averaged and Σ their sum.
 */
export const optimalPrice: SelectionMethodModule = {
  method: 'optimal_price',
  select({ candidates, draw }) {
    const prices = candidates.map((c) => c.priceFen).sort((a, b) => a - b)
    const averaged = prices.length >= 3 ? prices.slice(1, -1) : prices
    const m = averaged.length
    const sum = averaged.reduce((s, p) => s + p, 0)
    const baseDraw = makeRecord({ ...draw, purpose: 'optimal-base', candidates: drawCandidates(candidates), pickAmong: OPTIMAL_BASES.length, chooseWinner: false })
    const base = OPTIMAL_BASES[baseDraw.pick!.index]!
    const distance = (price: number) => Math.abs(price * m * 100 - sum * base)
    const { order, draws } = rankWithTies(candidates, (a, b) => distance(a.priceFen) - distance(b.priceFen) || a.priceFen - b.priceFen, draw)
    return {
      outcome: 'ranked',
      order: order.map((c) => c.bidId),
      abnormallyLow: [],
      draws: [baseDraw, ...draws],
      detail: { bids: candidates.length, averaged: m, meanFen: Math.round(sum / m), basePercent: base, referenceFen: Math.round((sum * base) / (m * 100)) },
    }
  },
}
