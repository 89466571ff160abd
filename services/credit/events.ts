import { and, eq, isNull, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { creditEvents, type OrgId, type ProcurementId, type UserId } from '../../db/schema'
import { refreshScores } from './scores'

/**
 * 信用事件: what an organization did that its credit is judged on, each with what it is about.
 * Written once per occasion (the dedupe key), in the transaction of the step that caused it, and
 * the organization's score is recomputed in that same transaction.
 */
export type CreditEvent =
  /** the winning agency declined the award */
  | { kind: 'award_declined'; orgId: OrgId; procurementId: ProcurementId; detail: { rank: number; reason: string | null } }
  /** the winning agency let the confirmation period lapse */
  | { kind: 'award_not_confirmed'; orgId: OrgId; procurementId: ProcurementId; detail: { rank: number; reason: string | null } }
  /** the candidate asked to explain an abnormally low price did not, in time */
  | { kind: 'explanation_missing'; orgId: OrgId; procurementId: ProcurementId; detail: { rank: number } }
  /** the agency delivered past the contract's due date */
  | { kind: 'service_overdue'; orgId: OrgId; procurementId: ProcurementId; detail: { dueDate: string } }
  /** the owner accepted a service delivered by its due date */
  | { kind: 'delivered_on_time'; orgId: OrgId; procurementId: ProcurementId; detail: { dueDate: string; deliveredOn: string } }
  /** the owner's evaluation averaged at least 4.5, or below 3 */
  | { kind: 'evaluation_excellent' | 'evaluation_poor'; orgId: OrgId; procurementId: ProcurementId; detail: { average: number } }
  /** the owner left a delivery undecided past its acceptance period */
  | { kind: 'acceptance_overdue'; orgId: OrgId; procurementId: ProcurementId; detail: { deliveryId: string; decideBy: string } }
  /** the owner left a milestone of the payment plan unfunded past its day */
  | { kind: 'funding_overdue'; orgId: OrgId; procurementId: ProcurementId; detail: { milestone: number; fundBy: string } }
  /** the agency's rating of the owner averaged at least 4.5, or below 3 */
  | { kind: 'owner_rated_well' | 'owner_rated_poorly'; orgId: OrgId; procurementId: ProcurementId; detail: { average: number } }
  /** a supervisor's yellow card, or a blacklisting approved, on the day it was decided */
  | { kind: 'yellow_card' | 'blacklisted'; orgId: OrgId; procurementId?: undefined; detail: { sanctionId: string; decisionNo: string } }
  /** an authority's spot check scored the deliverables: 60 or more passes */
  | { kind: 'spot_check_passed' | 'spot_check_failed'; orgId: OrgId; procurementId: ProcurementId; detail: { spotCheckId: string; score: number } }

/** One occasion, one event: a step retried (or raced) writes nothing more. */
function dedupeKeyOf(event: CreditEvent): string {
  switch (event.kind) {
    case 'award_declined':
    case 'award_not_confirmed':
    case 'explanation_missing':
      return `${event.kind}:${event.procurementId}:${event.orgId}`
    case 'service_overdue':
    case 'delivered_on_time':
      return `${event.kind}:${event.procurementId}`
    case 'evaluation_excellent':
    case 'evaluation_poor':
      return `evaluation:${event.procurementId}`
    case 'owner_rated_well':
    case 'owner_rated_poorly':
      return `owner_rating:${event.procurementId}`
    case 'acceptance_overdue':
      return `${event.kind}:${event.detail.deliveryId}`
    case 'funding_overdue':
      return `${event.kind}:${event.procurementId}:${event.detail.milestone}`
    case 'yellow_card':
    case 'blacklisted':
      return `sanction:${event.detail.sanctionId}`
    case 'spot_check_passed':
    case 'spot_check_failed':
      return `spotcheck:${event.detail.spotCheckId}:${event.procurementId}`
  }
}

/** Records a credit event at `at` and rescores its organization; the one writer of `credit_events`. */
export async function recordCreditEvent(tx: Db, event: CreditEvent, at: Date): Promise<void> {
  const written = await tx
    .insert(creditEvents)
    .values({ orgId: event.orgId, kind: event.kind, procurementId: event.procurementId ?? null, occurredAt: at, detail: event.detail, dedupeKey: dedupeKeyOf(event) })
    .onConflictDoNothing()
    .returning({ id: creditEvents.id })
  if (written.length) await refreshScores(tx, [event.orgId], at)
}

/** The dedupe key of the event a sanction recorded, to void it when the sanction is lifted or repaired. */
export const sanctionEventKey = (sanctionId: string) => `sanction:${sanctionId}`
/** The dedupe key of the event an owner's evaluation recorded, to void it when an appeal is granted. */
export const evaluationEventKey = (procurementId: string) => `evaluation:${procurementId}`

/**
 * Withdraws events (an appeal granted, a credit repaired, a sanction lifted): each stays, marked
 * with who withdrew it and why, and counts nothing; their organizations are rescored at once.
 * Returns how many were withdrawn.
 */
export async function voidCreditEvents(tx: Db, where: SQL, by: UserId, reason: string, at: Date): Promise<number> {
  const voided = await tx
    .update(creditEvents)
    .set({ voidedAt: at, voidedBy: by, voidReason: reason })
    .where(and(where, isNull(creditEvents.voidedAt)))
    .returning({ orgId: creditEvents.orgId })
  if (voided.length) await refreshScores(tx, voided.map((v) => v.orgId), at)
  return voided.length
}

export const byDedupeKey = (key: string) => eq(creditEvents.dedupeKey, key)
export const byEventId = (id: string) => eq(creditEvents.id, id)
