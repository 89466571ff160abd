import { isQualificationValid, type QualificationFact } from './eligibility'

/**
 * An agency's admission (入驻) state, derived from facts rather than stored, so it can never
 * disagree with them:
 * - `draft`: it has not accepted the commitment (承诺书) and submitted;
 * - `approved`: submitted, and at least one verified qualification is valid today (active);
 * - otherwise the most hopeful state of its qualifications: `pending` (awaiting review),
 *   `changes_requested`, `expired` (was verified, has run out), `rejected`.
 */
export type AdmissionState = 'draft' | 'pending' | 'approved' | 'changes_requested' | 'expired' | 'rejected'
export const ADMISSION_STATES: readonly AdmissionState[] = ['draft', 'pending', 'approved', 'changes_requested', 'expired', 'rejected']

export function admissionState(input: { submitted: boolean; qualifications: Pick<QualificationFact, 'status' | 'validFrom' | 'validTo'>[]; today: string }): AdmissionState {
  if (!input.submitted) return 'draft'
  const held = input.qualifications
  if (held.some((q) => isQualificationValid({ ...q, id: '', specialtyCode: '', level: 3 }, input.today))) return 'approved'
  if (held.some((q) => q.status === 'pending')) return 'pending'
  if (held.some((q) => q.status === 'changes_requested')) return 'changes_requested'
  if (held.some((q) => q.status === 'expired' || q.status === 'approved')) return 'expired'
  if (held.some((q) => q.status === 'rejected')) return 'rejected'
  return 'pending'
}
