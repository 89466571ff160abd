import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or } from 'drizzle-orm'
import type { Db } from '../../db/client'
import {
  awards,
  complaints,
  objections,
  organizations,
  procurements,
  selectionCandidates,
  type Objection,
  type ObjectionMatter,
  type ObjectionStatus,
  type OrgId,
  type Procurement,
  type ProcurementId,
  type UserId,
} from '../../db/schema'
import { appendAudit } from '../audit'
import { deadlineFrom } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { loadRules } from '../market/rules'
import { ownBid } from '../bids'
import type { ObjectionInput } from './talk-input'

/**
 * 异议, the first tier of a party's challenge: a claim to the owner. Its matter sets its window:
 * the announcement's terms until the bid deadline (any agency), the result during the standstill
 * (a bidder), its own exclusion within 5 working days of it. The owner answers within 3 working
 * days; the bidder then says whether that resolves it, and if not (or with no answer in time) may
 * take it to the supervisor as a complaint within 5 working days (services/supervision).
 */
export { objectionAnswerSchema, objectionSchema, objectionVerdictSchema, OBJECTION_MATTERS, REMEDIES, VIOLATION_TYPES, type Remedy } from './talk-input'

/** At most this many objections sent per agency and procurement. */
export const OBJECTIONS_PER_BIDDER = 3
/** Working days the owner has to answer. */
export const OBJECTION_ANSWER_DAYS = 3
/** Working days to escalate, after the answer (or after its due date, with none). */
export const ESCALATION_DAYS = 5
/** Working days to object to one's exclusion, after the decision (Guangdong's rule). */
export const QUALIFICATION_OBJECTION_DAYS = 5
/** A complaint in these states has decided its matter: neither it nor an objection on it may be filed again. */
export const DECIDED_COMPLAINTS = ['invalid', 'upheld', 'dismissed', 'withdrawn'] as const

type ObjectionStep = 'save' | 'submit' | 'answer' | 'resolved' | 'not_resolved'
const OBJECTION_STEPS: Record<ObjectionStep, { from: readonly ObjectionStatus[]; to: ObjectionStatus }> = {
  save: { from: ['draft'], to: 'draft' },
  submit: { from: ['draft'], to: 'submitted' },
  answer: { from: ['submitted'], to: 'answered' },
  resolved: { from: ['answered'], to: 'resolved' },
  not_resolved: { from: ['answered'], to: 'not_resolved' },
}

/** The objection's one state machine: the state after the step, or `errors.illegalStep`. */
export function objectionStep(step: ObjectionStep, from: ObjectionStatus): ObjectionStatus {
  const s = OBJECTION_STEPS[step]
  if (!s.from.includes(from)) throw new DomainError('errors.illegalStep', undefined, { action: `objection.${step}`, from })
  return s.to
}

type UserActor = Actor & { userId: UserId }
type WindowOf = Pick<Procurement, 'id' | 'status' | 'bidDeadline' | 'openedAt'>

/** What decides a window, read once: the agency's own bid (if any) and the award (if any). */
export interface WindowFacts {
  bid: { id: string; excluded: string | null } | null
  award: { standstillEndsAt: Date; agencyOrgId: string } | null
}

async function factsOf(tx: Db, p: WindowOf, orgId: OrgId): Promise<WindowFacts> {
  const bid = p.status === 'published' || p.status === 'draft' ? null : await ownBid(tx, orgId, p.id)
  const [award] = bid && p.status === 'awarded' ? await tx.select({ standstillEndsAt: awards.standstillEndsAt, agencyOrgId: awards.agencyOrgId }).from(awards).where(eq(awards.procurementId, p.id)) : []
  return { bid: bid ? { id: bid.id, excluded: bid.excluded } : null, award: award ?? null }
}

/** When the agency's exclusion from this procurement was decided (at the opening, or when passed over), if it was. */
async function exclusionOf(tx: Db, p: WindowOf, bid: NonNullable<WindowFacts['bid']>): Promise<Date | null> {
  const [passed] = await tx
    .select({ at: selectionCandidates.stateChangedAt })
    .from(selectionCandidates)
    .where(and(eq(selectionCandidates.procurementId, p.id), eq(selectionCandidates.bidId, bid.id as never), inArray(selectionCandidates.state, ['ineligible', 'rejected'])))
  if (passed) return passed.at
  return bid.excluded && p.openedAt ? p.openedAt : null
}

/** Whether the matter is still open to this agency now; the error naming the window if not. */
export async function checkObjectionWindow(tx: Db, p: WindowOf, orgId: OrgId, matter: ObjectionMatter, now: Date, facts?: WindowFacts) {
  if (matter === 'terms') {
    if (p.status !== 'published' || !p.bidDeadline || now >= p.bidDeadline) throw new DomainError('cmp.error.termsClosed', 'matter')
    return
  }
  // What the state alone rules out is refused before any query.
  if (matter === 'result' && p.status !== 'awarded') throw new DomainError('errors.standstillOver', 'matter')
  if (matter === 'qualification' && !p.openedAt) throw new DomainError('errors.notFound', 'matter')
  const { bid, award } = facts ?? (await factsOf(tx, p, orgId))
  if (!bid) throw new DomainError('errors.notFound', 'matter')
  if (matter === 'result') {
    if (!award || now >= award.standstillEndsAt) throw new DomainError('errors.standstillOver', 'matter')
    if (award.agencyOrgId === orgId) throw new DomainError('errors.notFound', 'matter')
    return
  }
  const decidedAt = await exclusionOf(tx, p, bid)
  if (!decidedAt) throw new DomainError('errors.notFound', 'matter')
  const until = await deadlineFrom(tx, await loadRules(tx), decidedAt, QUALIFICATION_OBJECTION_DAYS)
  if (now >= until) throw new DomainError('cmp.error.qualificationClosed', 'matter', { n: QUALIFICATION_OBJECTION_DAYS })
}

/** The matters this agency may object to on this procurement now (for the form's choices), its facts read once. */
export async function objectionMattersOpen(db: Db, p: WindowOf, orgId: OrgId, now: Date, known?: WindowFacts): Promise<ObjectionMatter[]> {
  const facts = known ?? (await factsOf(db, p, orgId))
  const open: ObjectionMatter[] = []
  for (const m of ['terms', 'result', 'qualification'] as const) {
    try {
      await checkObjectionWindow(db, p, orgId, m, now, facts)
      open.push(m)
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
    }
  }
  return open
}

/** Whether a complaint of this agency on this matter of this procurement was already decided (or withdrawn). */
export async function matterDecided(tx: Db, procurementId: ProcurementId, orgId: OrgId, matter: ObjectionMatter) {
  const [row] = await tx
    .select({ id: complaints.id })
    .from(complaints)
    .where(and(eq(complaints.procurementId, procurementId), eq(complaints.orgId, orgId), eq(complaints.matter, matter), inArray(complaints.status, [...DECIDED_COMPLAINTS])))
    .limit(1)
  return !!row
}

/**
 * Saves the agency's objection: as its one draft on the procurement (kept, edited, not sent), or
 * sent to the owner with the answer's due date. The window, the limit and a matter already
 * decided are checked either way, so a draft that could never be sent is not kept.
 */
export async function raiseObjection(db: Db, clock: Clock, actor: UserActor, id: string, input: ObjectionInput) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const draft = !!input.draft
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, id as ProcurementId)).for('update')
    if (!p || p.status === 'draft') throw new DomainError('errors.notFound')
    const now = clock.now()
    if (await matterDecided(tx, p.id, actor.orgId, input.matter)) throw new DomainError('cmp.error.matterDecided', 'matter')
    await checkObjectionWindow(tx, p, actor.orgId, input.matter, now)
    const [sent] = await tx.select({ n: count() }).from(objections).where(and(eq(objections.procurementId, p.id), eq(objections.orgId, actor.orgId), ne(objections.status, 'draft')))
    if (!draft && Number(sent!.n) >= OBJECTIONS_PER_BIDDER) throw new DomainError('errors.tooManyObjections', 'text', { n: OBJECTIONS_PER_BIDDER })
    const [existing] = await tx.select().from(objections).where(and(eq(objections.procurementId, p.id), eq(objections.orgId, actor.orgId), eq(objections.status, 'draft'))).for('update')
    const status = existing ? objectionStep(draft ? 'save' : 'submit', existing.status) : draft ? 'draft' : 'submitted'
    const rules = await loadRules(tx)
    const answerDueAt = draft ? null : await deadlineFrom(tx, rules, now, OBJECTION_ANSWER_DAYS)
    const escalateBy = answerDueAt ? await deadlineFrom(tx, rules, answerDueAt, ESCALATION_DAYS) : null
    const values = { matter: input.matter, violation: input.violation, remedy: input.remedy || null, text: input.text, status, raisedBy: actor.userId, raisedAt: now, answerDueAt, escalateBy }
    const [row] = existing
      ? await tx.update(objections).set(values).where(eq(objections.id, existing.id)).returning()
      : await tx.insert(objections).values({ procurementId: p.id, orgId: actor.orgId, ...values }).returning()
    await appendAudit(tx, { actor, action: draft ? 'objection.draft' : 'objection.raise', entityType: 'procurement', entityId: p.id, after: { objectionId: row!.id, matter: input.matter, violation: input.violation, remedy: input.remedy || null, text: input.text, answerDueAt: answerDueAt?.toISOString() ?? null }, at: now })
    if (!draft) {
      const offices = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))
      for (const orgId of [p.ownerOrgId, ...offices.map((o) => o.id)])
        await notify(tx, { orgId, kind: 'objectionRaised', params: { number: p.number ?? '', title: p.title, by: answerDueAt!.toISOString() }, link: orgId === p.ownerOrgId ? `/owner/procurements/${p.id}` : `/procurements/${p.id}`, at: now })
    }
    return row!
  })
}

/** The owner's answer; from it the bidder has `ESCALATION_DAYS` to take the matter further. */
export async function answerObjection(db: Db, clock: Clock, actor: UserActor, objectionId: string, response: string) {
  if (!isUuid(objectionId)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ o: objections, p: procurements })
      .from(objections)
      .innerJoin(procurements, eq(procurements.id, objections.procurementId))
      .where(and(eq(objections.id, objectionId), eq(procurements.ownerOrgId, actor.orgId), ne(objections.status, 'draft')))
      .for('update')
    if (!row) throw new DomainError('errors.notFound')
    if (row.o.response) throw new DomainError('errors.alreadyAnswered')
    const status = objectionStep('answer', row.o.status)
    const now = clock.now()
    const escalateBy = await deadlineFrom(tx, await loadRules(tx), now, ESCALATION_DAYS)
    await tx.update(objections).set({ status, response, respondedBy: actor.userId, respondedAt: now, escalateBy }).where(eq(objections.id, objectionId))
    await appendAudit(tx, { actor, action: 'objection.answer', entityType: 'procurement', entityId: row.p.id, after: { objectionId, response, late: row.o.answerDueAt ? now > row.o.answerDueAt : false }, at: now })
    await notify(tx, { orgId: row.o.orgId, kind: 'objectionAnswered', params: { number: row.p.number ?? '', title: row.p.title }, link: `/agency/objections/${objectionId}`, at: now })
  })
}

/** The bidder says whether the answer resolves its objection. */
export async function judgeObjection(db: Db, clock: Clock, actor: UserActor, objectionId: string, verdict: 'resolved' | 'not_resolved') {
  if (!isUuid(objectionId)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [o] = await tx.select().from(objections).where(and(eq(objections.id, objectionId), eq(objections.orgId, actor.orgId))).for('update')
    if (!o) throw new DomainError('errors.notFound')
    const status = objectionStep(verdict, o.status)
    const now = clock.now()
    await tx.update(objections).set({ status, judgedAt: now }).where(eq(objections.id, o.id))
    await appendAudit(tx, { actor, action: `objection.${verdict}`, entityType: 'procurement', entityId: o.procurementId, after: { objectionId }, at: now })
    return status
  })
}

/**
 * What holds the contract back: an objection to the result still unanswered, one the bidder said
 * was not resolved while it may still escalate it, and a complaint not yet decided.
 */
export async function contractHolds(db: Db, procurementId: ProcurementId, now: Date) {
  const [o] = await db
    .select({ n: count() })
    .from(objections)
    .leftJoin(complaints, eq(complaints.objectionId, objections.id))
    .where(
      and(
        eq(objections.procurementId, procurementId),
        eq(objections.matter, 'result'),
        or(eq(objections.status, 'submitted'), and(eq(objections.status, 'not_resolved'), gt(objections.escalateBy, now), isNull(complaints.id))),
      ),
    )
  const [c] = await db.select({ n: count() }).from(complaints).where(and(eq(complaints.procurementId, procurementId), inArray(complaints.status, ['pending', 'accepted'])))
  return Number(o!.n) + Number(c!.n)
}

/** Objections still waiting for the owner's answer. */
export async function openObjectionCount(db: Db, procurementId: ProcurementId) {
  const [row] = await db.select({ n: count() }).from(objections).where(and(eq(objections.procurementId, procurementId), eq(objections.status, 'submitted')))
  return Number(row!.n)
}

const objectionColumns = {
  id: objections.id,
  matter: objections.matter,
  status: objections.status,
  violation: objections.violation,
  remedy: objections.remedy,
  text: objections.text,
  raisedAt: objections.raisedAt,
  answerDueAt: objections.answerDueAt,
  response: objections.response,
  respondedAt: objections.respondedAt,
  escalateBy: objections.escalateBy,
  agencyZh: organizations.nameZh,
  agencyEn: organizations.nameEn,
  complaintId: complaints.id,
  complaintStatus: complaints.status,
}

/** A procurement's objections sent: all of them for its owner, its own (drafts too) for an agency. */
export async function objectionsOf(db: Db, procurementId: ProcurementId, viewer: { orgId: OrgId; owner: boolean }) {
  return db
    .select(objectionColumns)
    .from(objections)
    .innerJoin(organizations, eq(organizations.id, objections.orgId))
    .innerJoin(procurements, eq(procurements.id, objections.procurementId))
    .leftJoin(complaints, eq(complaints.objectionId, objections.id))
    .where(and(eq(objections.procurementId, procurementId), viewer.owner ? and(eq(procurements.ownerOrgId, viewer.orgId), ne(objections.status, 'draft')) : eq(objections.orgId, viewer.orgId)))
    .orderBy(asc(objections.raisedAt))
}

/** An agency's objections on every procurement, newest first, with the complaint each became. */
export async function objectionsOfAgency(db: Db, orgId: OrgId, limit = 200) {
  return db
    .select({ ...objectionColumns, procurementId: procurements.id, number: procurements.number, title: procurements.title })
    .from(objections)
    .innerJoin(organizations, eq(organizations.id, objections.orgId))
    .innerJoin(procurements, eq(procurements.id, objections.procurementId))
    .leftJoin(complaints, eq(complaints.objectionId, objections.id))
    .where(eq(objections.orgId, orgId))
    .orderBy(desc(objections.raisedAt))
    .limit(limit)
}

/** One objection of the agency's, with its procurement; null when not its own. */
export async function objectionOfAgency(db: Db, orgId: OrgId, id: string): Promise<(Objection & { p: Procurement }) | null> {
  if (!isUuid(id)) return null
  const [row] = await db.select({ o: objections, p: procurements }).from(objections).innerJoin(procurements, eq(procurements.id, objections.procurementId)).where(and(eq(objections.id, id), eq(objections.orgId, orgId)))
  return row ? { ...row.o, p: row.p } : null
}
