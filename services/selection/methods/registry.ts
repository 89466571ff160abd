import type { SelectionMethod } from '../../../db/schema'
import { lowestPrice } from './lowest-price'
import type { AvailableMethod } from '../../market/methods'
import { optimalPrice } from './optimal-price'
import { randomDraw } from './random-draw'
import { scoring } from './scoring'
import { creditShortlist } from './credit-shortlist'
import type { SelectionMethodModule } from './types'

/** How a method reaches its winner. */
export type Decision =
  /** 直接委托: the named agency confirms its price and days, which is the award (procurement/direct.ts) */
  | { by: 'confirmation' }
  /** ranked at the opening by a pure module, in the opening's transaction (../select.ts) */
  | { by: 'opening'; module: SelectionMethodModule }
  /** 网上竞价: live rounds after the opening, ranked when the last turn ends (../auction) */
  | { by: 'auction' }

/**
 * Every selection method an owner may choose, and how each decides: the one place a method is
 * registered. A new one (scoring, the credit shortlist) is its name in ./names.ts and a line
 * here; the typecheck fails until both are there.
 */
export const METHODS: Record<AvailableMethod, Decision> = {
  direct: { by: 'confirmation' },
  random_draw: { by: 'opening', module: randomDraw },
  lowest_price: { by: 'opening', module: lowestPrice },
  optimal_price: { by: 'opening', module: optimalPrice },
  reverse_auction: { by: 'auction' },
  scoring: { by: 'opening', module: scoring },
  credit_shortlist: { by: 'opening', module: creditShortlist },
}

/** How `method` decides. A method not (or no longer) offered has no decision: a clear error, never a silent default. */
export function decisionOf(method: SelectionMethod): Decision {
  const decision = (METHODS as Partial<Record<SelectionMethod, Decision>>)[method]
  if (!decision) throw new Error(`selection method ${method} is not registered`)
  return decision
}

/** The methods that rank at the opening, each with its pure module. */
export const RANKERS: SelectionMethodModule[] = Object.values(METHODS).flatMap((d) => (d.by === 'opening' ? [d.module] : []))

/** The pure module of a method that ranks at the opening. */
export function rankerOf(method: SelectionMethod): SelectionMethodModule {
  const decision = decisionOf(method)
  if (decision.by !== 'opening') throw new Error(`selection method ${method} does not rank at the opening`)
  return decision.module
}
