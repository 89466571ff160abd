import type { SelectionMethod } from '../../../db/schema'
import type { DrawRecord } from '../draw'

/**
 * What every selection method sees: the eligible bids of one opened procurement and the inputs
 * of its draws. A method is pure: the same input gives the same order, draws and figures, so a
 * replay (or anyone holding the published records) arrives at the same result.
 */
export interface Candidate {
  bidId: string
  /** the draw key: the agency's USCC */
  key: string
  nonce: string
  priceFen: number
  committedDays: number
  submittedAt: Date
}

export interface DrawContext {
  procurementId: string
  /** revealed with the draw; committed at publication */
  secret: string
  committedAt: Date
  beacon?: string
}

export interface SelectionRules {
  /** when public funds pay, a random draw needs at least this many eligible bids */
  minDrawBids: number
  /** 异常低价: a bid more than this share (percent) below the mean of the others */
  abnormallyLowPercent: number
}

export interface MethodInput {
  candidates: readonly Candidate[]
  fundingSource: 'public' | 'private'
  rules: SelectionRules
  draw: DrawContext
  params: Record<string, unknown>
  /** the agencies' credit scores at the opening, by draw key, for the methods that weigh credit */
  credit?: ReadonlyMap<string, number>
}

export type MethodResult =
  | { outcome: 'failed'; reason: 'tooFewBids'; detail: Record<string, unknown> }
  | {
      outcome: 'ranked'
      /** bid ids, first offered first */
      order: string[]
      /** bid ids whose agencies must explain their price before an award */
      abnormallyLow: string[]
      draws: DrawRecord[]
      /** the owner chooses the winner among the ranked (the credit shortlist): nothing is offered until then */
      awaitChoice?: boolean
      /** the published figures of the method (mean, base, reference …) */
      detail: Record<string, unknown>
    }

export interface SelectionMethodModule {
  method: SelectionMethod
  select(input: MethodInput): MethodResult
}
