import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { awards, bidParties, bids, organizations, procurements, selectionCandidates, type BidId, type OrgId, type ProcurementId } from '../../db/schema'
import { unsealed } from '../shared/unsealed'


/**
 * 报价, sealed. This is the only module that reads the `bids` table (a test holds every other file
 * to that). Before a procurement's opening it answers:
 * - the bidder: its own bid, whole;
 * - the owner: how many bids there are, nothing more;
 * - anyone else: nothing, not even the count.
 * Readable bids come only from `openedBids`, whose query itself requires `opened_at`. The audit
 * log gets a seal (a SHA-256 over the bid and its 256-bit nonce) instead of the bid, and no bidder
 * or procurement; at opening each bid is revealed in the log with the content that matches it.
 */
/** The bidder's own bid, whole, at any time. */
export async function ownBid(db: Db, agencyOrgId: OrgId, procurementId: ProcurementId) {
  const [row] = await db.select().from(bids).where(and(eq(bids.procurementId, procurementId), eq(bids.agencyOrgId, agencyOrgId)))
  return row ?? null
}

/**
 * The agency's bids with their procurements, newest first: those it made, and the consortium bids
 * it was invited into (a member commits to the bid, so sees it whole), with its role and answer.
 * Once opened, each carries its own place among the candidates (never another bid's) and whether
 * it won.
 */
export async function bidsOfAgency(db: Db, agencyOrgId: OrgId) {
  return db
    .select({
      bid: bids, role: bidParties.role, partyStatus: bidParties.status, number: procurements.number, title: procurements.title, status: procurements.status, bidDeadline: procurements.bidDeadline,
      rank: selectionCandidates.rank, candidateState: selectionCandidates.state, won: sql<boolean>`${awards.bidId} is not null`,
    })
    .from(bidParties)
    .innerJoin(bids, eq(bids.id, bidParties.bidId))
    .innerJoin(procurements, eq(procurements.id, bids.procurementId))
    .leftJoin(selectionCandidates, eq(selectionCandidates.bidId, bids.id))
    .leftJoin(awards, and(eq(awards.procurementId, bids.procurementId), eq(awards.bidId, bids.id)))
    .where(and(eq(bidParties.orgId, agencyOrgId), or(eq(bidParties.role, 'lead'), inArray(bidParties.status, ['invited', 'accepted', 'declined']))))
    .orderBy(sql`${bidParties.invitedAt} desc`)
}

/** How many bids stand: for the procurement's owner only (the query checks the owner). */
export async function bidCountForOwner(db: Db, ownerOrgId: OrgId, procurementId: ProcurementId): Promise<number | null> {
  const [row] = await db
    .select({ n: count(bids.id) })
    .from(procurements)
    .leftJoin(bids, and(eq(bids.procurementId, procurements.id), inArray(bids.status, ['active', 'needs_reconfirm'])))
    .where(and(eq(procurements.id, procurementId), eq(procurements.ownerOrgId, ownerOrgId)))
    .groupBy(procurements.id)
  return row ? Number(row.n) : null
}

/**
 * The bids of an opened procurement, with their bidders: the only way to read another's bid. The
 * opening (and, for a live auction, its end) is part of the query, so a caller cannot forget it.
 */
export async function openedBids(db: Db, procurementId: ProcurementId) {
  const rows = await db
    .select({ bid: bids, agencyNameZh: organizations.nameZh, agencyNameEn: organizations.nameEn, agencyUscc: organizations.uscc })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.agencyOrgId))
    .where(and(eq(bids.procurementId, procurementId), unsealed(bids.procurementId)))
    .orderBy(asc(bids.priceFen), asc(bids.submittedAt))
  // Their consortia's members, read only for the bids the opened query gave.
  const members = rows.length ? await consortiumMembers(db, rows.map((r) => r.bid.id)) : []
  return rows.map((r) => ({ ...r, members: members.filter((m) => m.bidId === r.bid.id) }))
}

/** The members (besides the lead) of bids already opened, as `openedBids` and the result notice show them. */
async function consortiumMembers(db: Db, bidIds: BidId[]) {
  return db
    .select({ bidId: bidParties.bidId, status: bidParties.status, itemIds: bidParties.itemIds, nameZh: organizations.nameZh, nameEn: organizations.nameEn, uscc: organizations.uscc })
    .from(bidParties)
    .innerJoin(organizations, eq(organizations.id, bidParties.orgId))
    .where(and(inArray(bidParties.bidId, bidIds), eq(bidParties.role, 'member'), inArray(bidParties.status, ['invited', 'accepted', 'declined'])))
    .orderBy(asc(bidParties.invitedAt))
}

/** The consortium members of the awarded bid, for the public result notice (an award is public); the caller has read the award. */
export async function awardedConsortium(db: Db, awardedBidId: BidId) {
  return (await consortiumMembers(db, [awardedBidId])).filter((m) => m.status === 'accepted')
}

/** The bidders whose bids stand on a procurement not yet opened, for a notice to each (sealed until the opening). */
export async function standingBidders(tx: Db, procurementId: ProcurementId): Promise<OrgId[]> {
  const rows = await tx.select({ orgId: bids.agencyOrgId }).from(bids).where(and(eq(bids.procurementId, procurementId), inArray(bids.status, ['active', 'needs_reconfirm'])))
  return rows.map((r) => r.orgId)
}

export type { BidId }

/** Whether this organization bid on the procurement (its own question about itself). */
export async function isBidder(db: Db, procurementId: ProcurementId, orgId: OrgId) {
  const [row] = await db.select({ id: bids.id }).from(bids).where(and(eq(bids.procurementId, procurementId), eq(bids.agencyOrgId, orgId)))
  return !!row
}

/**
 * What waits for an agency among bids (its to-do list): consortium invitations to answer, and its
 * own bids to confirm again after the terms changed, while bidding is open. Its own rows only.
 */
export async function agencyBidTodos(db: Db, agencyOrgId: OrgId, now: Date) {
  const result = (await db.execute(sql`
    select 'invitation' as kind, p.id, p.number, p.title, p.bid_deadline as due
    from bid_parties bp join procurements p on p.id = bp.procurement_id
    where bp.org_id = ${agencyOrgId} and bp.role = 'member' and bp.status = 'invited' and p.status = 'published' and p.bid_deadline > ${now}
    union all
    select 'reconfirm', p.id, p.number, p.title, p.bid_deadline
    from bids b join procurements p on p.id = b.procurement_id
    where b.agency_org_id = ${agencyOrgId} and b.status = 'needs_reconfirm' and p.status = 'published' and p.bid_deadline > ${now}`)) as unknown as { rows: Array<{ kind: 'invitation' | 'reconfirm'; id: ProcurementId; number: string | null; title: string; due: Date | string | null }> }
  return result.rows.map((r) => ({ ...r, due: r.due === null ? null : new Date(r.due) }))
}

/**
 * Where each standing bid of a procurement was last sent from, for supervisors: after the opening
 * only (an empty list before it), as sealed as the bids themselves until then.
 */
export async function bidOrigins(db: Db, procurementId: ProcurementId) {
  return db
    .select({ bidId: bids.id, agencyOrgId: bids.agencyOrgId, nameZh: organizations.nameZh, nameEn: organizations.nameEn, clientIp: bids.clientIp, deviceId: bids.deviceId, userAgent: bids.userAgent })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.agencyOrgId))
    .where(and(eq(bids.procurementId, procurementId), sql`${bids.status} <> 'withdrawn'`, unsealed(bids.procurementId)))
    .orderBy(asc(bids.submittedAt))
}

/**
 * Bids of different agencies in one opened procurement sent from the same address or the same
 * device (a red flag's evidence): each address or device with the agencies behind it. Sealed
 * procurements are never looked at. `since`: only procurements changed since then.
 */
export async function sharedBidOrigins(db: Db, since?: Date) {
  const result = (await db.execute(sql`
    select b.procurement_id as "procurementId", o.kind, o.value, array_agg(distinct b.agency_org_id::text order by b.agency_org_id::text) as agencies
    from bids b cross join lateral (values ('ip', b.client_ip), ('device', b.device_id)) as o(kind, value)
    where b.status <> 'withdrawn' and o.value is not null and ${unsealed(sql`b.procurement_id`)}
      ${since ? sql`and b.procurement_id in (select id from procurements where updated_at >= ${since})` : sql``}
    group by b.procurement_id, o.kind, o.value
    having count(distinct b.agency_org_id) >= 2`)) as unknown as { rows: Array<{ procurementId: ProcurementId; kind: 'ip' | 'device'; value: string; agencies: string[] }> }
  return result.rows
}
