import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { awards, procurements, type ProcurementId, type UserId } from '../../db/schema'
import { insertDirectBid, revealBids, type BidInput } from '../bids'
import { deadlineFrom } from '../calendar'
import { loadRules } from '../market/rules'
import { transition } from '../market/transition'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'

/**
 * 直接委托: the named agency confirms its price and days, which makes the award at once. The
 * procurement passes close, opening and award in this one transaction, each step logged.
 */
export async function confirmDirect(db: Db, clock: Clock, actor: Actor & { userId: UserId }, id: string, input: BidInput) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, id as ProcurementId)).for('update')
    if (!p || p.method !== 'direct' || p.directAgencyId !== actor.orgId) throw new DomainError('errors.notFound')
    const now = clock.now()
    if (p.status !== 'published' || now >= p.bidDeadline!) throw new DomainError('errors.biddingClosed')
    const bid = await insertDirectBid(tx, p, actor, input, now)
    const closed = await transition(tx, p, 'close', 'system', {}, now, { closedAt: now })
    await revealBids(tx, closed, now)
    const opened = await transition(tx, closed, 'open', 'system', {}, now, { openedAt: now }, { bids: 1 })
    const rules = await loadRules(tx)
    const standstillEndsAt = await deadlineFrom(tx, rules, now, rules.standstillDays)
    await tx.insert(awards).values({ procurementId: p.id, bidId: bid.id, agencyOrgId: actor.orgId, priceFen: bid.priceFen, committedDays: bid.committedDays, method: 'direct', decidedAt: now, standstillEndsAt, confirmedAt: now })
    const awarded = await transition(tx, opened, 'award', 'system', actor, now, {}, { agencyOrgId: actor.orgId, priceFen: bid.priceFen, committedDays: bid.committedDays, standstillEndsAt: standstillEndsAt.toISOString() })
    await notify(tx, { orgId: p.ownerOrgId, kind: 'directConfirmed', params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, at: now })
    return awarded
  })
}
