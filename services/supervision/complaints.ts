import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { awards, complaints, files, objections, organizations, procurements, type Complaint, type Objection, type ComplaintStatus, type OrgId, type ProcurementStatus, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { deadlineFrom } from '../calendar'
import { storeScan } from '../files'
import type { Scheduler } from '../jobs'
import { notify } from '../notifications'
import { loadRules } from '../market/rules'
import { transition } from '../market/transition'
import { closeJob, copyAsDraft, matterDecided, objectionStep, type Remedy } from '../procurement'
import type { complaintDecisionSchema, complaintReviewSchema, complaintSchema } from './complaint-input'
import { revokeAward } from '../selection/select'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'

export { complaintDecisionSchema, complaintReviewSchema, complaintSchema } from './complaint-input'

/**
 * 投诉, the second tier: an objection the owner did not resolve, taken to the market office. The
 * office accepts it within 5 working days (or finds it invalid, with the reason) and decides within
 * 30 (财政部令第94号's figures). Upheld, the remedy it orders runs through the procurement's own
 * state machine: the deadline extended for amended terms, the award revoked and the next candidate
 * offered, the procurement annulled, or annulled and re-announced as a new draft. A remedy the
 * procurement's state no longer allows is refused, naming the state.
 */
export const COMPLAINT_ACCEPT_DAYS = 5
export const COMPLAINT_DECIDE_DAYS = 30

type ComplaintStep = 'accepted' | 'invalid' | 'upheld' | 'dismissed' | 'withdrawn'
const COMPLAINT_STEPS: Record<ComplaintStep, readonly ComplaintStatus[]> = {
  accepted: ['pending'],
  invalid: ['pending'],
  upheld: ['accepted'],
  dismissed: ['accepted'],
  withdrawn: ['pending', 'accepted'],
}

/** The complaint's one state machine: the state after the step, or `errors.illegalStep`. */
export function complaintStep(step: ComplaintStep, from: ComplaintStatus): ComplaintStatus {
  if (!COMPLAINT_STEPS[step].includes(from)) throw new DomainError('errors.illegalStep', undefined, { action: `complaint.${step}`, from })
  return step
}

/** The procurement states in which each remedy can still be carried out. */
export const REMEDY_STATES: Record<Remedy, readonly ProcurementStatus[]> = {
  amend_terms: ['published'],
  cancel: ['published', 'closed', 'selecting', 'awarded'],
  rerun_next: ['awarded'],
  re_announce: ['published', 'closed', 'selecting', 'awarded'],
}

type UserActor = Actor & { userId: UserId }

async function offices(tx: Db) {
  return (await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))).map((o) => o.id)
}

/**
 * Why this objection cannot be taken to the supervisor now, or null when it can: never a draft or
 * one the bidder said was resolved; not before the owner answered or the answer fell due; not
 * after `escalateBy`. (Whether a complaint was already filed is the caller's to ask.)
 */
export function escalationProblem(o: Pick<Objection, 'status' | 'answerDueAt' | 'escalateBy'>, now: Date): 'errors.illegalStep' | 'cmp.error.early' | 'cmp.error.late' | null {
  if (o.status === 'draft' || o.status === 'resolved') return 'errors.illegalStep'
  if (o.status === 'submitted' && o.answerDueAt && now < o.answerDueAt) return 'cmp.error.early'
  if (!o.escalateBy || now >= o.escalateBy) return 'cmp.error.late'
  return null
}

/**
 * The agency takes its objection to the supervisor: once the owner answered and it said (or now
 * says) the answer does not resolve it, or once the answer is overdue; before `escalateBy`. The
 * evidence, a PDF or image, is kept beside the complaint for the office and the owner.
 */
export async function fileComplaint(db: Db, clock: Clock, actor: UserActor, objectionId: string, input: z.infer<typeof complaintSchema>, evidence: Uint8Array) {
  if (!isUuid(objectionId)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [o] = await tx.select().from(objections).where(and(eq(objections.id, objectionId), eq(objections.orgId, actor.orgId))).for('update')
    if (!o) throw new DomainError('errors.notFound')
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, o.procurementId)).for('update')
    const [filed] = await tx.select({ status: complaints.status }).from(complaints).where(eq(complaints.objectionId, o.id))
    if (filed || (await matterDecided(tx, o.procurementId, actor.orgId, o.matter))) throw new DomainError('cmp.error.matterDecided')
    const now = clock.now()
    const problem = escalationProblem(o, now)
    if (problem) throw new DomainError(problem, undefined, problem === 'errors.illegalStep' ? { action: 'complaint.file', from: o.status } : {})
    // Filing says the answer did not resolve it.
    if (o.status === 'answered') await tx.update(objections).set({ status: objectionStep('not_resolved', o.status), judgedAt: now }).where(eq(objections.id, o.id))
    const fileIds = evidence.length ? [await storeScan(tx, { orgId: actor.orgId, userId: actor.userId, bytes: evidence, field: 'evidence', at: now, purpose: 'evidence', procurementId: o.procurementId, name: 'evidence' })] : []
    const acceptBy = await deadlineFrom(tx, await loadRules(tx), now, COMPLAINT_ACCEPT_DAYS)
    const [row] = await tx
      .insert(complaints)
      .values({ objectionId: o.id, procurementId: o.procurementId, orgId: actor.orgId, matter: o.matter, violation: o.violation, remedy: input.remedy, arguments: input.arguments, evidenceFileIds: fileIds, filedBy: actor.userId, filedAt: now, acceptBy })
      .returning()
    await appendAudit(tx, { actor, action: 'complaint.file', entityType: 'procurement', entityId: o.procurementId, after: { complaintId: row!.id, objectionId: o.id, matter: o.matter, violation: o.violation, remedy: input.remedy, evidence: fileIds, acceptBy: acceptBy.toISOString() }, at: now })
    const params = { number: p!.number ?? '', title: p!.title }
    for (const orgId of await offices(tx)) await notify(tx, { orgId, kind: 'complaintFiled', params, link: `/office/complaints/${row!.id}`, at: now })
    await notify(tx, { orgId: p!.ownerOrgId, kind: 'complaintFiled', params, link: `/owner/procurements/${p!.id}`, at: now })
    return row!
  })
}

async function lockComplaint(tx: Db, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const [c] = await tx.select().from(complaints).where(eq(complaints.id, id)).for('update')
  if (!c) throw new DomainError('errors.notFound')
  const [p] = await tx.select().from(procurements).where(eq(procurements.id, c.procurementId)).for('update')
  return { c, p: p! }
}

async function tellParties(tx: Db, c: Complaint, p: { id: string; number: string | null; title: string; ownerOrgId: OrgId }, kind: string, at: Date) {
  const params = { number: p.number ?? '', title: p.title }
  await notify(tx, { orgId: c.orgId, kind, params, link: `/agency/objections/${c.objectionId}`, at })
  await notify(tx, { orgId: p.ownerOrgId, kind, params, link: `/owner/procurements/${p.id}`, at })
}

/** The office accepts the complaint for decision (due in 30 working days), or finds it invalid with the reason. */
export async function reviewComplaint(db: Db, clock: Clock, actor: UserActor, id: string, input: z.infer<typeof complaintReviewSchema>) {
  return db.transaction(async (tx) => {
    const { c, p } = await lockComplaint(tx, id)
    const status = complaintStep(input.review, c.status)
    const now = clock.now()
    const decideBy = status === 'accepted' ? await deadlineFrom(tx, await loadRules(tx), now, COMPLAINT_DECIDE_DAYS) : null
    await tx.update(complaints).set({ status, reviewedBy: actor.userId, reviewedAt: now, reviewNote: input.note || null, decideBy, ...(status === 'invalid' ? { decidedAt: now, decidedBy: actor.userId, decision: input.note } : {}) }).where(eq(complaints.id, c.id))
    await appendAudit(tx, { actor, action: `complaint.${status}` as 'complaint.accepted', entityType: 'procurement', entityId: c.procurementId, before: { complaintId: c.id, status: c.status }, after: { complaintId: c.id, status, note: input.note || null, decideBy: decideBy?.toISOString() ?? null }, at: now })
    await tellParties(tx, c, p, status === 'accepted' ? 'complaintAccepted' : 'complaintInvalid', now)
  })
}

/**
 * The office's decision. Upheld, the remedy ordered is carried out in the same transaction, each
 * through the procurement's state machine; refused (nothing changes) when the state no longer
 * allows it. Dismissed, nothing changes but the record.
 */
export async function decideComplaint(db: Db, clock: Clock, scheduler: Scheduler, actor: UserActor, id: string, input: z.infer<typeof complaintDecisionSchema>) {
  return db.transaction(async (tx) => {
    const { c, p } = await lockComplaint(tx, id)
    const status = complaintStep(input.outcome, c.status)
    const now = clock.now()
    const remedy = input.outcome === 'upheld' ? (input.remedy as Remedy | '') : ''
    if (input.outcome === 'upheld' && !remedy) throw new DomainError('errors.choose', 'remedy')
    if (remedy && !REMEDY_STATES[remedy].includes(p.status)) throw new DomainError('cmp.error.remedyNotAllowed', 'remedy', { status: p.status })
    let reannouncedAs: string | null = null
    const detail = { complaintId: c.id, decision: input.decision }
    if (remedy === 'amend_terms') {
      // The owner must amend; bidders get at least the amendment's minimum from today to answer.
      const rules = await loadRules(tx)
      const floor = await deadlineFrom(tx, rules, now, rules.amendmentMinDays)
      const bidDeadline = p.bidDeadline && p.bidDeadline > floor ? p.bidDeadline : floor
      const row = await transition(tx, p, 'extendDeadline', 'supervisor', actor, now, { bidDeadline }, { ...detail, bidDeadline: bidDeadline.toISOString(), remedy })
      await scheduler.enqueue(closeJob(row), tx)
    } else if (remedy === 'rerun_next') {
      await revokeAward(tx, scheduler, p, actor, c.id, now)
    } else if (remedy === 'cancel' || remedy === 're_announce') {
      await tx.delete(awards).where(eq(awards.procurementId, p.id))
      const annulled = await transition(tx, p, 'annul', 'supervisor', actor, now, { cancelledAt: now, cancelReason: input.decision }, { ...detail, remedy })
      if (remedy === 're_announce') reannouncedAs = (await copyAsDraft(tx, annulled, actor, p.createdBy, now)).id
    }
    await tx
      .update(complaints)
      .set({ status, decidedBy: actor.userId, decidedAt: now, decision: input.decision, remedyApplied: remedy || null, reannouncedAs: reannouncedAs as never })
      .where(eq(complaints.id, c.id))
    await appendAudit(tx, { actor, action: `complaint.${status}` as 'complaint.upheld', entityType: 'procurement', entityId: c.procurementId, before: { complaintId: c.id, status: c.status }, after: { ...detail, status, remedy: remedy || null, reannouncedAs }, at: now })
    await tellParties(tx, c, p, status === 'upheld' ? 'complaintUpheld' : 'complaintDismissed', now)
    return { status, remedy: remedy || null, reannouncedAs }
  })
}

/** The complainant withdraws its complaint before the decision; the matter counts as decided. */
export async function withdrawComplaint(db: Db, clock: Clock, actor: UserActor, id: string) {
  return db.transaction(async (tx) => {
    const { c, p } = await lockComplaint(tx, id)
    if (c.orgId !== actor.orgId) throw new DomainError('errors.notFound')
    const status = complaintStep('withdrawn', c.status)
    const now = clock.now()
    await tx.update(complaints).set({ status, withdrawnAt: now }).where(eq(complaints.id, c.id))
    await appendAudit(tx, { actor, action: 'complaint.withdrawn', entityType: 'procurement', entityId: c.procurementId, before: { complaintId: c.id, status: c.status }, after: { complaintId: c.id, status }, at: now })
    for (const orgId of [p.ownerOrgId, ...(await offices(tx))]) await notify(tx, { orgId, kind: 'complaintWithdrawn', params: { number: p.number ?? '', title: p.title }, link: `/procurements/${p.id}`, at: now })
  })
}

const listColumns = {
  id: complaints.id,
  objectionId: complaints.objectionId,
  procurementId: complaints.procurementId,
  number: procurements.number,
  title: procurements.title,
  procurementStatus: procurements.status,
  matter: complaints.matter,
  violation: complaints.violation,
  remedy: complaints.remedy,
  status: complaints.status,
  filedAt: complaints.filedAt,
  acceptBy: complaints.acceptBy,
  decideBy: complaints.decideBy,
  decidedAt: complaints.decidedAt,
  remedyApplied: complaints.remedyApplied,
  agencyZh: organizations.nameZh,
  agencyEn: organizations.nameEn,
  openedAt: procurements.openedAt,
}

/**
 * Before the opening, a complaint on the terms does not name its agency to anyone but itself: it
 * may be a bidder, and bidders are sealed until then (the office learns who once the bids open).
 */
function sealed<T extends { matter: string; openedAt: Date | null; agencyZh: string; agencyEn: string }>(row: T): T {
  return row.matter === 'terms' && !row.openedAt ? { ...row, agencyZh: '—', agencyEn: '—' } : row
}

/** The office's list: open ones (pending, accepted) by their due date, or decided ones, newest first. */
export async function complaintsForOffice(db: Db, which: 'open' | 'decided', limit = 200) {
  const open = which === 'open'
  return db
    .select(listColumns)
    .from(complaints)
    .innerJoin(procurements, eq(procurements.id, complaints.procurementId))
    .innerJoin(organizations, eq(organizations.id, complaints.orgId))
    .where(inArray(complaints.status, open ? ['pending', 'accepted'] : ['invalid', 'upheld', 'dismissed', 'withdrawn']))
    .orderBy(open ? sql`coalesce(${complaints.decideBy}, ${complaints.acceptBy})` : desc(complaints.decidedAt), desc(complaints.filedAt))
    .limit(limit)
    .then((rows) => rows.map(sealed))
}

/** One complaint whole, with its objection and the owner's answer, and its evidence files. */
export async function complaintDetail(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ c: complaints, o: objections, number: procurements.number, title: procurements.title, procurementStatus: procurements.status, openedAt: procurements.openedAt, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn })
    .from(complaints)
    .innerJoin(objections, eq(objections.id, complaints.objectionId))
    .innerJoin(procurements, eq(procurements.id, complaints.procurementId))
    .innerJoin(organizations, eq(organizations.id, complaints.orgId))
    .where(eq(complaints.id, id))
  if (!row) return null
  const evidence = row.c.evidenceFileIds.length ? await db.select({ id: files.id, mime: files.mime, size: files.size }).from(files).where(inArray(files.id, row.c.evidenceFileIds)) : []
  return { ...sealed({ ...row, matter: row.c.matter }), evidence, remediesAllowed: (Object.keys(REMEDY_STATES) as Remedy[]).filter((r) => REMEDY_STATES[r].includes(row.procurementStatus)) }
}

/** The complaint an agency's objection became, if any. */
export async function complaintOfObjection(db: Db, objectionId: string) {
  const [row] = await db.select().from(complaints).where(eq(complaints.objectionId, objectionId))
  return row ?? null
}

/** The public page's question: a year, anything else ignored. */
export const complaintsQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) })

/** The decisions published (处理决定公告): decided complaints of a year, newest first, a page at a time. */
export async function publishedDecisions(db: Db, year: number, limit = 50) {
  return db
    .select({ ...listColumns, decision: complaints.decision })
    .from(complaints)
    .innerJoin(procurements, eq(procurements.id, complaints.procurementId))
    .innerJoin(organizations, eq(organizations.id, complaints.orgId))
    .where(and(inArray(complaints.status, ['invalid', 'upheld', 'dismissed']), sql`extract(year from ${complaints.decidedAt} at time zone 'Asia/Shanghai') = ${year}`))
    .orderBy(desc(complaints.decidedAt))
    .limit(limit)
    .then((rows) => rows.map(sealed))
}

/** The yearly figures, by outcome (a year by the Shanghai date of filing); open ones count as such. */
export async function complaintStatistics(db: Db) {
  const rows = await db
    .select({ year: sql<number>`extract(year from ${complaints.filedAt} at time zone 'Asia/Shanghai')::int`, status: complaints.status, n: count() })
    .from(complaints)
    .groupBy(sql`1`, complaints.status)
    .orderBy(sql`1 desc`)
  const years = new Map<number, Record<ComplaintStatus, number>>()
  for (const r of rows) {
    const y = years.get(r.year) ?? { pending: 0, accepted: 0, invalid: 0, upheld: 0, dismissed: 0, withdrawn: 0 }
    y[r.status] = Number(r.n)
    years.set(r.year, y)
  }
  return [...years.entries()].map(([year, byStatus]) => ({ year, byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) }))
}
