import type { ProcurementStatus } from '../../db/schema'
import { DomainError } from '../shared/errors'

/**
 * The one state machine every procurement follows. Each step names who may take it and from
 * which states; the service layer adds the step's conditions (deadline passed, bids counted …)
 * and writes the audit entry in the same transaction. Anything else is refused with
 * `errors.illegalStep` and changes nothing.
 *
 *   draft → published → closed → selecting → awarded → contracted → in_service → delivered → accepted → evaluated
 *   awarded → selecting when the winner declines or does not confirm in time (the next candidate is offered)
 *   side exits: cancelled (by the owner, before an award) and failed (流标: too few eligible bids,
 *   or a winner nobody can replace); a failed procurement may be re-announced as a new draft.
 *   A supervisor upholding a complaint orders its remedy through the same steps: the deadline
 *   extended for amended terms, the award revoked (the next candidate offered), or the
 *   procurement annulled (and perhaps re-announced), up to the contract.
 *   After the contract and before the acceptance, the owner may terminate it (terminated); what
 *   escrow holds is then refunded and paid as the contract's termination share says.
 */
export type ProcurementAction =
  | 'publish'
  | 'amend'
  | 'extendDeadline'
  | 'cancel'
  | 'close'
  | 'open'
  | 'award'
  | 'fail'
  | 'decline'
  | 'confirmContract'
  | 'startService'
  | 'deliver'
  | 'returnDelivery'
  | 'accept'
  | 'evaluate'
  | 'revokeAward'
  | 'annul'
  | 'terminate'

export type LifecycleActor = 'owner' | 'agency' | 'system' | 'supervisor'

interface Step {
  by: readonly LifecycleActor[]
  from: readonly ProcurementStatus[]
  /** null: the state does not change (an amendment stays published) */
  to: ProcurementStatus | null
}

export const STEPS: Record<ProcurementAction, Step> = {
  publish: { by: ['owner'], from: ['draft'], to: 'published' },
  amend: { by: ['owner'], from: ['published'], to: null },
  /** the holiday notice entered added holidays inside the announcement period: the deadline moves later, never earlier */
  extendDeadline: { by: ['system', 'supervisor'], from: ['published'], to: null },
  cancel: { by: ['owner'], from: ['draft', 'published', 'closed', 'selecting'], to: 'cancelled' },
  close: { by: ['system'], from: ['published'], to: 'closed' },
  open: { by: ['system'], from: ['closed'], to: 'selecting' },
  award: { by: ['system'], from: ['selecting'], to: 'awarded' },
  fail: { by: ['system'], from: ['closed', 'selecting', 'awarded'], to: 'failed' },
  /** the winner declines, or lets the confirmation period pass: back to selection, which offers the next candidate */
  decline: { by: ['agency', 'system'], from: ['awarded'], to: 'selecting' },
  confirmContract: { by: ['agency'], from: ['awarded'], to: 'contracted' },
  startService: { by: ['system'], from: ['contracted'], to: 'in_service' },
  deliver: { by: ['agency'], from: ['in_service'], to: 'delivered' },
  returnDelivery: { by: ['owner'], from: ['delivered'], to: 'in_service' },
  accept: { by: ['owner'], from: ['delivered'], to: 'accepted' },
  evaluate: { by: ['owner'], from: ['accepted'], to: 'evaluated' },
  /** an upheld complaint: the award is taken back and the next candidate offered */
  revokeAward: { by: ['supervisor'], from: ['awarded'], to: 'selecting' },
  /** an upheld complaint: the procurement is cancelled, at any point before the contract */
  annul: { by: ['supervisor'], from: ['published', 'closed', 'selecting', 'awarded'], to: 'cancelled' },
  /** 解除合同: the contract ends before the acceptance (by the owner, or ordered by a supervisor); escrow is settled as the contract says */
  terminate: { by: ['owner', 'supervisor'], from: ['contracted', 'in_service', 'delivered'], to: 'terminated' },
}

export const TERMINAL: readonly ProcurementStatus[] = ['evaluated', 'cancelled', 'failed', 'terminated']

/** The state after the step, or `errors.illegalStep` naming what was tried and from where. */
export function procurementStep(action: ProcurementAction, by: LifecycleActor, from: ProcurementStatus): ProcurementStatus {
  const step = STEPS[action]
  if (!step.by.includes(by) || !step.from.includes(from)) throw new DomainError('errors.illegalStep', undefined, { action, from })
  return step.to ?? from
}

export function allowedProcurementActions(by: LifecycleActor, from: ProcurementStatus): ProcurementAction[] {
  return (Object.keys(STEPS) as ProcurementAction[]).filter((a) => STEPS[a].by.includes(by) && STEPS[a].from.includes(from))
}

/** While bids may be placed, edited or withdrawn. */
export const ACCEPTING_BIDS: readonly ProcurementStatus[] = ['published']
/** Once bids are readable (after opening); before it they are sealed. */
export const OPENED: readonly ProcurementStatus[] = ['selecting', 'awarded', 'contracted', 'in_service', 'delivered', 'accepted', 'evaluated', 'terminated']
