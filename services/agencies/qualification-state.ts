import { DomainError } from '../shared/errors'
import type { QualificationFact } from './eligibility'

type Status = QualificationFact['status']
export type QualificationAction = 'approve' | 'reject' | 'requestChanges' | 'resubmit' | 'expire'
type Actor = 'agency' | 'authority' | 'system'

/**
 * The one state machine of a qualification. Each step names who may take it and from where;
 * anything else is refused with `errors.illegalStep` and changes nothing.
 */
const STEPS: Record<QualificationAction, { by: Actor; from: Status[]; to: Status }> = {
  approve: { by: 'authority', from: ['pending'], to: 'approved' },
  reject: { by: 'authority', from: ['pending'], to: 'rejected' },
  requestChanges: { by: 'authority', from: ['pending'], to: 'changes_requested' },
  resubmit: { by: 'agency', from: ['changes_requested', 'rejected', 'expired'], to: 'pending' },
  expire: { by: 'system', from: ['approved'], to: 'expired' },
}

export function qualificationStep(action: QualificationAction, by: Actor, from: Status): Status {
  const step = STEPS[action]
  if (step.by !== by || !step.from.includes(from)) throw new DomainError('errors.illegalStep', undefined, { action, from })
  return step.to
}

export function allowedActions(by: Actor, from: Status): QualificationAction[] {
  return (Object.keys(STEPS) as QualificationAction[]).filter((a) => STEPS[a].by === by && STEPS[a].from.includes(from))
}
