import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { procurements, type ProcurementId } from '../../db/schema'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'

/** The procurement a bid is made on, locked, if its bidding is still open by the server's clock. */
export async function lockOpenProcurement(tx: Db, clock: Clock, id: ProcurementId) {
  // FOR SHARE: many bids at once, but never across the close, which takes FOR UPDATE.
  const [p] = await tx.select().from(procurements).where(eq(procurements.id, id)).for('share')
  if (!p || p.status === 'draft') throw new DomainError('errors.notFound')
  // The server's clock decides, inside the transaction that writes the bid.
  if (p.status !== 'published' || !p.bidDeadline || clock.now() >= p.bidDeadline) throw new DomainError('errors.biddingClosed')
  return p
}
