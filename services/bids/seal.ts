import { createHash } from 'node:crypto'
import type { Db } from '../../db/client'
import { bidParties, type Bid, type BidId, type BidPartyRole } from '../../db/schema'
import { appendAudit } from '../audit'
import { canonicalJson } from '../shared/canonical-json'
import { and, asc, eq, inArray } from 'drizzle-orm'

/** A party as the seal commits to it: who, in which role, undertaking which items. */
export interface SealedParty {
  orgId: string
  role: BidPartyRole
  itemIds: string[]
}

/**
 * The seal written to the audit log: commits to the bid without revealing it (the nonce is 256
 * random bits). A consortium bid's seal covers its parties too; a lone bid's is as it always was.
 */
export function bidSeal(bid: Pick<Bid, 'id' | 'procurementId' | 'agencyOrgId' | 'priceFen' | 'committedDays' | 'nonce' | 'termsVersion' | 'status'>, parties: SealedParty[] = []): string {
  const { id, procurementId, agencyOrgId, priceFen, committedDays, nonce, termsVersion, status } = bid
  const members = sealedParties(parties)
  const content = members.length > 1 ? { id, procurementId, agencyOrgId, priceFen, committedDays, nonce, termsVersion, status, parties: members } : { id, procurementId, agencyOrgId, priceFen, committedDays, nonce, termsVersion, status }
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

const sealedParties = (parties: SealedParty[]) =>
  parties.map((x) => ({ orgId: x.orgId, role: x.role, itemIds: [...x.itemIds].sort() })).sort((a, b) => (a.role === b.role ? a.orgId.localeCompare(b.orgId) : a.role === 'lead' ? -1 : 1))

export const sealedAudit = async (tx: Db, action: string, row: Bid, at: Date) =>
  appendAudit(tx, { actor: {}, action, entityType: 'bid', entityId: row.id, after: { seal: bidSeal(row, await standingParties(tx, row.id)) }, at })

/** The bid's parties as they stand (the lead, and members invited or accepted). */
export const standingParties = (tx: Db, bidId: BidId) =>
  tx.select().from(bidParties).where(and(eq(bidParties.bidId, bidId), inArray(bidParties.status, ['invited', 'accepted']))).orderBy(asc(bidParties.invitedAt))
