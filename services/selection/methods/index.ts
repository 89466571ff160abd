import type { SelectionMethod } from '../../../db/schema'
import { lowestPrice } from './lowest-price'
import { optimalPrice } from './optimal-price'
import { randomDraw } from './random-draw'
import type { SelectionMethodModule } from './types'

/**
 * The methods that select at opening, by name. A new method (scoring, the credit shortlist) is a
 * module beside these and a line here; the database layer (../select.ts) does not change.
 * Direct commission is decided by its agency's confirmation, the reverse auction by its rounds.
 */
export const METHODS: Partial<Record<SelectionMethod, SelectionMethodModule>> = {
  random_draw: randomDraw,
  lowest_price: lowestPrice,
  optimal_price: optimalPrice,
}

export type { Candidate, MethodInput, MethodResult, SelectionMethodModule, SelectionRules } from './types'
export { abnormallyLow } from './lowest-price'
export { OPTIMAL_BASES } from './optimal-price'
