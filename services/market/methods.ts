/** The selection methods an owner may choose. Pure: the web may import it. */
export const AVAILABLE_METHODS = ['direct', 'random_draw', 'lowest_price', 'optimal_price', 'reverse_auction', 'scoring', 'credit_shortlist'] as const

/**
 * 综合评分: the weights an announcement publishes (percent, summing to 100) when the owner gives
 * none, and the bounds every weight keeps; the office sets the smallest price weight.
 */
export const DEFAULT_WEIGHTS = { price: 60, credit: 30, days: 10 } as const
export type ScoringWeights = { price: number; credit: number; days: number }

/** 信用择优: the long list's and the short list's sizes when the owner gives none. */
export const SHORTLIST_DEFAULTS = { longList: 10, shortList: 3 } as const
export type AvailableMethod = (typeof AVAILABLE_METHODS)[number]
