import { sql, type AnyColumn, type SQL } from 'drizzle-orm'

/**
 * The one condition under which what was sealed for a procurement may be read: its bids, their
 * bidders, and notices naming them. The bids were opened and, for a live auction, the auction has
 * ended (until then its board shows labels, never bidders, not even to the owner).
 */
export function unsealed(procurementId: AnyColumn | SQL): SQL {
  return sql`(exists (select 1 from procurements p where p.id = ${procurementId} and p.opened_at is not null) and not exists (select 1 from auctions a where a.procurement_id = ${procurementId} and a.finished_at is null))`
}
