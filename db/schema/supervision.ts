import { index, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { OrgId, ProcurementId, UserId } from './ids'
import { organizations } from './orgs'
import { objectionMatter, objections, procurements } from './procurement'

/** pending → accepted or invalid; accepted → upheld, dismissed; pending or accepted → withdrawn. */
export const complaintStatus = pgEnum('complaint_status', ['pending', 'accepted', 'invalid', 'upheld', 'dismissed', 'withdrawn'])
export type ComplaintStatus = (typeof complaintStatus.enumValues)[number]

/**
 * 投诉, the second tier: an objection the owner did not resolve, taken to the supervisor (the market
 * office). It keeps the objection's matter and violation type, with the remedy asked for, the
 * arguments and evidence files. The office accepts it (or finds it invalid) by `acceptBy`, and
 * decides by `decideBy`; upheld, the remedy it orders (`remedyApplied`) runs through the
 * procurement's lifecycle. One complaint per objection; a matter decided cannot be filed again.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid().primaryKey().defaultRandom(),
    objectionId: uuid().notNull().references(() => objections.id),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    matter: objectionMatter().notNull(),
    violation: text().notNull(),
    remedy: text().notNull(),
    arguments: text().notNull(),
    evidenceFileIds: jsonb().$type<string[]>().notNull().default([]),
    status: complaintStatus().notNull().default('pending'),
    filedBy: uuid().notNull().$type<UserId>(),
    filedAt: tstz().notNull(),
    acceptBy: tstz().notNull(),
    reviewedBy: uuid().$type<UserId>(),
    reviewedAt: tstz(),
    /** why it is invalid */
    reviewNote: text(),
    decideBy: tstz(),
    decidedBy: uuid().$type<UserId>(),
    decidedAt: tstz(),
    decision: text(),
    /** the remedy ordered when upheld, a code of REMEDIES */
    remedyApplied: text(),
    /** the new draft a re-announcement made */
    reannouncedAs: uuid().$type<ProcurementId>(),
    withdrawnAt: tstz(),
  },
  (t) => [uniqueIndex().on(t.objectionId), index().on(t.status, t.filedAt), index().on(t.procurementId), index().on(t.orgId)],
)
export type Complaint = typeof complaints.$inferSelect
