import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { OrgId, ProcurementId, UserId } from './ids'
import { organizations } from './orgs'
import { procurements } from './procurement'

/** What an objection or a complaint is about, each with its window (services/procurement/objections.ts). */
export const objectionMatter = pgEnum('objection_matter', ['terms', 'result', 'qualification'])
export type ObjectionMatter = (typeof objectionMatter.enumValues)[number]
/** The objection's states: draft → submitted → answered → resolved or not_resolved (the bidder's verdict). */
export const objectionStatus = pgEnum('objection_status', ['draft', 'submitted', 'answered', 'resolved', 'not_resolved'])
export type ObjectionStatus = (typeof objectionStatus.enumValues)[number]

/**
 * 异议, the first tier (a claim to the owner): on the announcement's terms before the deadline, on
 * the result during the standstill, or on the bidder's own exclusion within 5 working days. The
 * owner answers by `answerDueAt`; the bidder then says whether the answer resolves it. Not resolved
 * (or not answered in time), it may be escalated to a complaint by `escalateBy`. While one on the
 * result waits for its answer or its escalation, no contract.
 */
export const objections = pgTable(
  'objections',
  {
    id: uuid().primaryKey().defaultRandom(),
    procurementId: uuid().notNull().references(() => procurements.id).$type<ProcurementId>(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    matter: objectionMatter().notNull().default('result'),
    status: objectionStatus().notNull().default('submitted'),
    /** a code of VIOLATION_TYPES */
    violation: text().notNull().default('other'),
    /** the remedy asked for, a code of REMEDIES */
    remedy: text(),
    text: text().notNull(),
    raisedBy: uuid().notNull().$type<UserId>(),
    /** a draft's last save; once submitted, the submission */
    raisedAt: tstz().notNull(),
    answerDueAt: tstz(),
    response: text(),
    respondedBy: uuid().$type<UserId>(),
    respondedAt: tstz(),
    /** the bidder's verdict on the answer (resolved / not_resolved) */
    judgedAt: tstz(),
    /** the last moment to escalate to a complaint: after the answer, or after its due date when none came */
    escalateBy: tstz(),
  },
  (t) => [index().on(t.procurementId), index().on(t.orgId, t.status)],
)
export type Objection = typeof objections.$inferSelect

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

/** Why a monitoring was opened. */
export const monitoringReason = pgEnum('monitoring_reason', ['red_flag', 'complaint', 'media', 'spot_check', 'public'])
export type MonitoringReason = (typeof monitoringReason.enumValues)[number]
/** open → rectifying (findings that ask for it) or closed; rectifying → reported → closed or escalated; rectifying past due → escalated. */
export const monitoringStatus = pgEnum('monitoring_status', ['open', 'rectifying', 'reported', 'closed', 'escalated'])
export type MonitoringStatus = (typeof monitoringStatus.enumValues)[number]

/**
 * 监督检查: the office looks into a procurement (its owner or its winner answering) or an agency,
 * for a stated reason. It asks questions, each with a due date; concludes with findings, which may
 * ask the party for a rectification report within 10 working days (整改); then accepts the report
 * or escalates to a sanction (`sanctionId`). Public once concluded.
 */
export const monitorings = pgTable(
  'monitorings',
  {
    id: uuid().primaryKey().defaultRandom(),
    procurementId: uuid().references(() => procurements.id).$type<ProcurementId>(),
    partyOrgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    reason: monitoringReason().notNull(),
    reasonNote: text().notNull(),
    /** what opened it: a red flag's or a complaint's id */
    sourceId: uuid(),
    status: monitoringStatus().notNull().default('open'),
    openedBy: uuid().notNull().$type<UserId>(),
    openedAt: tstz().notNull(),
    findings: text(),
    concludedBy: uuid().$type<UserId>(),
    concludedAt: tstz(),
    rectifyBy: tstz(),
    reportText: text(),
    reportFileId: uuid(),
    reportedBy: uuid().$type<UserId>(),
    reportedAt: tstz(),
    decisionNote: text(),
    decidedBy: uuid().$type<UserId>(),
    decidedAt: tstz(),
    sanctionId: uuid(),
  },
  (t) => [index().on(t.status, t.openedAt), index().on(t.partyOrgId), index().on(t.procurementId)],
)
export type Monitoring = typeof monitorings.$inferSelect

/** A supervisor's question in a monitoring, with its due date, and the party's answer. */
export const monitoringQuestions = pgTable(
  'monitoring_questions',
  {
    id: uuid().primaryKey().defaultRandom(),
    monitoringId: uuid().notNull().references(() => monitorings.id),
    question: text().notNull(),
    askedBy: uuid().notNull().$type<UserId>(),
    askedAt: tstz().notNull(),
    dueAt: tstz().notNull(),
    answer: text(),
    answeredBy: uuid().$type<UserId>(),
    answeredAt: tstz(),
  },
  (t) => [index().on(t.monitoringId, t.askedAt)],
)

export const redFlagStatus = pgEnum('red_flag_status', ['open', 'dismissed', 'monitoring'])
export type RedFlagStatus = (typeof redFlagStatus.enumValues)[number]

/**
 * 风险预警: a rule's finding (services/supervision/red-flags.ts), one per rule and subject (a
 * procurement, a delivery, a region × category × agency, a set of bidders), with its evidence and
 * the procurements it concerns. A reason to review, never a verdict: the office dismisses it with a
 * reason, or acts on it by opening a monitoring. Found again, its evidence is refreshed and its
 * state kept.
 */
export const redFlags = pgTable(
  'red_flags',
  {
    id: uuid().primaryKey().defaultRandom(),
    rule: text().notNull(),
    subjectKey: text().notNull(),
    procurementIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    orgId: uuid().$type<OrgId>(),
    evidence: jsonb().$type<Record<string, unknown>>().notNull(),
    status: redFlagStatus().notNull().default('open'),
    raisedAt: tstz().notNull(),
    refreshedAt: tstz().notNull(),
    dismissedBy: uuid().$type<UserId>(),
    dismissedAt: tstz(),
    dismissReason: text(),
    monitoringId: uuid(),
  },
  (t) => [uniqueIndex().on(t.rule, t.subjectKey), index().on(t.status, t.raisedAt), index('red_flags_procurements').using('gin', t.procurementIds)],
)
export type RedFlag = typeof redFlags.$inferSelect

/** The office's threshold of a rule for a selection method ('*': the rule's one threshold), within the rule's bounds. */
export const redFlagThresholds = pgTable(
  'red_flag_thresholds',
  {
    rule: text().notNull(),
    method: text().notNull(),
    value: integer().notNull(),
    updatedBy: uuid().notNull().$type<UserId>(),
    updatedAt: tstz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.rule, t.method] })],
)
