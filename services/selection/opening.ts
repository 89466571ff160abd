import type { Bid, Procurement } from '../../db/schema'
import type { Db } from '../../db/client'
import type { Scheduler } from '../jobs'
import { openAuction } from './auction/auction'
import { decisionOf } from './methods'
import { selectAtOpening } from './select'

/**
 * What the opening hands to selection, by the method's registered decision: a ranking method
 * selects now, in the closing transaction, so the result is public at once; a reverse auction is
 * scheduled. A direct commission never reaches an opening with bids to decide on.
 */
export async function decideAtOpening(tx: Db, scheduler: Scheduler, opened: Procurement, standing: readonly Bid[], at: Date) {
  const decision = decisionOf(opened.method)
  if (decision.by === 'auction') return openAuction(tx, scheduler, opened, standing, at)
  if (decision.by === 'opening') return selectAtOpening(tx, scheduler, opened, standing, at)
  throw new Error(`${opened.method} is decided by its agency's confirmation, not at an opening`)
}
