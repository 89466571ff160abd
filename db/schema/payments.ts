import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { OrgId, ProcurementId, UserId } from './ids'
import { organizations } from './orgs'
import { procurements } from './procurement'

/**
 * 资金托管: the contract's amount, held by the payment provider from the owner's funding until the
 * acceptance, then released to the agency (or refunded to the owner on a termination).
 */

/** 付款计划: what the owner funds, in one or more milestones agreed in the contract, each by its day. */
export const paymentMilestones = pgTable(
  'payment_milestones',
  {
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    seq: integer().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    /** the last Shanghai day to fund it (working days from the contract's start) */
    fundBy: date({ mode: 'string' }).notNull(),
    /** set once by the daily check when the day passed unfunded (a credit event of the owner) */
    overdueFlaggedAt: tstz(),
  },
  (t) => [primaryKey({ columns: [t.procurementId, t.seq] }), check('payment_milestones_amount_positive', sql`${t.amountFen} > 0`)],
)
export type PaymentMilestone = typeof paymentMilestones.$inferSelect

/**
 * creating: asked of the provider, no answer yet (a timeout leaves it here until reconciled);
 * pending: the provider has it, not funded yet; held: in escrow; declined: the provider refused it;
 * settled: all of it released to the agency or refunded to the owner.
 */
export const paymentStatus = pgEnum('payment_status', ['creating', 'pending', 'held', 'declined', 'settled'])
export type PaymentStatus = (typeof paymentStatus.enumValues)[number]

/**
 * One funding of a milestone at the provider. Its id is the idempotency key of the provider's
 * create call and the reference the provider's events carry, so a retried or reconciled call
 * finds the same payment: the owner is charged once. Released and refunded amounts only grow.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    milestoneSeq: integer().notNull(),
    payerOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    payeeOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    status: paymentStatus().notNull().default('creating'),
    providerId: text(),
    releasedFen: bigint({ mode: 'number' }).notNull().default(0),
    refundedFen: bigint({ mode: 'number' }).notNull().default(0),
    declineCode: text(),
    createdBy: uuid().$type<UserId>(),
    createdAt: tstz().notNull(),
    updatedAt: tstz().notNull(),
    heldAt: tstz(),
    settledAt: tstz(),
    /** when the release (or the refund) was asked of the provider; the reconcile job repeats it if no answer came */
    releaseRequestedAt: tstz(),
    refundRequestedAt: tstz(),
    /** on a termination: how much of it goes back to the owner (the rest to the agency), fixed when the settlement is asked */
    settleRefundFen: bigint({ mode: 'number' }),
  },
  (t) => [
    // One live payment per milestone: a double click, or two tabs, make one.
    uniqueIndex('payments_one_live_per_milestone').on(t.procurementId, t.milestoneSeq).where(sql`${t.status} <> 'declined'`),
    uniqueIndex().on(t.providerId),
    index().on(t.status, t.updatedAt),
    check('payments_amounts', sql`${t.amountFen} > 0 and ${t.releasedFen} >= 0 and ${t.refundedFen} >= 0 and ${t.releasedFen} + ${t.refundedFen} <= ${t.amountFen}`),
  ],
)
export type Payment = typeof payments.$inferSelect

/** Every provider event received: its id once (a duplicate does nothing), and whether it moved anything. */
export const paymentEvents = pgTable('payment_events', {
  id: text().primaryKey(),
  type: text().notNull(),
  paymentId: uuid().references(() => payments.id),
  /** false: a duplicate of what was known, or older than it (an out-of-order event never moves a payment back) */
  applied: boolean().notNull(),
  occurredAt: tstz().notNull(),
  receivedAt: tstz().notNull(),
})

export const ledgerAccount = pgEnum('ledger_account', ['payer', 'escrow', 'payee'])
export const ledgerKind = pgEnum('ledger_kind', ['fund', 'release', 'refund'])

/**
 * 台账: an append-only, double-entry ledger in fen. A movement's entries sum to zero (the database
 * checks it at commit); the owner's account is debited when escrow is funded, escrow when money is
 * released to the agency or refunded.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    movementId: uuid().notNull(),
    paymentId: uuid().notNull().references(() => payments.id),
    kind: ledgerKind().notNull(),
    account: ledgerAccount().notNull(),
    /** the payer or payee organization; null for escrow */
    orgId: uuid().references(() => organizations.id).$type<OrgId>(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    at: tstz().notNull(),
    detail: jsonb().notNull().default({}),
  },
  (t) => [index().on(t.paymentId), index().on(t.movementId), check('ledger_entries_nonzero', sql`${t.amountFen} <> 0`)],
)
export type LedgerEntry = typeof ledgerEntries.$inferSelect

/**
 * The local provider's own store (services/payments/local-provider.ts), for development and the
 * demo: what a real provider would keep on its side. The app never reads it.
 */
export const localProviderRecords = pgTable('local_provider_records', {
  key: text().primaryKey(),
  body: jsonb().notNull(),
  updatedAt: tstz().notNull(),
})
