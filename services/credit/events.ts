import type { Db } from '../../db/client'
import { creditEvents, type OrgId, type ProcurementId } from '../../db/schema'

/**
 * 信用事件: what an organization did that its credit will be judged on, each with what it is about.
 * Written once per occasion (the dedupe key), in the transaction of the step that caused it.
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
  /** the owner left a delivery undecided past its acceptance period */
  | { kind: 'acceptance_overdue'; orgId: OrgId; procurementId: ProcurementId; detail: { deliveryId: string; decideBy: string } }

export type CreditEventKind = CreditEvent['kind']

/** One occasion, one event: a step retried (or raced) writes nothing more. */
function dedupeKeyOf(event: CreditEvent): string {
  switch (event.kind) {
    case 'award_declined':
    case 'award_not_confirmed':
    case 'explanation_missing':
      return `${event.kind}:${event.procurementId}:${event.orgId}`
    case 'service_overdue':
      return `${event.kind}:${event.procurementId}`
    case 'acceptance_overdue':
      return `${event.kind}:${event.detail.deliveryId}`
  }
}

/** Records a credit event at `at`; the one writer of `credit_events`. */
export async function recordCreditEvent(tx: Db, event: CreditEvent, at: Date): Promise<void> {
  await tx
    .insert(creditEvents)
    .values({ orgId: event.orgId, kind: event.kind, procurementId: event.procurementId, occurredAt: at, detail: event.detail, dedupeKey: dedupeKeyOf(event) })
    .onConflictDoNothing()
}
