import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, json, jsonb, pgEnum, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { BidId, OrgId, ProcurementId } from './ids'
import { organizations } from './orgs'
import { bids, procurements, selectionMethod } from './procurement'

/**
 * 选取结果: what the selection service decided at opening, written once. `detail` carries the
 * method's published figures (the mean, the drawn base and the reference price, the abnormal-low
 * threshold …) so the result notice can show how the order came about.
 */
export const selections = pgTable('selections', {
  procurementId: uuid().primaryKey().references(() => procurements.id).$type<ProcurementId>(),
  method: selectionMethod().notNull(),
  detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  decidedAt: tstz().notNull(),
})
export type Selection = typeof selections.$inferSelect

/**
 * Where each candidate stands in the offer sequence:
 * waiting → (explaining →) offered → confirmed, or out: declined, timed_out (did not confirm or
 * explain in time), rejected (its abnormally low price was not accepted).
 */
export const candidateState = pgEnum('candidate_state', ['waiting', 'explaining', 'offered', 'confirmed', 'declined', 'timed_out', 'rejected', 'ineligible'])
export type CandidateState = (typeof candidateState.enumValues)[number]

/**
 * 候选人: the eligible bids in the method's own order (rank 1 is offered first). Written at the
 * opening, so the figures are copies of opened bids, never of sealed ones.
 */
export const selectionCandidates = pgTable(
  'selection_candidates',
  {
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    bidId: uuid().notNull().references(() => bids.id).$type<BidId>(),
    rank: integer().notNull(),
    agencyOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    priceFen: bigint({ mode: 'number' }).notNull(),
    committedDays: integer().notNull(),
    /** 异常低价: more than the set share below the mean of the other bids */
    abnormallyLow: boolean().notNull().default(false),
    state: candidateState().notNull().default('waiting'),
    /** the agency's written explanation of an abnormally low price, and the owner's decision */
    explanation: text(),
    explainedAt: tstz(),
    explanationAccepted: boolean(),
    decisionReason: text(),
    /** when the current step (explaining, confirming) lapses */
    respondBy: tstz(),
    stateChangedAt: tstz(),
  },
  (t) => [primaryKey({ columns: [t.procurementId, t.bidId] }), unique().on(t.procurementId, t.rank), check('candidate_rank', sql`${t.rank} > 0`)],
)
export type SelectionCandidate = typeof selectionCandidates.$inferSelect

/**
 * 抽取记录: every zjcs-draw-v1 draw, its record exactly as published at /draws/<id>.json. A record
 * is written once and never changed: the same procurement and purpose cannot be drawn twice.
 */
export const draws = pgTable(
  'draws',
  {
    id: uuid().primaryKey().defaultRandom(),
    procurementId: uuid().references(() => procurements.id).$type<ProcurementId>(),
    purpose: text().notNull(),
    /** json, not jsonb: the record keeps its fields in the published order, byte for byte */
    record: json().$type<Record<string, unknown>>().notNull(),
    createdAt: tstz().notNull(),
  },
  (t) => [unique().on(t.procurementId, t.purpose), index().on(t.createdAt)],
)
export type DrawRow = typeof draws.$inferSelect

/** One bidder in a live auction: its anonymous label (报价人1…N) and its sealed initial bid. */
export interface AuctionBidder {
  bidId: string
  label: number
  initialFen: number
  submittedAt: string
}

/**
 * 网上竞价: a live reverse auction after the opening. Its state (which round, whose turn, the
 * current prices) is derived from the clock and its events alone; nothing here changes while it
 * runs except `finishedAt`, set when the result is written.
 */
export const auctions = pgTable('auctions', {
  procurementId: uuid().primaryKey().references(() => procurements.id).$type<ProcurementId>(),
  startsAt: tstz().notNull(),
  turnSeconds: integer().notNull(),
  rounds: integer().notNull(),
  minStepFen: bigint({ mode: 'number' }).notNull(),
  floorFen: bigint({ mode: 'number' }),
  bidders: jsonb().$type<AuctionBidder[]>().notNull(),
  endsAt: tstz().notNull(),
  finishedAt: tstz(),
})
export type Auction = typeof auctions.$inferSelect

/**
 * Every bid made in a live auction, in commit order (`id`). One per turn (the unique key turns 50
 * simultaneous submissions into one); an idempotency key answers a repeated submission with the
 * first. Append-only: the log replays to the same ranking.
 */
export const auctionEvents = pgTable(
  'auction_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    round: integer().notNull(),
    turn: integer().notNull(),
    bidId: uuid().notNull().references(() => bids.id).$type<BidId>(),
    label: integer().notNull(),
    priceFen: bigint({ mode: 'number' }).notNull(),
    at: tstz().notNull(),
    idempotencyKey: text().notNull(),
  },
  (t) => [unique().on(t.procurementId, t.round, t.turn), unique().on(t.procurementId, t.bidId, t.idempotencyKey)],
)
export type AuctionEvent = typeof auctionEvents.$inferSelect
