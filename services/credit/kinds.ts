/**
 * Every kind of credit event, and whose credit it moves. The rules table gives each its points; a
 * kind is added here, in `CreditEvent` (events.ts) and in the default table together.
 */
export const AGENCY_EVENT_KINDS = [
  'award_declined',
  'award_not_confirmed',
  'explanation_missing',
  'service_overdue',
  'delivered_on_time',
  'evaluation_excellent',
  'evaluation_poor',
  'yellow_card',
  'blacklisted',
  'spot_check_passed',
  'spot_check_failed',
] as const
export const OWNER_EVENT_KINDS = ['acceptance_overdue', 'funding_overdue', 'owner_rated_well', 'owner_rated_poorly'] as const
export const CREDIT_EVENT_KINDS = [...AGENCY_EVENT_KINDS, ...OWNER_EVENT_KINDS] as const
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number]

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const
export type CreditGrade = (typeof CREDIT_GRADES)[number]

/**
 * An evaluation moves credit only when it stands out: an average of the points given of at least
 * 4.5 of 5 is excellent, below 3 is poor; in between it is recorded and shown, and scores nothing.
 */
export const EXCELLENT_AVERAGE = 4.5
export const POOR_AVERAGE = 3

export function evaluationVerdict(points: readonly number[]): { verdict: 'excellent' | 'poor' | null; average: number } {
  const average = Math.round((points.reduce((a, b) => a + b, 0) / points.length) * 100) / 100
  return { verdict: average >= EXCELLENT_AVERAGE ? 'excellent' : average < POOR_AVERAGE ? 'poor' : null, average }
}

/**
 * 信用修复: how long a mark must have stood before its agency may ask to repair it (days since a
 * yellow card or a blacklisting started, or since a negative event): three months for a warning or
 * an event, six for a blacklisting, as Guangxi's credit repair rules grade them.
 */
export const REPAIR_MIN_DAYS = { yellow_card: 90, blacklist: 180, event: 90 } as const
