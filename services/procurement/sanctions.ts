import type { Db } from '../../db/client'
import type { Sanction, UserId } from '../../db/schema'
import { invalidateOrgSessions } from '../auth'
import { appendAudit } from '../audit'
import { shanghaiDate, shanghaiInstant } from '../calendar'
import { approveProposal, listingInForce } from '../credit'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { withdrawBidsOfListed } from '../bids'
import type { Scheduler } from '../jobs'

/**
 * A second office user approves a proposed blacklisting or suspension. A blacklisting acts on the
 * agency the day it comes into force: every session of its users ends at once (it cannot act on
 * what it is no longer allowed), and its bids on procurements not yet opened are withdrawn, with a
 * notice to it and to those procurements' owners. One that starts later takes effect by a job at
 * 00:00 Beijing time that day. A suspension only bars: its bids are set aside at the opening.
 */
export async function approveSanction(db: Db, clock: Clock, scheduler: Scheduler, actor: Actor & { userId: UserId }, id: string, decisionNo: string): Promise<Sanction> {
  return db.transaction(async (tx) => {
    const now = clock.now()
    const listing = await approveProposal(tx, now, actor, id, decisionNo)
    if (listing.kind !== 'blacklist') return listing
    if (listing.startsOn <= shanghaiDate(now)) await enforceListing(tx, listing, now)
    else await scheduler.enqueue({ name: 'sanction.enforce', runAt: shanghaiInstant(listing.startsOn), payload: { id: listing.id }, key: `sanction.enforce:${listing.id}` }, tx)
    return listing
  })
}

/** The effects, once, in the listing's transaction (or its job's): sessions ended, open bids withdrawn, both audited. */
async function enforceListing(tx: Db, listing: Sanction, at: Date) {
  const sessions = await invalidateOrgSessions(tx, listing.orgId)
  const bids = await withdrawBidsOfListed(tx, listing.orgId, at)
  await appendAudit(tx, { actor: {}, action: 'sanction.enforce', entityType: 'organization', entityId: listing.orgId, after: { id: listing.id, sessionsEnded: sessions, bidsWithdrawn: bids }, at })
}

/** The job for a listing that starts later: acts only if the listing is still in force that day (not lifted meanwhile). */
export async function enforceListingIfDue(db: Db, clock: Clock, id: string) {
  await db.transaction(async (tx) => {
    const now = clock.now()
    const listing = await listingInForce(tx, id, shanghaiDate(now))
    if (listing?.kind === 'blacklist') await enforceListing(tx, listing, now)
  })
}
