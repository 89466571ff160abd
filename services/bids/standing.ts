import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { procurementItems, procurements, type OrgId, type Procurement, type ProcurementId, type ServiceItemId } from '../../db/schema'
import { assessEligibility, checkConsortium, checkEligibility, eligibilityFacts, itemSpecialties, type ConsortiumReason, type IneligibleReason } from '../agencies'
import { barredOn, yellowCardedAmong } from '../credit'

/**
 * May these parties win this procurement on this day? The one rule that decides it, asked again
 * at every step that decides a win, because qualifications lapse and sanctions start between
 * them: at the bid (and each edit), at the opening, when each candidate's offer comes, at the
 * winner's confirmation, and at a direct commission's confirmation. It asks:
 * - sanctions: no party is on the blacklist or suspended that day, and for a method that weighs
 *   credit (scoring, the credit shortlist) none holds a yellow card;
 * - admission: every party has signed the commitment and submitted;
 * - qualifications: for one agency, every item under the requirement at the required level,
 *   verified and unexpired that day; for a consortium, its parties judged together
 *   (`assessConsortium`: each its share, the requirement at the lowest level among holders).
 */
export interface PartyShare {
  orgId: OrgId
  /** the items this party undertakes (for an agency alone: every item) */
  itemIds: string[]
}

export type StandingReason = IneligibleReason | ConsortiumReason['reason']

/** Why not, and which party it concerns (null: the consortium as a whole). */
export interface StandingProblem {
  orgId: OrgId | null
  reason: StandingReason
}

/** The procurement's items, in their order. */
export const itemIdsOf = async (tx: Db, p: Pick<Procurement, 'id'>) =>
  (await tx.select({ itemId: procurementItems.itemId }).from(procurementItems).where(eq(procurementItems.procurementId, p.id)).orderBy(asc(procurementItems.sortOrder))).map((r) => r.itemId)

/** Empty when the parties may win; else every reason they may not, the blacklist first. */
export async function standingProblems(tx: Db, p: Pick<Procurement, 'id' | 'requirement'> & Partial<Pick<Procurement, 'method'>>, parties: readonly PartyShare[], day: string): Promise<StandingProblem[]> {
  const problems: StandingProblem[] = []
  // One query after another: callers pass their transaction, and one connection runs one query at a time.
  for (const party of parties) {
    const barred = await barredOn(tx, party.orgId, day)
    if (barred) problems.push({ orgId: party.orgId, reason: { code: barred.kind === 'suspension' ? 'suspended' : 'blacklisted', until: barred.endsOn } })
  }
  if (p.method && CREDIT_METHODS.includes(p.method)) {
    const carded = await yellowCardedAmong(tx, parties.map((x) => x.orgId), day)
    for (const party of parties) if (carded.has(party.orgId)) problems.push({ orgId: party.orgId, reason: { code: 'yellowCard' } })
  }
  const itemIds = await itemIdsOf(tx, p)
  if (parties.length === 1) {
    const orgId = parties[0]!.orgId
    for (const itemId of itemIds) {
      const result = await checkEligibility(tx, { orgId, itemId, requirement: p.requirement, today: day })
      for (const found of result.reasons) {
        // An item not covered is named, so the agency reads which one.
        const reason = found.code === 'itemNotCovered' ? { ...found, itemId } : found
        if (!problems.some((x) => JSON.stringify(x.reason) === JSON.stringify(reason))) problems.push({ orgId, reason })
      }
    }
    return problems
  }
  const judged = await checkConsortium(tx, { parties: [...parties], itemIds, requirement: p.requirement, today: day })
  return [...problems, ...judged.map((r) => ({ orgId: r.orgId as OrgId | null, reason: r.reason }))]
}

/** The methods a yellow card keeps an agency from winning by. */
const CREDIT_METHODS: readonly string[] = ['scoring', 'credit_shortlist']

/** The code a bid set aside at the opening is marked with: the blacklist when that is why, else ineligible. */
export const exclusionOf = (problems: readonly StandingProblem[]) =>
  problems.some((x) => x.reason.code === 'blacklisted') ? 'blacklisted' : problems.some((x) => x.reason.code === 'suspended') ? 'suspended' : problems.some((x) => x.reason.code === 'yellowCard') ? 'yellowCard' : 'ineligible'

/**
 * The announcements open for bids now that this agency may bid on alone: the same rule as
 * `standingProblems` for one agency (not blacklisted that day, admitted, every item covered under
 * the requirement), judged over every open procurement at once from one reading of the agency's
 * facts. Five queries, whatever the number of procurements. Direct commissions are not open to it.
 */
export async function openToBidder(db: Db, orgId: OrgId, now: Date, day: string): Promise<ProcurementId[]> {
  const open = await db
    .select({ id: procurements.id, requirement: procurements.requirement })
    .from(procurements)
    .where(and(eq(procurements.status, 'published'), gt(procurements.bidDeadline, now), ne(procurements.method, 'direct')))
  if (!open.length) return []
  if (await barredOn(db, orgId, day)) return []
  const facts = await eligibilityFacts(db, orgId)
  if (!facts.submitted) return []
  const items = await db.select({ procurementId: procurementItems.procurementId, itemId: procurementItems.itemId }).from(procurementItems).where(inArray(procurementItems.procurementId, open.map((p) => p.id)))
  const served = new Map((await itemSpecialties(db, [...new Set(items.map((i) => i.itemId))] as ServiceItemId[])).map((i) => [i.itemId, i.specialties]))
  return open
    .filter((p) => {
      const mine = items.filter((i) => i.procurementId === p.id)
      return mine.length > 0 && mine.every((i) => assessEligibility({ ...facts, itemSpecialties: served.get(i.itemId) ?? [], requirement: p.requirement, today: day }).eligible)
    })
    .map((p) => p.id)
}
