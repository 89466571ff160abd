import type { ProcurementStatus, SelectionMethod } from '../../db/schema'

/* The red-flag rules as published (pure, for the pages too): services/supervision/red-flags.ts runs them. */

export const RED_FLAG_RULES = ['single_bid', 'deep_discount', 'winner_gap', 'identical_prices', 'concentration', 'same_bidders', 'shared_origin', 'late_owner', 'many_amendments', 'short_announcement'] as const
export type RedFlagRule = (typeof RED_FLAG_RULES)[number]

const COMPETITIVE: readonly SelectionMethod[] = ['random_draw', 'lowest_price', 'optimal_price', 'reverse_auction', 'scoring', 'credit_shortlist']
const PRICED: readonly SelectionMethod[] = ['lowest_price', 'optimal_price', 'reverse_auction', 'scoring']
const ALL: readonly SelectionMethod[] = ['direct', ...COMPETITIVE]
const OPENED: readonly ProcurementStatus[] = ['selecting', 'awarded', 'contracted', 'in_service', 'delivered', 'accepted', 'evaluated', 'failed', 'cancelled', 'terminated']
const AWARDED: readonly ProcurementStatus[] = ['awarded', 'contracted', 'in_service', 'delivered', 'accepted', 'evaluated']
const PUBLISHED: readonly ProcurementStatus[] = ['published', 'closed', ...OPENED]

export interface RuleMeta {
  methods: readonly SelectionMethod[]
  states: readonly ProcurementStatus[]
  /** the threshold: its unit, bounds and default; `perMethod` when the office may set it method by method */
  threshold: { unit: 'bids' | 'percent' | 'times' | 'days' | 'amendments' | 'workingDays'; min: number; max: number; byDefault: number; perMethod: boolean } | null
  /** the first day (Shanghai) of publication it counts from */
  startsOn: string
}

export const RULE_META: Record<RedFlagRule, RuleMeta> = {
  single_bid: { methods: COMPETITIVE, states: OPENED, threshold: { unit: 'bids', min: 1, max: 2, byDefault: 1, perMethod: true }, startsOn: '2026-01-01' },
  deep_discount: { methods: ALL, states: AWARDED, threshold: { unit: 'percent', min: 5, max: 80, byDefault: 30, perMethod: true }, startsOn: '2026-01-01' },
  winner_gap: { methods: PRICED, states: AWARDED, threshold: { unit: 'percent', min: 5, max: 80, byDefault: 20, perMethod: true }, startsOn: '2026-01-01' },
  identical_prices: { methods: COMPETITIVE, states: OPENED, threshold: { unit: 'bids', min: 2, max: 5, byDefault: 2, perMethod: true }, startsOn: '2026-01-01' },
  concentration: { methods: ALL, states: AWARDED, threshold: { unit: 'percent', min: 30, max: 100, byDefault: 50, perMethod: false }, startsOn: '2026-01-01' },
  same_bidders: { methods: COMPETITIVE, states: OPENED, threshold: { unit: 'times', min: 2, max: 10, byDefault: 3, perMethod: false }, startsOn: '2026-01-01' },
  shared_origin: { methods: COMPETITIVE, states: OPENED, threshold: null, startsOn: '2026-12-01' },
  late_owner: { methods: ALL, states: ['delivered', 'accepted', 'evaluated', 'in_service'], threshold: { unit: 'days', min: 0, max: 30, byDefault: 0, perMethod: false }, startsOn: '2026-01-01' },
  many_amendments: { methods: ALL, states: PUBLISHED, threshold: { unit: 'amendments', min: 1, max: 10, byDefault: 2, perMethod: true }, startsOn: '2026-01-01' },
  // By default, an announcement no longer than the method's minimum (the market rules') is flagged.
  short_announcement: { methods: ALL, states: PUBLISHED, threshold: { unit: 'workingDays', min: 1, max: 30, byDefault: 0, perMethod: true }, startsOn: '2026-01-01' },
}

