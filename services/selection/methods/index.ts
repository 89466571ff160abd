export * from './registry'
export type { Candidate, MethodInput, MethodResult, SelectionMethodModule, SelectionRules } from './types'
export { abnormallyLow } from './lowest-price'
export { OPTIMAL_BASES } from './optimal-price'
