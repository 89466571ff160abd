import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bidParties, type BidId, type OrgId, type Procurement } from '../../db/schema'
import type { IneligibleReason } from '../agencies'
import { itemIdsOf, standingProblems, type StandingProblem } from './standing'


/** Why this agency alone may not win it (the one rule, `standingProblems`): the blacklist, then eligibility for every item. Empty when it may. */
export async function bidderProblems(tx: Db, p: Procurement, orgId: OrgId, today: string): Promise<IneligibleReason[]> {
  return (await standingProblems(tx, p, [{ orgId, itemIds: await itemIdsOf(tx, p) }], today)).map((x) => x.reason as IneligibleReason)
}

/**
 * Why this bid's parties may not win on `day` (the one rule, `standingProblems`): the lead and the
 * members that accepted, each with its share. For the steps after the opening: each offer and
 * the winner's confirmation.
 */
export async function bidStandingProblems(tx: Db, p: Procurement, bidId: BidId, day: string): Promise<StandingProblem[]> {
  const parties = await tx.select({ orgId: bidParties.orgId, itemIds: bidParties.itemIds }).from(bidParties).where(and(eq(bidParties.bidId, bidId), eq(bidParties.status, 'accepted'))).orderBy(asc(bidParties.invitedAt))
  return standingProblems(tx, p, parties, day)
}

/**
 * Whether these problems bar the agency from bidding at all. Where consortia are allowed, falling
 * short alone does not: it may lead one. The blacklist and a missing admission bar it either way.
 */
export function barredFromBidding(p: Pick<Procurement, 'consortiumAllowed' | 'method'>, problems: IneligibleReason[]): boolean {
  const mayLead = p.consortiumAllowed && p.method !== 'direct'
  return problems.some((r) => !mayLead || r.code === 'blacklisted' || r.code === 'suspended' || r.code === 'yellowCard' || r.code === 'notSubmitted')
}
