import { sql } from 'drizzle-orm'
import { bigint, boolean, char, check, date, index, integer, jsonb, pgEnum, pgSequence, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { idColumn, timestamps, tstz } from './columns'
import type { BidId, OrgId, ProcurementId, ServiceItemId, UserId } from './ids'
import { serviceItems } from './catalog'
import { organizations } from './orgs'
import { regions } from './regions'

/** The selection methods of the glossary; `scoring` and `credit_shortlist` come with credit. */
export const selectionMethod = pgEnum('selection_method', ['direct', 'random_draw', 'lowest_price', 'optimal_price', 'reverse_auction', 'scoring', 'credit_shortlist'])
export type SelectionMethod = (typeof selectionMethod.enumValues)[number]

/** The lifecycle of services/market/lifecycle.ts; nothing else writes this column. */
export const procurementStatus = pgEnum('procurement_status', [
  'draft',
  'published',
  'closed',
  'selecting',
  'awarded',
  'contracted',
  'in_service',
  'delivered',
  'accepted',
  'evaluated',
  'cancelled',
  'failed',
  /** 解除合同: the contract ended early; what escrow held is settled as the contract says */
  'terminated',
])
export type ProcurementStatus = (typeof procurementStatus.enumValues)[number]

export const fundingSource = pgEnum('funding_source', ['public', 'private'])

/** Public reference numbers, ZJCS-2026-000123: one sequence for the marketplace. */
export const procurementNumberSeq = pgSequence('procurement_number_seq', { startWith: 1 })

export interface RequirementTerms {
  mode: 'any' | 'all'
  specialties: string[]
  minLevel: 1 | 2 | 3
}

/**
 * 采购公告: an owner's need. Its terms (bounds, days, requirements, method) are frozen while bids
 * stand; a change to them bumps `termsVersion`, extends the deadline and asks bidders to confirm.
 */
export const procurements = pgTable(
  'procurements',
  {
    ...idColumn<ProcurementId>(),
    number: text().unique(),
    ownerOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    createdBy: uuid().notNull().$type<UserId>(),
    /** 项目代码 of the investment project, e.g. 2026-450802-48-01-012345 */
    projectCode: text().notNull(),
    projectName: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    regionCode: char({ length: 6 }).notNull().references(() => regions.code),
    fundingSource: fundingSource().notNull(),
    method: selectionMethod().notNull(),
    /** method parameters (e.g. the auction's step), validated by the method's own schema */
    methodParams: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** direct commission: the named agency, and why when above the threshold */
    directAgencyId: uuid().references(() => organizations.id).$type<OrgId>(),
    directReason: text(),
    maxPriceFen: bigint({ mode: 'number' }).notNull(),
    floorPriceFen: bigint({ mode: 'number' }),
    expectedDays: integer().notNull(),
    consortiumAllowed: boolean().notNull().default(false),
    practitionersRequired: boolean().notNull().default(false),
    requirement: jsonb().$type<RequirementTerms | null>(),
    /** working days the announcement runs, at least the market office's minimum for the method */
    announcementDays: integer().notNull(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    status: procurementStatus().notNull().default('draft'),
    termsVersion: integer().notNull().default(1),
    publishedAt: tstz(),
    bidDeadline: tstz(),
    closedAt: tstz(),
    openedAt: tstz(),
    cancelledAt: tstz(),
    cancelReason: text(),
    failedReason: text(),
    /**
     * The catalog codes of its items and their categories (C05-04 and C05), kept with the items
     * (services/procurement/procurements.ts, writeItems): the public list filters by category or
     * item with one GIN index instead of a join over every procurement's items (issue 17).
     */
    catalogCodes: text().array().notNull().default(sql`'{}'::text[]`),
    /** a re-announcement points at the failed procurement it repeats */
    previousId: uuid().$type<ProcurementId>(),
    /**
     * zjcs-draw-v1: 32 secret bytes (hex) drawn at publication, read only by the selection service
     * at the draw and published with its record; the commitment (SHA-256) is public from publication.
     */
    drawSecret: char({ length: 64 }),
    drawCommitment: char({ length: 64 }),
    ...timestamps,
  },
  (t) => [
    index().on(t.status, t.bidDeadline),
    index().on(t.ownerOrgId),
    // The public list (services/procurement/queries.ts): one index per order it offers, over what the public sees.
    // Ascending: a backward scan gives the list's "newest first" (DESC, nulls first) exactly.
    index('procurements_public_by_publication').on(t.publishedAt, t.id).where(sql`${t.status} <> 'draft' and ${t.publishedAt} is not null`),
    index('procurements_public_by_deadline').on(t.bidDeadline, t.id).where(sql`${t.status} <> 'draft' and ${t.publishedAt} is not null`),
    index('procurements_public_by_price').on(t.maxPriceFen, t.id).where(sql`${t.status} <> 'draft' and ${t.publishedAt} is not null`),
    index('procurements_catalog_codes').using('gin', t.catalogCodes),
    check('procurement_price_bounds', sql`${t.maxPriceFen} > 0 and (${t.floorPriceFen} is null or (${t.floorPriceFen} > 0 and ${t.floorPriceFen} <= ${t.maxPriceFen}))`),
    check('procurement_days', sql`${t.expectedDays} > 0 and ${t.announcementDays} > 0`),
  ],
)

/** The service items a procurement buys, each pinned to the catalog version it was posted with. */
export const procurementItems = pgTable(
  'procurement_items',
  {
    procurementId: uuid().notNull().references(() => procurements.id, { onDelete: 'cascade' }).$type<ProcurementId>(),
    itemId: uuid().notNull().references(() => serviceItems.id).$type<ServiceItemId>(),
    itemVersion: integer().notNull(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.procurementId, t.itemId] })],
)

export const bidStatus = pgEnum('bid_status', ['active', 'withdrawn', 'needs_reconfirm'])

/**
 * 报价: sealed until the procurement's opening. Only services/bids/ reads this table,
 * and it has no function that returns a price or a bidder of an unopened procurement to anyone but
 * that bidder.
 */
export const bids = pgTable(
  'bids',
  {
    ...idColumn<BidId>(),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    agencyOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    priceFen: bigint({ mode: 'number' }).notNull(),
    committedDays: integer().notNull(),
    /** 32 random bytes, lowercase hex: the bidder's entropy for the draw (issue 5) */
    nonce: char({ length: 64 }).notNull(),
    status: bidStatus().notNull().default('active'),
    /** the terms version the bidder last committed to */
    termsVersion: integer().notNull(),
    /** the qualifications that made it eligible when it bid */
    basis: jsonb().$type<string[]>().notNull().default([]),
    practitionerIds: jsonb().$type<string[]>().notNull().default([]),
    submittedBy: uuid().notNull().$type<UserId>(),
    submittedAt: tstz().notNull(),
    withdrawnAt: tstz(),
    /** why the opening did not count it though it stood: 'blacklisted', 'ineligible', 'consortiumIncomplete' */
    excluded: text(),
    /** the reasons the one rule gave at the opening (services/bids/standing.ts), per party */
    excludedReasons: jsonb().$type<Array<{ orgId: string | null; reason: { code: string } & Record<string, unknown> }>>(),
    /**
     * Where the bid was last sent from (its submission, or its last edit): the client's address and
     * the browser's device mark (a random id its cookie keeps) with its user agent. Bid data, sealed
     * like the price; after the opening only supervisors see them (a red flag compares them).
     */
    clientIp: text(),
    deviceId: text(),
    userAgent: text(),
    ...timestamps,
  },
  (t) => [unique().on(t.procurementId, t.agencyOrgId), index().on(t.agencyOrgId), check('bid_positive', sql`${t.priceFen} > 0 and ${t.committedDays} > 0`)],
)

export const bidPartyRole = pgEnum('bid_party_role', ['lead', 'member'])
export type BidPartyRole = (typeof bidPartyRole.enumValues)[number]
export const bidPartyStatus = pgEnum('bid_party_status', ['invited', 'accepted', 'declined', 'released'])
export type BidPartyStatus = (typeof bidPartyStatus.enumValues)[number]

/**
 * The parties to a bid, sealed with it (only services/bids/ reads this table). Every
 * bid has its lead, the bidder of `bids.agency_org_id`; a consortium bid (联合体) adds members, who
 * each accept the agreement (联合协议) before the deadline, and `itemIds` is the agreement's division
 * of the work. An agency stands (accepted) in one bid per procurement in whatever role: the partial
 * unique index holds that. An invitation binds nobody until accepted, so it cannot block the
 * invitee. Rows are never deleted: a changed consortium releases its old rows and invites again,
 * so the history stays, and a member that declined (`declineReason`) is not invited again by that bid.
 */
export const bidParties = pgTable(
  'bid_parties',
  {
    id: uuid().primaryKey().defaultRandom(),
    bidId: uuid().notNull().references(() => bids.id).$type<BidId>(),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    role: bidPartyRole().notNull(),
    itemIds: jsonb().$type<string[]>().notNull().default([]),
    status: bidPartyStatus().notNull(),
    invitedAt: tstz().notNull(),
    respondedBy: uuid().$type<UserId>(),
    respondedAt: tstz(),
    declineReason: text(),
  },
  (t) => [
    index().on(t.bidId),
    // An agency stands in one bid per procurement (its own, or one consortium it accepted); an
    // invitation holds nobody: it never blocks the invitee's own bid (docs/decisions/007).
    uniqueIndex('bid_parties_one_standing_per_procurement').on(t.procurementId, t.orgId).where(sql`${t.status} = 'accepted'`),
    index().on(t.orgId),
  ],
)
export type BidParty = typeof bidParties.$inferSelect

/**
 * 规则参数: what the market office sets (minimum announcement per method, the direct-commission
 * threshold, standstill and confirmation periods …). One row per key; changes are audited.
 */
export const marketRules = pgTable('market_rules', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: tstz().notNull(),
  updatedBy: uuid().$type<UserId>(),
})

export type Procurement = typeof procurements.$inferSelect
export type Bid = typeof bids.$inferSelect

/**
 * 中选: the result of a selection, one per procurement. `standstillEndsAt` closes the result notice
 * (公示期); `confirmedAt` is the winner's confirmation. One row per live offer: a declined or
 * lapsed offer is removed and the next candidate's written (the history stays in
 * selection_candidates and the audit log).
 */
export const awards = pgTable('awards', {
  procurementId: uuid().primaryKey().references(() => procurements.id).$type<ProcurementId>(),
  bidId: uuid().notNull().references(() => bids.id).$type<BidId>(),
  agencyOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
  priceFen: bigint({ mode: 'number' }).notNull(),
  committedDays: integer().notNull(),
  method: selectionMethod().notNull(),
  decidedAt: tstz().notNull(),
  standstillEndsAt: tstz().notNull(),
  /** the winner confirms before this (working days set by the office), or the next candidate is offered */
  confirmBy: tstz(),
  confirmedAt: tstz(),
})
export type Award = typeof awards.$inferSelect

/**
 * 合同: uploaded by the owner after the standstill, confirmed by the winner. The due date counts the
 * committed working days from the start date.
 */
export const contracts = pgTable('contracts', {
  procurementId: uuid().primaryKey().references(() => procurements.id).$type<ProcurementId>(),
  fileId: uuid().notNull(),
  priceFen: bigint({ mode: 'number' }).notNull(),
  startDate: date({ mode: 'string' }).notNull(),
  dueDate: date({ mode: 'string' }).notNull(),
  uploadedBy: uuid().notNull().$type<UserId>(),
  uploadedAt: tstz().notNull(),
  confirmedBy: uuid().$type<UserId>(),
  confirmedAt: tstz(),
  /** set once by the daily overdue check */
  overdueFlaggedAt: tstz(),
  /** 合同解除: the share of what escrow holds that goes back to the owner if the contract ends early (the rest pays the agency for work done) */
  terminationRefundPercent: integer().notNull().default(100),
  terminatedAt: tstz(),
  terminationReason: text(),
}, (t) => [check('contracts_termination_refund_percent', sql`${t.terminationRefundPercent} between 0 and 100`)])
export type Contract = typeof contracts.$inferSelect

export const deliveryDecision = pgEnum('delivery_decision', ['accepted', 'returned'])

/** 服务成果: each delivery, and the owner's decision on it within the acceptance period. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    fileId: uuid().notNull(),
    note: text().notNull().default(''),
    deliveredBy: uuid().notNull().$type<UserId>(),
    deliveredAt: tstz().notNull(),
    decideBy: tstz().notNull(),
    decision: deliveryDecision(),
    reason: text(),
    decidedBy: uuid().$type<UserId>(),
    decidedAt: tstz(),
    /** set once when the owner let the acceptance period pass */
    overdueFlaggedAt: tstz(),
  },
  (t) => [index().on(t.procurementId)],
)
export type Delivery = typeof deliveries.$inferSelect

/** 评价: the owner's rating of a finished service, 1–5 on each point; the credit system reads it. */
export const evaluations = pgTable('evaluations', {
  procurementId: uuid().primaryKey().references(() => procurements.id).$type<ProcurementId>(),
  agencyOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
  quality: integer().notNull(),
  timeliness: integer().notNull(),
  /** 服务态度 */
  conduct: integer().notNull(),
  /** 收费 and 执业规范: the fourth and fifth points, null on evaluations made before they were asked */
  fees: integer(),
  compliance: integer(),
  comment: text().notNull().default(''),
  createdBy: uuid().notNull().$type<UserId>(),
  createdAt: tstz().notNull(),
}, (t) => [index().on(t.agencyOrgId)])

/**
 * The other way: the agency's rating of the owner, 1–5 on paying on time and on cooperation, once
 * per procurement after acceptance. Public, and scored into the owner's credit.
 */
export const ownerEvaluations = pgTable('owner_evaluations', {
  procurementId: uuid().primaryKey().references(() => procurements.id).$type<ProcurementId>(),
  ownerOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
  agencyOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
  payment: integer().notNull(),
  cooperation: integer().notNull(),
  comment: text().notNull().default(''),
  createdBy: uuid().notNull().$type<UserId>(),
  createdAt: tstz().notNull(),
}, (t) => [index().on(t.ownerOrgId)])
export type OwnerEvaluation = typeof ownerEvaluations.$inferSelect

/**
 * 信用记录 as they happen (an overdue service, a declined award …): what the credit system will
 * score. `dedupeKey` keeps a job that runs twice from recording twice.
 */
export const creditEvents = pgTable(
  'credit_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    kind: text().notNull(),
    procurementId: uuid().references(() => procurements.id).$type<ProcurementId>(),
    occurredAt: tstz().notNull(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text().notNull().unique(),
    /** an event withdrawn (an appeal upheld, a credit repaired) stays, marked, and no longer counts */
    voidedAt: tstz(),
    voidedBy: uuid().$type<UserId>(),
    voidReason: text(),
  },
  // Scoring reads an organization's events of the window (id, kind, day, voided) from this index
  // alone: an index-only scan, not a heap page per event scattered over years of inserts.
  (t) => [index('credit_events_scoring').on(t.orgId, t.occurredAt, t.kind, t.voidedAt, t.id)],
)

/**
 * 答疑: agencies ask, the owner answers publicly. Who asked is kept (for abuse control and to tell
 * the asker) but no query shows it to anyone but the asker, and the audit log holds a seal.
 */
export const clarifications = pgTable(
  'clarifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    askedByOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    question: text().notNull(),
    askedAt: tstz().notNull(),
    answer: text(),
    answeredAt: tstz(),
    answeredBy: uuid().$type<UserId>(),
  },
  (t) => [index().on(t.procurementId, t.askedAt)],
)

export const directApprovalDecision = pgEnum('direct_approval_decision', ['approved', 'rejected'])

/**
 * A direct commission above the marketplace's limit is an exception: the market office approves
 * it, with its reason, before it may be published (local rules on 直接委托 above the limit). The
 * request records what is approved (the max price and the named agency as they stood); a draft
 * changed after the approval needs a new one. Never deleted.
 */
export const directApprovals = pgTable(
  'direct_approvals',
  {
    id: uuid().primaryKey().defaultRandom(),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    maxPriceFen: bigint({ mode: 'number' }).notNull(),
    directAgencyId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    /** the owner's reason for commissioning directly, as it was when asked */
    reason: text().notNull(),
    requestedBy: uuid().notNull().$type<UserId>(),
    requestedAt: tstz().notNull(),
    decision: directApprovalDecision(),
    decidedBy: uuid().$type<UserId>(),
    decidedAt: tstz(),
    decisionReason: text(),
  },
  (t) => [index().on(t.procurementId), uniqueIndex('direct_approvals_one_open').on(t.procurementId).where(sql`${t.decision} is null`)],
)
export type DirectApproval = typeof directApprovals.$inferSelect
