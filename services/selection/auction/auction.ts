import { and, asc, eq } from 'drizzle-orm'
import type * as z from 'zod'
import type { Db } from '../../../db/client'
import { auctionEvents, auctions, awards, procurements, type Auction, type AuctionBidder, type Bid, type OrgId, type Procurement, type ProcurementId } from '../../../db/schema'
import { appendAudit } from '../../audit'
import { auctionStartAfter } from '../../calendar'
import { notify } from '../../notifications'
import { ownBid, openedBids } from '../../bids'
import { loadRules } from '../../market/rules'
import type { Scheduler } from '../../jobs'
import type { Actor } from '../../shared/actor'
import type { Clock } from '../../shared/clock'
import { DomainError, fen } from '../../shared/errors'
import { isUuid } from '../../shared/schemas'
import { rankWithTies } from '../methods/tiebreak'
import { candidatesOf, drawContextOf, recordRanking } from '../select'
import type { auctionBidSchema } from './bid-input'
import { auctionState, endOf, moveProblem, replay, turnOrder, type AuctionTerms } from './state'

/**
 * The live reverse auction's database layer. At the opening the standing bids become its
 * bidders, labelled 报价人1…N by their initial order; it starts on the next working day at the
 * office's time. Bids are checked against the current turn and bounds inside the transaction
 * that writes them; the finish job ranks the final prices (a tie goes to a draw) and the
 * selection offers the award as for any other method.
 */
export const ROUNDS = 3

export { auctionBidSchema } from './bid-input'

export const termsOf = (a: Auction): AuctionTerms => ({ startsAt: a.startsAt, turnSeconds: a.turnSeconds, rounds: a.rounds, minStepFen: a.minStepFen, floorFen: a.floorFen, bidders: a.bidders })

const finishJob = (a: Pick<Auction, 'procurementId' | 'endsAt'>) => ({ name: 'auction.finish', runAt: a.endsAt, payload: { id: a.procurementId }, key: `auction.finish:${a.procurementId}` })

/** At the opening of a reverse auction: the bidders, their labels, the schedule, and the finish job. */
export async function openAuction(tx: Db, scheduler: Scheduler, p: Procurement, standing: readonly Bid[], at: Date) {
  const rules = await loadRules(tx)
  const startsAt = await auctionStartAfter(tx, rules, at)
  const initial = standing.map((b) => ({ bidId: b.id as string, label: 0, initialFen: b.priceFen, submittedAt: b.submittedAt.toISOString() }))
  const order = turnOrder({ bidders: initial }, new Map(initial.map((b) => [b.bidId, b.initialFen])))
  const bidders: AuctionBidder[] = order.map((bidId, n) => ({ ...initial.find((b) => b.bidId === bidId)!, label: n + 1 }))
  const minStepFen = Number((p.methodParams as { minStepFen?: number }).minStepFen ?? 100)
  const terms = { startsAt, turnSeconds: rules.auctionTurnSeconds, rounds: ROUNDS, bidders }
  const [row] = await tx.insert(auctions).values({ procurementId: p.id, ...terms, minStepFen, floorFen: p.floorPriceFen, endsAt: endOf(terms) }).returning()
  // The log names labels only: who is behind a label is revealed with the result.
  await appendAudit(tx, { actor: {}, action: 'auction.schedule', entityType: 'procurement', entityId: p.id, after: { startsAt: startsAt.toISOString(), endsAt: row!.endsAt.toISOString(), bidders: bidders.length, turnSeconds: terms.turnSeconds, minStepFen }, at })
  await scheduler.enqueue(finishJob(row!), tx)
  const params = { number: p.number ?? '', title: p.title, at: startsAt.toISOString() }
  for (const b of standing) await notify(tx, { orgId: b.agencyOrgId, kind: 'auctionScheduled', params, link: `/procurements/${p.id}/auction`, sealedUntilOpeningOf: p.id, at })
  await notify(tx, { orgId: p.ownerOrgId, kind: 'auctionScheduled', params, link: `/procurements/${p.id}/auction`, at })
  return 'selecting' as const
}

async function lockAuction(tx: Db, id: ProcurementId) {
  const [row] = await tx.select().from(auctions).where(eq(auctions.procurementId, id)).for('update')
  return row ?? null
}

const movesOf = (tx: Db, id: ProcurementId) => tx.select().from(auctionEvents).where(eq(auctionEvents.procurementId, id)).orderBy(asc(auctionEvents.id))

/** At most one bid attempt per second per bidder (per app process), before any database work. */
export class AttemptLimiter {
  private readonly last = new Map<string, number>()
  constructor(private readonly minGapMs = 1000) {}
  allow(key: string, now: Date) {
    const previous = this.last.get(key)
    if (previous !== undefined && now.getTime() - previous < this.minGapMs) return false
    this.last.set(key, now.getTime())
    if (this.last.size > 10_000) this.last.clear()
    return true
  }
}

/**
 * A bidder lowers its price in its turn. Refused, changing nothing: out of turn, before the start
 * or after the end, a step below the minimum, under the floor. The same idempotency key returns
 * the first answer; a second move in the same turn is refused by the (round, turn) key.
 */
export async function placeAuctionBid(db: Db, clock: Clock, actor: Actor, id: string, input: z.infer<typeof auctionBidSchema>, limiter?: AttemptLimiter) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const auction = await lockAuction(tx, id as ProcurementId)
    const [p] = auction ? await tx.select({ status: procurements.status }).from(procurements).where(eq(procurements.id, auction.procurementId)) : []
    const bid = auction ? await ownBid(tx, actor.orgId as OrgId, auction.procurementId) : null
    const bidder = auction?.bidders.find((b) => b.bidId === bid?.id)
    if (!auction || !bidder) throw new DomainError('errors.notFound')
    const [repeated] = await tx.select().from(auctionEvents).where(and(eq(auctionEvents.procurementId, auction.procurementId), eq(auctionEvents.bidId, bidder.bidId as never), eq(auctionEvents.idempotencyKey, input.idempotencyKey)))
    if (repeated) return { event: repeated, repeated: true }
    const now = clock.now()
    if (limiter && !limiter.allow(bidder.bidId, now)) throw new DomainError('errors.tooFast')
    const terms = termsOf(auction)
    const state = auctionState(terms, await movesOf(tx, auction.procurementId), now)
    // A procurement cancelled during its auction takes no more bids.
    const problem = p?.status === 'selecting' ? moveProblem(terms, state, bidder.bidId, input.price) : 'errors.auctionClosed'
    if (problem) throw new DomainError(problem, 'price', { step: fen(auction.minStepFen), max: fen((state.prices.get(bidder.bidId) ?? 0) - auction.minStepFen) })
    const [event] = await tx
      .insert(auctionEvents)
      .values({ procurementId: auction.procurementId, round: state.round, turn: state.turn, bidId: bidder.bidId as never, label: bidder.label, priceFen: input.price, at: now, idempotencyKey: input.idempotencyKey })
      .onConflictDoNothing({ target: [auctionEvents.procurementId, auctionEvents.round, auctionEvents.turn] })
      .returning()
    if (!event) throw new DomainError('errors.alreadyMoved')
    await appendAudit(tx, { actor: {}, action: 'auction.bid', entityType: 'procurement', entityId: auction.procurementId, after: { eventId: event.id, label: bidder.label, round: state.round + 1, turn: state.turn + 1, priceFen: input.price }, at: now })
    return { event, repeated: false }
  })
}

/**
 * The finish job, idempotent and driven by the clock: once the last turn has passed, the final
 * prices rank (the lowest first, a tie by draw), identities are revealed in the log, and the
 * award is offered as for any method.
 */
export async function finishAuctionIfDue(db: Db, clock: Clock, scheduler: Scheduler, id: ProcurementId) {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, id)).for('update')
    const auction = p ? await lockAuction(tx, id) : null
    const now = clock.now()
    if (!p || !auction || auction.finishedAt || p.status !== 'selecting' || now < auction.endsAt) return null
    const moves = await movesOf(tx, id)
    const { prices } = replay(termsOf(auction), moves)
    await tx.update(auctions).set({ finishedAt: now }).where(eq(auctions.procurementId, id))
    const opened = (await openedBids(tx, id)).filter((b) => prices.has(b.bid.id))
    const finals = (await candidatesOf(tx, opened.map((b) => b.bid))).map((c) => ({ ...c, priceFen: prices.get(c.bidId)! }))
    const { order, draws } = rankWithTies(finals, (a, b) => a.priceFen - b.priceFen, drawContextOf(p))
    // Who was behind each label, revealed in the log with the result; the published figures keep the labels.
    const labels = auction.bidders.map((b) => ({ label: b.label, bidId: b.bidId, initialFen: b.initialFen, finalFen: prices.get(b.bidId) }))
    const revealed = labels.map((l) => ({ ...l, agencyOrgId: opened.find((o) => o.bid.id === l.bidId)?.bid.agencyOrgId }))
    const detail = { bids: finals.length, rounds: auction.rounds, turnSeconds: auction.turnSeconds, minStepFen: auction.minStepFen, moves: moves.length, labels }
    const byId = new Map(opened.map((o) => [o.bid.id as string, { agencyOrgId: o.bid.agencyOrgId, priceFen: prices.get(o.bid.id)!, committedDays: o.bid.committedDays }]))
    return recordRanking(tx, scheduler, p, { outcome: 'ranked', order: order.map((c) => c.bidId), abnormallyLow: [], draws, detail }, byId, await loadRules(tx), now, { revealed })
  })
}

/**
 * The live board, as anyone may see it: labels and prices, whose turn, the server's time. A
 * bidder also learns its own label. No identity, no bid id, until the result is published.
 */
export async function auctionBoard(db: Db, clock: Clock, id: string, viewerOrgId?: OrgId) {
  if (!isUuid(id)) return null
  const [row] = await db.select({ auction: auctions, status: procurements.status }).from(auctions).innerJoin(procurements, eq(procurements.id, auctions.procurementId)).where(eq(auctions.procurementId, id as ProcurementId))
  if (!row) return null
  const { auction } = row
  const moves = await movesOf(db, auction.procurementId)
  const now = clock.now()
  const terms = termsOf(auction)
  const state = auctionState(terms, moves, now)
  // Cancelled (or failed) while it ran: no turn is anyone's any more.
  const halted = !auction.finishedAt && row.status !== 'selecting'
  const label = (bidId: string | null) => auction.bidders.find((b) => b.bidId === bidId)?.label ?? null
  const own = viewerOrgId ? await ownBid(db, viewerOrgId, auction.procurementId) : null
  // Once finished, the winner's label (the result names the winner anyway): the award's bid, which
  // passes to the next candidate if the first declines.
  const [award] = auction.finishedAt ? await db.select({ bidId: awards.bidId }).from(awards).where(eq(awards.procurementId, auction.procurementId)) : []
  const moved = new Set(moves.filter((m) => m.round === state.round).map((m) => m.label))
  return {
    serverTime: now.toISOString(),
    phase: halted ? ('halted' as const) : state.phase,
    startsAt: auction.startsAt.toISOString(),
    endsAt: auction.endsAt.toISOString(),
    turnSeconds: auction.turnSeconds,
    rounds: auction.rounds,
    round: state.round + 1,
    turn: state.turn + 1,
    currentLabel: label(state.currentBidId),
    turnEndsAt: state.turnEndsAt?.toISOString() ?? null,
    minStepFen: auction.minStepFen,
    floorFen: auction.floorFen,
    finished: auction.finishedAt !== null,
    lastEventId: moves.at(-1)?.id ?? 0,
    myLabel: label(own?.id ?? null),
    winnerLabel: label(award?.bidId ?? null),
    // With the initial bid's time (tie-breaks in the turn order use it), so anyone can replay the log.
    rows: state.order.map((bidId) => {
      const b = auction.bidders.find((x) => x.bidId === bidId)!
      return { label: b.label, priceFen: state.prices.get(bidId)!, initialFen: b.initialFen, initialAt: b.submittedAt, movedThisRound: moved.has(b.label) }
    }),
    log: moves.map((m) => ({ id: m.id, label: m.label, round: m.round + 1, turn: m.turn + 1, priceFen: m.priceFen, at: m.at.toISOString() })),
  }
}
export type AuctionBoard = NonNullable<Awaited<ReturnType<typeof auctionBoard>>>
