/**
 * Is an agency eligible for a service item under a procurement's requirements, on a given day?
 * Pure rules: the database layer (`./index.ts`) loads the facts and calls `assessEligibility`.
 *
 * A qualification counts when it is verified (approved) and the day lies within its validity.
 * Levels: 1 = 甲, 2 = 乙, 3 = 丙; a lower number is the higher level, so "at least 乙" is level ≤ 2.
 */
export type QualificationLevel = 1 | 2 | 3

export interface QualificationFact {
  id: string
  specialtyCode: string
  level: number
  status: 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'expired'
  validFrom: string
  validTo: string
}

export interface Requirement {
  /** any: one of the specialties suffices; all: every one is needed */
  mode: 'any' | 'all'
  specialties: string[]
  /** the lowest acceptable level: 3 accepts 甲, 乙 and 丙; 1 only 甲 */
  minLevel: QualificationLevel
}

export type IneligibleReason =
  | { code: 'itemNotCovered'; specialties: string[] }
  | { code: 'missingSpecialty'; specialty: string }
  | { code: 'levelTooLow'; specialty: string; have: number; need: QualificationLevel }
  | { code: 'notVerified'; specialty: string; status: QualificationFact['status'] }
  | { code: 'expired'; specialty: string; validTo: string }
  | { code: 'notYetValid'; specialty: string; validFrom: string }
  | { code: 'notSubmitted' }

export interface EligibilityResult {
  eligible: boolean
  /** Why not; empty when eligible. */
  reasons: IneligibleReason[]
  /** The qualifications that make it eligible (for the record of a bid). */
  basis: string[]
}

export function isQualificationValid(q: QualificationFact, today: string): boolean {
  return q.status === 'approved' && q.validFrom <= today && today <= q.validTo
}

/** Why a specialty is not satisfied: the most telling reason among the agency's certificates of it. */
function whyNot(specialty: string, held: QualificationFact[], today: string, minLevel: QualificationLevel): IneligibleReason {
  const ofSpecialty = held.filter((q) => q.specialtyCode === specialty)
  const valid = ofSpecialty.filter((q) => isQualificationValid(q, today))
  if (valid.length) return { code: 'levelTooLow', specialty, have: Math.min(...valid.map((q) => q.level)), need: minLevel }
  const approved = ofSpecialty.filter((q) => q.status === 'approved' || q.status === 'expired')
  const expired = approved.filter((q) => q.validTo < today || q.status === 'expired').sort((a, b) => b.validTo.localeCompare(a.validTo))[0]
  if (expired) return { code: 'expired', specialty, validTo: expired.validTo }
  const early = approved.filter((q) => q.validFrom > today).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0]
  if (early) return { code: 'notYetValid', specialty, validFrom: early.validFrom }
  const unverified = ofSpecialty[0]
  if (unverified) return { code: 'notVerified', specialty, status: unverified.status }
  return { code: 'missingSpecialty', specialty }
}

function satisfying(specialty: string, held: QualificationFact[], today: string, minLevel: QualificationLevel) {
  return held.filter((q) => q.specialtyCode === specialty && isQualificationValid(q, today) && q.level <= minLevel)
}

export function assessEligibility(input: {
  qualifications: QualificationFact[]
  /** the specialties that can serve the item (from the catalog) */
  itemSpecialties: string[]
  requirement?: Requirement | null
  today: string
  /** whether the agency has accepted the commitment (承诺书) and submitted for admission */
  submitted: boolean
}): EligibilityResult {
  const { qualifications: held, itemSpecialties, requirement, today } = input
  const reasons: IneligibleReason[] = []
  const basis = new Set<string>()

  // 0. An agency that never submitted for admission serves nobody, whatever it holds.
  if (!input.submitted) reasons.push({ code: 'notSubmitted' })

  // 1. The item itself: some verified, unexpired qualification of a specialty that serves it.
  const covering = itemSpecialties.flatMap((s) => satisfying(s, held, today, 3))
  if (covering.length) covering.forEach((q) => basis.add(q.id))
  else reasons.push({ code: 'itemNotCovered', specialties: [...itemSpecialties] })

  // 2. The procurement's requirements.
  if (requirement && requirement.specialties.length) {
    const per = requirement.specialties.map((s) => ({ specialty: s, ok: satisfying(s, held, today, requirement.minLevel) }))
    const met = per.filter((p) => p.ok.length)
    const pass = requirement.mode === 'all' ? met.length === per.length : met.length > 0
    if (pass) met.forEach((p) => p.ok.forEach((q) => basis.add(q.id)))
    else
      for (const p of per) if (!p.ok.length) reasons.push(whyNot(p.specialty, held, today, requirement.minLevel))
  }
  return { eligible: reasons.length === 0, reasons, basis: reasons.length ? [] : [...basis].sort() }
}
