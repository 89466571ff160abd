import { sql } from 'drizzle-orm'
import { check, date, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core'
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
