import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bidParties, bids, type Bid, type Procurement } from '../../db/schema'
import { exclusionOf, standingProblems, type StandingProblem } from './standing'
import { appendAudit } from '../audit'
import { shanghaiDate } from '../calendar'
import { notify } from '../notifications'
import { bidSeal } from './seal'

/**
 * At opening: the bids that count, and an audit entry per bid that reveals what its seal committed
 * to, so anyone can check the two match. A bid counts when it stands on the current terms, every
 * member of its consortium has accepted it, and its parties may still win that day (the one rule,
 * `standingProblems`: sanctions, admission, qualifications). A standing bid that does not is set
 * aside with why (`excluded`, `excludedReasons`), which the reveal publishes too, and its bidder
 * is told.
 */
export async function revealBids(tx: Db, p: Procurement, at: Date) {
  const rows = await tx.select().from(bids).where(eq(bids.procurementId, p.id)).orderBy(asc(bids.submittedAt))
  // Every party of every bid, and which of them are listed today: two queries for the whole opening.
  const allParties = await tx.select().from(bidParties).where(and(eq(bidParties.procurementId, p.id), inArray(bidParties.status, ['invited', 'accepted', 'declined']))).orderBy(asc(bidParties.invitedAt))
  const day = shanghaiDate(at)
  const counted: Bid[] = []
  for (const row of rows) {
    const parties = allParties.filter((x) => x.bidId === row.id)
    const stands = row.status === 'active' && row.termsVersion === p.termsVersion
    let excluded: string | null = null
    let problems: StandingProblem[] = []
    if (stands && parties.some((x) => x.role === 'member' && x.status !== 'accepted')) excluded = 'consortiumIncomplete'
    else if (stands) {
      problems = await standingProblems(tx, p, parties.filter((x) => x.status === 'accepted'), day)
      if (problems.length) excluded = exclusionOf(problems)
    }
    if (excluded) {
      await tx.update(bids).set({ excluded, excludedReasons: problems.length ? problems : null }).where(eq(bids.id, row.id))
      await notify(tx, { orgId: row.agencyOrgId, kind: 'bidExcluded', params: { number: p.number ?? '', title: p.title, why: excluded }, link: `/agency/bids/${p.id}`, at })
    } else if (stands) counted.push(row)
    const standing = parties.filter((x) => x.status !== 'declined')
    const consortium = standing.length > 1 ? { parties: standing.map((x) => ({ orgId: x.orgId, role: x.role, itemIds: x.itemIds, status: x.status })) } : {}
    await appendAudit(tx, {
      actor: {},
      action: 'bid.reveal',
      entityType: 'bid',
      entityId: row.id,
      after: { id: row.id, procurementId: row.procurementId, agencyOrgId: row.agencyOrgId, priceFen: row.priceFen, committedDays: row.committedDays, nonce: row.nonce, termsVersion: row.termsVersion, status: row.status, ...consortium, ...(excluded ? { excluded } : {}), ...(problems.length ? { excludedReasons: problems } : {}), seal: bidSeal(row, standing) },
      at,
    })
  }
  return counted
}
