import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { OrgId, UserId } from './ids'
import { organizations } from './orgs'

/** The supervisors' measures against an agency. Yellow cards come with the credit system. */
export const sanctionKind = pgEnum('sanction_kind', ['blacklist'])
export type SanctionKind = (typeof sanctionKind.enumValues)[number]

/**
 * 失信名单 and the measures to come: a decision by a supervisor against an organization, for a term
 * of Shanghai days (inclusive; no end: until lifted). A measure is never deleted; lifting it early
 * records who lifted it and why, and the audit log holds both steps.
 */
export const sanctions = pgTable(
  'sanctions',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    kind: sanctionKind().notNull(),
    reason: text().notNull(),
    /** the decision's reference (文号), shown with it */
    decisionNo: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }),
    decidedBy: uuid().notNull().$type<UserId>(),
    decidedAt: tstz().notNull(),
    liftedAt: tstz(),
    liftedBy: uuid().$type<UserId>(),
    liftReason: text(),
  },
  (t) => [index().on(t.orgId, t.kind), check('sanction_term', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`)],
)
export type Sanction = typeof sanctions.$inferSelect

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
