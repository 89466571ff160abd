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
  /** `itemId`: which of the procurement's items, where the caller judged them one by one */
  | { code: 'itemNotCovered'; specialties: string[]; itemId?: string }
  | { code: 'missingSpecialty'; specialty: string }
  | { code: 'levelTooLow'; specialty: string; have: number; need: QualificationLevel }
  | { code: 'notVerified'; specialty: string; status: QualificationFact['status'] }
  | { code: 'expired'; specialty: string; validTo: string }
  | { code: 'notYetValid'; specialty: string; validFrom: string }
  | { code: 'notSubmitted' }
  /** on the 失信名单 (services/credit), until that day or until lifted (null) */
  | { code: 'blacklisted'; until: string | null }
  /** suspended pending an investigation (services/credit), until that day */
  | { code: 'suspended'; until: string | null }
  /** holds a yellow card, and the method weighs credit (scoring, the credit shortlist) */
  | { code: 'yellowCard' }

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

/** One party to a consortium (联合体): its facts, and the items it undertakes under the agreement. */
export interface PartyFacts {
  orgId: string
  qualifications: QualificationFact[]
  submitted: boolean
  itemIds: string[]
}

/** Why a consortium may not bid, and which party it concerns (null: the consortium as a whole). */
export type ConsortiumReason =
  | { orgId: string | null; reason: IneligibleReason }
  | { orgId: string; reason: { code: 'noWork' } }
  | { orgId: null; reason: { code: 'itemUnassigned'; itemId: string } }

/**
 * A consortium is judged over its parties together, as the 招标投标法 (art. 31) and the 政府采购法
 * (art. 24) have it:
 * 1. every party has submitted for admission;
 * 2. the agreement divides the work: every item is undertaken by some party, every party undertakes
 *    some item, and a party is qualified for each item it undertakes;
 * 3. the requirement is met by the parties' qualifications together, and where several parties
 *    hold a required specialty, the lowest level among them counts (同一专业的单位组成的联合体，
 *    按照资质等级较低的单位确定资质等级).
 * A consortium of one party undertaking every item is judged exactly as that agency alone.
 */
export function assessConsortium(input: { parties: PartyFacts[]; items: Array<{ itemId: string; specialties: string[] }>; requirement?: Requirement | null; today: string }): ConsortiumReason[] {
  const { parties, items, requirement, today } = input
  const reasons: ConsortiumReason[] = []
  for (const party of parties) {
    if (!party.submitted) reasons.push({ orgId: party.orgId, reason: { code: 'notSubmitted' } })
    const undertaken = items.filter((i) => party.itemIds.includes(i.itemId))
    if (!undertaken.length) reasons.push({ orgId: party.orgId, reason: { code: 'noWork' } })
    for (const item of undertaken)
      if (!item.specialties.some((s) => satisfying(s, party.qualifications, today, 3).length))
        reasons.push({ orgId: party.orgId, reason: { code: 'itemNotCovered', specialties: [...item.specialties] } })
  }
  for (const item of items) if (!parties.some((p) => p.itemIds.includes(item.itemId))) reasons.push({ orgId: null, reason: { code: 'itemUnassigned', itemId: item.itemId } })

  if (requirement && requirement.specialties.length) {
    const per = requirement.specialties.map((specialty) => {
      // Each holder's best valid level; the consortium's level is the worst of those.
      const holders = parties
        .map((p) => ({ orgId: p.orgId, best: Math.min(...p.qualifications.filter((q) => q.specialtyCode === specialty && isQualificationValid(q, today)).map((q) => q.level)) }))
        .filter((h) => Number.isFinite(h.best))
      const worst = holders.sort((a, b) => b.best - a.best)[0]
      if (!worst) return { ok: false, why: { orgId: null, reason: whyNot(specialty, parties.flatMap((p) => p.qualifications), today, requirement.minLevel) } as ConsortiumReason }
      if (worst.best <= requirement.minLevel) return { ok: true }
      return { ok: false, why: { orgId: worst.orgId, reason: { code: 'levelTooLow', specialty, have: worst.best, need: requirement.minLevel } } as ConsortiumReason }
    })
    const pass = requirement.mode === 'all' ? per.every((p) => p.ok) : per.some((p) => p.ok)
    if (!pass) for (const p of per) if (!p.ok && p.why) reasons.push(p.why)
  }
  return reasons
}
