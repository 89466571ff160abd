import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type * as z from 'zod'
import type { Db } from '../../db/client'
import { awards, monitoringQuestions, monitorings, organizations, procurements, type Monitoring, type MonitoringStatus, type OrgId, type ProcurementId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { bidOrigins } from '../bids'
import { deadlineFrom } from '../calendar'
import { issueYellowCard, proposeSanction, type SanctionInput } from '../credit'
import { storeScan } from '../files'
import { notify } from '../notifications'
import { loadRules } from '../market/rules'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { flagUnderMonitoring } from './red-flags'
import { RECTIFICATION_DAYS, type acceptRectificationSchema, type concludeSchema, type monitoringQuestionSchema, type openMonitoringSchema } from './monitoring-input'

export { MONITORING_REASONS, RECTIFICATION_DAYS, acceptRectificationSchema, concludeSchema, monitoringAnswerSchema, monitoringQuestionSchema, openMonitoringSchema, rectificationSchema } from './monitoring-input'

/**
 * 监督检查: the office looks into a procurement or an agency. Open, it asks the party questions with
 * due dates; it concludes with findings, asking (or not) for a rectification report within 10
 * working days; the report is accepted, or the matter escalated to a sanction of the credit system
 * (a yellow card issued, or a suspension or blacklisting proposed for a second user's approval).
 * Escalation needs an agency as the party; a rectification never sent may be escalated once due.
 * Concluded, it is public: the reason, the findings, the report and the decision.
 */
type Step = 'conclude' | 'report' | 'accept' | 'escalate'
const STEPS: Record<Step, readonly MonitoringStatus[]> = {
  conclude: ['open'],
  report: ['rectifying'],
  accept: ['reported'],
  escalate: ['rectifying', 'reported'],
}
export const CONCLUDED: readonly MonitoringStatus[] = ['rectifying', 'reported', 'closed', 'escalated']

/** The monitoring's one state machine: refused with `errors.illegalStep` out of order. */
export function monitoringStep(step: Step, from: MonitoringStatus) {
  if (!STEPS[step].includes(from)) throw new DomainError('errors.illegalStep', undefined, { action: `monitoring.${step}`, from })
}

type UserActor = Actor & { userId: UserId }

/**
 * The subject of a new monitoring: a procurement (its owner or its winner answers) or an agency,
 * by id, or found by what a supervisor types (`q`): a procurement's number or an agency's USCC.
 */
export async function monitoringSubject(db: Db, query: { procurement?: string | null; agency?: string | null; q?: string | null }): Promise<Awaited<ReturnType<typeof subjectById>>> {
  const q = query.q?.trim().toUpperCase()
  if (q && /^[0-9A-Z]{18}$/.test(q)) {
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.uscc, q), eq(organizations.kind, 'agency')))
    return org ? subjectById(db, { agency: org.id }) : null
  }
  if (q) {
    const [p] = await db.select({ id: procurements.id }).from(procurements).where(eq(procurements.number, q))
    return p ? subjectById(db, { procurement: p.id }) : null
  }
  return subjectById(db, query)
}

async function subjectById(db: Db, query: { procurement?: string | null; agency?: string | null }) {
  if (query.procurement && isUuid(query.procurement)) {
    const [row] = await db
      .select({ id: procurements.id, number: procurements.number, title: procurements.title, ownerOrgId: procurements.ownerOrgId, winnerOrgId: awards.agencyOrgId })
      .from(procurements)
      .leftJoin(awards, eq(awards.procurementId, procurements.id))
      .where(eq(procurements.id, query.procurement as ProcurementId))
    return row ? { kind: 'procurement' as const, ...row } : null
  }
  if (query.agency && isUuid(query.agency)) {
    const [org] = await db.select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(and(eq(organizations.id, query.agency as OrgId), eq(organizations.kind, 'agency')))
    return org ? { kind: 'agency' as const, ...org } : null
  }
  return null
}

export async function openMonitoring(db: Db, clock: Clock, actor: UserActor, subject: { procurement?: string | null; agency?: string | null; q?: string | null }, input: z.infer<typeof openMonitoringSchema>) {
  return db.transaction(async (tx) => {
    const found = await monitoringSubject(tx, subject)
    if (!found) throw new DomainError('errors.notFound')
    const party = found.kind === 'agency' ? found.id : input.party === 'owner' ? found.ownerOrgId : input.party === 'winner' ? found.winnerOrgId : null
    if (!party || (found.kind === 'agency') !== (input.party === 'agency')) throw new DomainError('errors.choose', 'party')
    const now = clock.now()
    const [row] = await tx
      .insert(monitorings)
      .values({ procurementId: found.kind === 'procurement' ? found.id : null, partyOrgId: party, reason: input.reason, reasonNote: input.note, sourceId: isUuid(input.sourceId) ? input.sourceId : null, openedBy: actor.userId, openedAt: now })
      .returning()
    if (input.reason === 'red_flag' && isUuid(input.sourceId)) await flagUnderMonitoring(tx, input.sourceId, row!.id)
    await appendAudit(tx, { actor, action: 'monitoring.open', entityType: 'organization', entityId: party, after: { monitoringId: row!.id, procurementId: row!.procurementId, reason: input.reason, note: input.note }, at: now })
    await notify(tx, { orgId: party, kind: 'monitoringOpened', params: {}, link: `/monitoring/${row!.id}`, at: now })
    return row!
  })
}

async function lock(tx: Db, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const [m] = await tx.select().from(monitorings).where(eq(monitorings.id, id)).for('update')
  if (!m) throw new DomainError('errors.notFound')
  return m
}

const audit = (tx: Db, actor: Actor, m: Monitoring, action: 'monitoring.ask' | 'monitoring.answer' | 'monitoring.conclude' | 'monitoring.report' | 'monitoring.accept' | 'monitoring.escalate', after: Record<string, unknown>, at: Date) =>
  appendAudit(tx, { actor, action, entityType: 'organization', entityId: m.partyOrgId, after: { monitoringId: m.id, ...after }, at })

/** A question to the party, due in so many working days. */
export async function askMonitoringQuestion(db: Db, clock: Clock, actor: UserActor, id: string, input: z.infer<typeof monitoringQuestionSchema>) {
  return db.transaction(async (tx) => {
    const m = await lock(tx, id)
    if (m.status !== 'open') throw new DomainError('errors.illegalStep', undefined, { action: 'monitoring.ask', from: m.status })
    const now = clock.now()
    const dueAt = await deadlineFrom(tx, await loadRules(tx), now, input.days)
    await tx.insert(monitoringQuestions).values({ monitoringId: m.id, question: input.question, askedBy: actor.userId, askedAt: now, dueAt })
    await audit(tx, actor, m, 'monitoring.ask', { question: input.question, dueAt: dueAt.toISOString() }, now)
    await notify(tx, { orgId: m.partyOrgId, kind: 'monitoringQuestion', params: { by: dueAt.toISOString() }, link: `/monitoring/${m.id}`, at: now })
  })
}

/** The party answers a question (once; late answers are taken and shown as late). */
export async function answerMonitoringQuestion(db: Db, clock: Clock, actor: UserActor, id: string, questionId: string, answer: string) {
  return db.transaction(async (tx) => {
    const m = await lock(tx, id)
    if (m.partyOrgId !== actor.orgId) throw new DomainError('errors.notFound')
    const [q] = await tx.select().from(monitoringQuestions).where(and(eq(monitoringQuestions.id, questionId), eq(monitoringQuestions.monitoringId, m.id))).for('update')
    if (!q) throw new DomainError('errors.notFound')
    if (q.answer) throw new DomainError('errors.alreadyAnswered')
    const now = clock.now()
    await tx.update(monitoringQuestions).set({ answer, answeredBy: actor.userId, answeredAt: now }).where(eq(monitoringQuestions.id, q.id))
    await audit(tx, actor, m, 'monitoring.answer', { questionId, late: now > q.dueAt }, now)
  })
}

/** The findings: closed, or a rectification report asked for within 10 working days. */
export async function concludeMonitoring(db: Db, clock: Clock, actor: UserActor, id: string, input: z.infer<typeof concludeSchema>) {
  return db.transaction(async (tx) => {
    const m = await lock(tx, id)
    monitoringStep('conclude', m.status)
    const now = clock.now()
    const rectifyBy = input.rectify === 'yes' ? await deadlineFrom(tx, await loadRules(tx), now, RECTIFICATION_DAYS) : null
    const status = rectifyBy ? 'rectifying' : 'closed'
    await tx.update(monitorings).set({ status, findings: input.findings, concludedBy: actor.userId, concludedAt: now, rectifyBy }).where(eq(monitorings.id, m.id))
    await audit(tx, actor, m, 'monitoring.conclude', { status, findings: input.findings, rectifyBy: rectifyBy?.toISOString() ?? null }, now)
    await notify(tx, { orgId: m.partyOrgId, kind: rectifyBy ? 'rectificationAsked' : 'monitoringClosed', params: rectifyBy ? { by: rectifyBy.toISOString() } : {}, link: `/monitoring/${m.id}`, at: now })
    return status
  })
}

/** The party's rectification report, with an optional document, before its due date. */
export async function reportRectification(db: Db, clock: Clock, actor: UserActor, id: string, report: string, file: Uint8Array) {
  return db.transaction(async (tx) => {
    const m = await lock(tx, id)
    if (m.partyOrgId !== actor.orgId) throw new DomainError('errors.notFound')
    monitoringStep('report', m.status)
    const now = clock.now()
    if (m.rectifyBy && now >= m.rectifyBy) throw new DomainError('mon.error.rectificationLate')
    const fileId = file.length ? await storeScan(tx, { orgId: actor.orgId, userId: actor.userId, bytes: file, field: 'file', at: now, purpose: 'rectification', name: 'rectification' }) : null
    await tx.update(monitorings).set({ status: 'reported', reportText: report, reportFileId: fileId, reportedBy: actor.userId, reportedAt: now }).where(eq(monitorings.id, m.id))
    await audit(tx, actor, m, 'monitoring.report', { report, fileId }, now)
    const offices = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))
    for (const o of offices) await notify(tx, { orgId: o.id, kind: 'rectificationReported', params: {}, link: `/monitoring/${m.id}`, at: now })
  })
}

/** The office accepts the report: the monitoring is closed. */
export async function acceptRectification(db: Db, clock: Clock, actor: UserActor, id: string, input: z.infer<typeof acceptRectificationSchema>) {
  return db.transaction(async (tx) => {
    const m = await lock(tx, id)
    monitoringStep('accept', m.status)
    const now = clock.now()
    await tx.update(monitorings).set({ status: 'closed', decisionNote: input.note, decidedBy: actor.userId, decidedAt: now }).where(eq(monitorings.id, m.id))
    await audit(tx, actor, m, 'monitoring.accept', { note: input.note }, now)
    await notify(tx, { orgId: m.partyOrgId, kind: 'monitoringClosed', params: {}, link: `/monitoring/${m.id}`, at: now })
  })
}

/**
 * Escalation to a sanction of the party (an agency): a yellow card issued now, or a suspension or
 * blacklisting proposed for a second user's approval, in the same transaction. From a report, or
 * from a rectification whose due date passed without one.
 */
export async function escalateMonitoring(db: Db, clock: Clock, actor: UserActor, id: string, input: SanctionInput) {
  return db.transaction(async (tx) => {
    const m = await lock(tx, id)
    monitoringStep('escalate', m.status)
    const now = clock.now()
    if (m.status === 'rectifying' && m.rectifyBy && now < m.rectifyBy) throw new DomainError('mon.error.rectificationPending')
    const [party] = await tx.select({ kind: organizations.kind, uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, m.partyOrgId))
    if (party?.kind !== 'agency') throw new DomainError('mon.error.escalateAgencyOnly')
    const sanctionInput = { ...input, uscc: party.uscc }
    const sanction = input.kind === 'yellow_card' ? (await issueYellowCard(tx, clock, actor, sanctionInput)).card : await proposeSanction(tx, clock, actor, sanctionInput)
    await tx.update(monitorings).set({ status: 'escalated', decisionNote: input.reason, decidedBy: actor.userId, decidedAt: now, sanctionId: sanction.id }).where(eq(monitorings.id, m.id))
    await audit(tx, actor, m, 'monitoring.escalate', { sanctionId: sanction.id, kind: input.kind }, now)
    return sanction
  })
}

const listColumns = {
  id: monitorings.id,
  status: monitorings.status,
  reason: monitorings.reason,
  openedAt: monitorings.openedAt,
  concludedAt: monitorings.concludedAt,
  rectifyBy: monitorings.rectifyBy,
  procurementId: monitorings.procurementId,
  number: procurements.number,
  title: procurements.title,
  partyZh: organizations.nameZh,
  partyEn: organizations.nameEn,
}

/** The office's list (every monitoring, open first), or the public's (concluded ones), or a party's own. */
export async function listMonitorings(db: Db, scope: { office: true } | { office?: false; partyOrgId?: OrgId }, limit = 200) {
  const q = db.select(listColumns).from(monitorings).innerJoin(organizations, eq(organizations.id, monitorings.partyOrgId)).leftJoin(procurements, eq(procurements.id, monitorings.procurementId))
  if ('office' in scope && scope.office) return q.orderBy(asc(monitorings.status), desc(monitorings.openedAt)).limit(limit)
  const party = !('office' in scope && scope.office) ? scope.partyOrgId : undefined
  return q.where(party ? eq(monitorings.partyOrgId, party) : inArray(monitorings.status, [...CONCLUDED])).orderBy(desc(monitorings.concludedAt), desc(monitorings.openedAt)).limit(limit)
}

/**
 * One monitoring as the viewer may see it: the office and the party whole at any time; anyone
 * else once concluded (questions and answers included). Null when the viewer may not see it. The
 * office also sees where a procurement's bids were sent from.
 */
export async function monitoringDetail(db: Db, id: string, viewer: { orgId?: OrgId; office: boolean }) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ m: monitorings, number: procurements.number, title: procurements.title, partyZh: organizations.nameZh, partyEn: organizations.nameEn, partyKind: organizations.kind, partyUscc: organizations.uscc })
    .from(monitorings)
    .innerJoin(organizations, eq(organizations.id, monitorings.partyOrgId))
    .leftJoin(procurements, eq(procurements.id, monitorings.procurementId))
    .where(eq(monitorings.id, id))
  if (!row) return null
  const party = viewer.orgId === row.m.partyOrgId
  if (!viewer.office && !party && !CONCLUDED.includes(row.m.status)) return null
  const questions = await db.select().from(monitoringQuestions).where(eq(monitoringQuestions.monitoringId, row.m.id)).orderBy(asc(monitoringQuestions.askedAt))
  const origins = viewer.office && row.m.procurementId ? await bidOrigins(db, row.m.procurementId) : []
  return { ...row, questions, origins, party }
}
