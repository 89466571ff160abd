import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { OrgId, UserId } from './ids'
import { organizations } from './orgs'

/**
 * The supervisors' measures against an agency: 列入失信名单 (1–3 years), 黄牌警告 (a warning, 6 months
 * by default) and 暂停 (a short exclusion pending an investigation).
 */
export const sanctionKind = pgEnum('sanction_kind', ['blacklist', 'yellow_card', 'suspension'])
export type SanctionKind = (typeof sanctionKind.enumValues)[number]

/**
 * A measure against an organization, for a term of Shanghai days (inclusive; no end: until lifted,
 * which only listings made before terms were bounded have). A blacklisting or a suspension is
 * proposed by one office user and takes effect when another approves it (`decidedBy`); a yellow
 * card is decided by the one who issues it. A measure is never deleted: a refused proposal keeps
 * who refused it and why, lifting records who lifted it and why, and the audit log holds each step.
 */
export const sanctions = pgTable(
  'sanctions',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    kind: sanctionKind().notNull(),
    reason: text().notNull(),
    /** the rule the decision rests on (法律依据), public with it; empty on listings made before it was asked */
    legalBasis: text().notNull().default(''),
    /** the decision's reference (文号), shown with it */
    decisionNo: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }),
    proposedBy: uuid().$type<UserId>(),
    proposedAt: tstz(),
    /** who approved it (for a yellow card: who issued it), and when; null while only proposed */
    decidedBy: uuid().$type<UserId>(),
    decidedAt: tstz(),
    refusedAt: tstz(),
    refusedBy: uuid().$type<UserId>(),
    refuseReason: text(),
    liftedAt: tstz(),
    liftedBy: uuid().$type<UserId>(),
    liftReason: text(),
  },
  (t) => [index().on(t.orgId, t.kind), check('sanction_term', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`)],
)
export type Sanction = typeof sanctions.$inferSelect

export const petitionKind = pgEnum('petition_kind', ['appeal', 'repair'])
export type PetitionKind = (typeof petitionKind.enumValues)[number]
export const petitionOutcome = pgEnum('petition_outcome', ['granted', 'refused'])

/**
 * What an agency asks a supervisor about its credit: 申诉, an appeal against an owner's evaluation
 * (once per evaluation), and 信用修复, the repair of a yellow card, a blacklisting or a negative
 * credit event after its minimum time, with evidence of what was put right. Granted, the event no
 * longer counts (voided) and the measure is lifted; either way the decision and its note are kept.
 */
export const creditPetitions = pgTable(
  'credit_petitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: petitionKind().notNull(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    /** an appeal: the evaluated procurement */
    procurementId: uuid(),
    /** a repair: the measure, or the event */
    sanctionId: uuid().references(() => sanctions.id),
    eventId: uuid(),
    /** the appeal's reason, or the repair's evidence */
    statement: text().notNull(),
    filedBy: uuid().notNull().$type<UserId>(),
    filedAt: tstz().notNull(),
    outcome: petitionOutcome(),
    decidedBy: uuid().$type<UserId>(),
    decidedAt: tstz(),
    decisionNote: text(),
  },
  (t) => [
    index().on(t.orgId),
    uniqueIndex('credit_petitions_one_appeal').on(t.procurementId).where(sql`${t.kind} = 'appeal'`),
    uniqueIndex('credit_petitions_one_open_repair_of_sanction').on(t.sanctionId).where(sql`${t.kind} = 'repair' and ${t.outcome} is null`),
    uniqueIndex('credit_petitions_one_open_repair_of_event').on(t.eventId).where(sql`${t.kind} = 'repair' and ${t.outcome} is null`),
  ],
)
export type CreditPetition = typeof creditPetitions.$inferSelect

/**
 * 信用评价规则: the table the credit score is computed from (points and cap per event kind, the
 * grade thresholds, the window). Every edit by the market office is a new, published version;
 * none is changed or deleted. Without a row the built-in version 1 (services/credit/rules.ts)
 * applies. A new version recomputes every score in batches: `recomputeDone` of `recomputeTotal`
 * is its progress.
 */
export const creditRuleVersions = pgTable('credit_rule_versions', {
  version: integer().primaryKey(),
  table: jsonb().notNull(),
  note: text().notNull(),
  publishedAt: tstz().notNull(),
  publishedBy: uuid().$type<UserId>(),
  recomputeTotal: integer().notNull().default(0),
  recomputeDone: integer().notNull().default(0),
  recomputedAt: tstz(),
})
export type CreditRuleVersion = typeof creditRuleVersions.$inferSelect

/**
 * 信用分: each organization's score as last computed, from its events in the window under one rule
 * version. An organization without a row has no event and scores 100. `changesOn` is the Shanghai
 * day its oldest counted event leaves the window: the daily job recomputes it then.
 */
export const creditScores = pgTable(
  'credit_scores',
  {
    orgId: uuid().primaryKey().references(() => organizations.id).$type<OrgId>(),
    score: integer().notNull(),
    ruleVersion: integer().notNull(),
    computedAt: tstz().notNull(),
    changesOn: date({ mode: 'string' }),
  },
  (t) => [index().on(t.score), index().on(t.changesOn)],
)
export type CreditScore = typeof creditScores.$inferSelect

/**
 * 抽查: each quarter an authority draws a sample of the contracts finished in its categories
 * (default 10%). Its secret is committed when the check is announced and revealed by the draw
 * (purpose `spotcheck-<year>Q<n>`), so anyone can recompute the sample from the published record.
 */
export const spotChecks = pgTable(
  'spot_checks',
  {
    id: uuid().primaryKey().defaultRandom(),
    authorityOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    year: integer().notNull(),
    quarter: integer().notNull(),
    percent: integer().notNull(),
    /** hex, revealed in the draw's record; until then only its SHA-256 (`commitment`) is shown */
    secret: text().notNull(),
    commitment: text().notNull(),
    announcedBy: uuid().notNull().$type<UserId>(),
    announcedAt: tstz().notNull(),
    drawId: uuid(),
    drawnAt: tstz(),
  },
  (t) => [uniqueIndex('spot_checks_one_per_quarter').on(t.authorityOrgId, t.year, t.quarter), check('spot_check_quarter', sql`${t.quarter} between 1 and 4`)],
)
export type SpotCheck = typeof spotChecks.$inferSelect

/** A contract the draw picked, and the authority's score of its deliverables (0–100; 60 passes). */
export const spotCheckItems = pgTable(
  'spot_check_items',
  {
    spotCheckId: uuid().notNull().references(() => spotChecks.id),
    procurementId: uuid().notNull(),
    agencyOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    score: integer(),
    comment: text(),
    scoredBy: uuid().$type<UserId>(),
    scoredAt: tstz(),
  },
  (t) => [uniqueIndex('spot_check_items_pk').on(t.spotCheckId, t.procurementId), index().on(t.agencyOrgId)],
)
