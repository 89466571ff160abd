/** The selection methods an owner may choose today; scoring and the credit shortlist need the credit system. Pure: the web may import it. */
export const AVAILABLE_METHODS = ['direct', 'random_draw', 'lowest_price', 'optimal_price', 'reverse_auction'] as const
export type AvailableMethod = (typeof AVAILABLE_METHODS)[number]
