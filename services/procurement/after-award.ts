import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import type * as z from 'zod'
import type { Db } from '../../db/client'
import { awards, contracts, deliveries, evaluations, organizations, ownerEvaluations, paymentMilestones, payments, procurements, type OrgId, type Procurement, type ProcurementId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { evaluationVerdict, recordCreditEvent } from '../credit'
import { contractDueDate, deadlineFrom, loadCalendar, shanghaiDate, shanghaiInstant } from '../calendar'
import { storeScan } from '../files'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import type { decisionSchema, evaluationSchema, ownerEvaluationSchema } from './after-award-input'
import type { contractInputSchema } from './contract-input'
import { procurementStep, type LifecycleActor, type ProcurementAction } from '../market/lifecycle'
import { confirmOffer } from '../selection/offers'
import { passOverOffered } from '../selection/select'
import { bidStandingProblems } from '../bids'
import type { StandingProblem } from '../bids/standing'
import { contractHolds } from './objections'
import type { Scheduler } from '../jobs'
import { transition } from '../market/transition'
import { loadRules } from '../market/rules'
import { releaseOnAcceptance } from '../payments'

export { decisionSchema, evaluationSchema, ownerEvaluationSchema } from './after-award-input'
export { contractInputSchema, terminationSchema } from './contract-input'

/**
 * After the award: the winner's confirmation, the contract (uploaded by the owner after the
 * standstill, confirmed by the winner), the service with its due date in working days,
 * deliveries the owner accepts or returns with reasons, and the evaluation. Overdue services are
 * flagged daily to both sides and the market office, and recorded as credit events.
 */
type UserActor = Actor & { userId: UserId }

async function lockProcurement(tx: Db, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const [p] = await tx.select().from(procurements).where(eq(procurements.id, id as ProcurementId)).for('update')
  if (!p) throw new DomainError('errors.notFound')
  const [award] = await tx.select().from(awards).where(eq(awards.procurementId, p.id))
  return { p, award: award ?? null }
}

/** Only the two parties of a procurement reach its post-award steps; anyone else finds nothing. */
function asParty(p: Procurement, award: { agencyOrgId: OrgId } | null, actor: Actor, role: 'owner' | 'agency') {
  const ok = role === 'owner' ? p.ownerOrgId === actor.orgId : award?.agencyOrgId === actor.orgId
  if (!ok) throw new DomainError('errors.notFound')
}

const step = (tx: Db, p: Procurement, action: ProcurementAction, by: LifecycleActor, actor: Actor | Record<string, never>, at: Date, detail: Record<string, unknown> = {}) =>
  transition(tx, p, action, by, actor, at, {}, detail)

/**
 * The winner confirms the award (a direct commission's confirmation already did). The one rule
 * is asked again now: a winner listed or lapsed since the offer cannot confirm; its offer is
 * withdrawn as ineligible and the next candidate offered (`confirmed: false`, with the reasons).
 */
export async function confirmAward(db: Db, clock: Clock, scheduler: Scheduler, actor: UserActor, id: string): Promise<{ confirmed: true } | { confirmed: false; problems: StandingProblem[] }> {
  return db.transaction(async (tx) => {
    const { p, award } = await lockProcurement(tx, id)
    asParty(p, award, actor, 'agency')
    if (p.status !== 'awarded' || !award) throw new DomainError('errors.illegalStep', undefined, { action: 'confirmAward', from: p.status })
    if (award.confirmedAt) return { confirmed: true } as const
    const now = clock.now()
    if (award.confirmBy && now >= award.confirmBy) throw new DomainError('errors.offerLapsed')
    const problems = await bidStandingProblems(tx, p, award.bidId, shanghaiDate(now))
    if (problems.length) {
      await passOverOffered(tx, scheduler, p, problems, now)
      return { confirmed: false, problems } as const
    }
    await confirmOffer(tx, p.id, actor.orgId, award.confirmBy, now)
    await tx.update(awards).set({ confirmedAt: now }).where(eq(awards.procurementId, p.id))
    await appendAudit(tx, { actor, action: 'award.confirm', entityType: 'procurement', entityId: p.id, after: { confirmedAt: now.toISOString() }, at: now })
    await notify(tx, { orgId: p.ownerOrgId, kind: 'awardConfirmed', params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, at: now })
    return { confirmed: true } as const
  })
}


/**
 * The owner uploads the signed contract once the standstill has ended and the winner has
 * confirmed. A new upload replaces one the winner has not confirmed yet.
 */
export async function uploadContract(db: Db, clock: Clock, actor: UserActor, id: string, input: z.infer<typeof contractInputSchema>, file: Uint8Array) {
  return db.transaction(async (tx) => {
    const { p, award } = await lockProcurement(tx, id)
    asParty(p, award, actor, 'owner')
    if (p.status !== 'awarded' || !award) throw new DomainError('errors.illegalStep', undefined, { action: 'uploadContract', from: p.status })
    const now = clock.now()
    if (!award.confirmedAt) throw new DomainError('errors.awardNotConfirmed')
    if (now < award.standstillEndsAt) throw new DomainError('errors.standstillRunning', undefined, { until: award.standstillEndsAt.toISOString() })
    if (await contractHolds(tx, p.id, now)) throw new DomainError('errors.objectionOpen')
    const today = shanghaiDate(now)
    if (input.startDate < today) throw new DomainError('errors.startInPast', 'startDate')
    const calendar = await loadCalendar(tx)
    const dueDate = contractDueDate(calendar, input.startDate, award.committedDays)
    const fileId = await storeScan(tx, { orgId: actor.orgId, userId: actor.userId, bytes: file, field: 'contract', at: now, purpose: 'contract', procurementId: p.id })
    const values = { procurementId: p.id, fileId, priceFen: award.priceFen, startDate: input.startDate, dueDate, terminationRefundPercent: input.refundPercent ?? 100, uploadedBy: actor.userId, uploadedAt: now }
    const [existing] = await tx.select().from(contracts).where(eq(contracts.procurementId, p.id))
    if (existing?.confirmedAt) throw new DomainError('errors.illegalStep', undefined, { action: 'uploadContract', from: 'contracted' })
    if (existing) await tx.update(contracts).set(values).where(eq(contracts.procurementId, p.id))
    else await tx.insert(contracts).values(values)
    // 付款计划: the whole price by the funding day, or a first share then, the rest by the due date.
    const plan = paymentPlan(award.priceFen, input.firstPercent, contractDueDate(calendar, input.startDate, input.fundDays), dueDate)
    await tx.delete(paymentMilestones).where(eq(paymentMilestones.procurementId, p.id))
    await tx.insert(paymentMilestones).values(plan.map((m) => ({ procurementId: p.id, ...m })))
    await appendAudit(tx, { actor, action: 'contract.upload', entityType: 'procurement', entityId: p.id, after: { fileId, startDate: input.startDate, dueDate, priceFen: award.priceFen, plan, refundPercent: input.refundPercent ?? 100 }, at: now })
    await notify(tx, { orgId: award.agencyOrgId, kind: 'contractUploaded', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, at: now })
    return { fileId, dueDate }
  })
}

/**
 * The milestones of a payment plan, in fen: the whole price by `firstBy`, or `firstPercent` of it
 * (rounded to the fen) by `firstBy` and the rest by `restBy` (never before `firstBy`).
 */
export function paymentPlan(priceFen: number, firstPercent: number | null, firstBy: string, restBy: string): Array<{ seq: number; amountFen: number; fundBy: string }> {
  if (!firstPercent) return [{ seq: 1, amountFen: priceFen, fundBy: firstBy }]
  const first = Math.round((priceFen * firstPercent) / 100)
  return [
    { seq: 1, amountFen: first, fundBy: firstBy },
    { seq: 2, amountFen: priceFen - first, fundBy: restBy < firstBy ? firstBy : restBy },
  ]
}

/** The winner confirms the contract: contracted, and in service from its start date. */
export async function confirmContract(db: Db, clock: Clock, scheduler: Scheduler, actor: UserActor, id: string) {
  return db.transaction(async (tx) => {
    const { p, award } = await lockProcurement(tx, id)
    asParty(p, award, actor, 'agency')
    const [contract] = await tx.select().from(contracts).where(eq(contracts.procurementId, p.id))
    if (!contract) throw new DomainError('errors.noContract')
    const now = clock.now()
    const contracted = await step(tx, p, 'confirmContract', 'agency', actor, now, { startDate: contract.startDate, dueDate: contract.dueDate })
    await tx.update(contracts).set({ confirmedBy: actor.userId, confirmedAt: now }).where(eq(contracts.procurementId, p.id))
    await notify(tx, { orgId: p.ownerOrgId, kind: 'contractConfirmed', params: { number: p.number ?? '', title: p.title, due: contract.dueDate }, link: `/owner/procurements/${p.id}`, at: now })
    if (contract.startDate <= shanghaiDate(now)) return step(tx, contracted, 'startService', 'system', {}, now, { startDate: contract.startDate })
    await scheduler.enqueue({ name: 'procurement.startService', runAt: shanghaiInstant(contract.startDate), payload: { id: p.id }, key: `procurement.start:${p.id}` }, tx)
    return contracted
  })
}

/** The start-date job: idempotent, it moves only a contracted procurement whose start has come. */
export async function startServiceIfDue(db: Db, clock: Clock, id: ProcurementId) {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, id)).for('update')
    if (!p || p.status !== 'contracted') return null
    const [contract] = await tx.select().from(contracts).where(eq(contracts.procurementId, id))
    const now = clock.now()
    if (!contract || contract.startDate > shanghaiDate(now)) return null
    return step(tx, p, 'startService', 'system', {}, now, { startDate: contract.startDate })
  })
}

/** The agency delivers its work (a document and a note); the owner must decide within the acceptance period. */
export async function deliver(db: Db, clock: Clock, actor: UserActor, id: string, note: string, file: Uint8Array) {
  if (note.trim().length > 1000) throw new DomainError('errors.tooLong', 'note')
  return db.transaction(async (tx) => {
    const { p, award } = await lockProcurement(tx, id)
    asParty(p, award, actor, 'agency')
    const now = clock.now()
    procurementStep('deliver', 'agency', p.status)
    const fileId = await storeScan(tx, { orgId: actor.orgId, userId: actor.userId, bytes: file, field: 'deliverable', at: now, purpose: 'deliverable', procurementId: p.id })
    const rules = await loadRules(tx)
    const decideBy = await deadlineFrom(tx, rules, now, rules.acceptanceDays)
    const [row] = await tx.insert(deliveries).values({ procurementId: p.id, fileId, note: note.trim(), deliveredBy: actor.userId, deliveredAt: now, decideBy }).returning()
    await step(tx, p, 'deliver', 'agency', actor, now, { deliveryId: row!.id, fileId, decideBy: decideBy.toISOString() })
    await notify(tx, { orgId: p.ownerOrgId, kind: 'delivered', params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, at: now })
    return row!
  })
}


/** The owner accepts the latest delivery, or returns it with reasons (the service goes on). */
export async function decideDelivery(db: Db, clock: Clock, scheduler: Scheduler, actor: UserActor, id: string, input: z.infer<typeof decisionSchema>) {
  return db.transaction(async (tx) => {
    const { p, award } = await lockProcurement(tx, id)
    asParty(p, award, actor, 'owner')
    const [latest] = await tx.select().from(deliveries).where(and(eq(deliveries.procurementId, p.id), isNull(deliveries.decision))).orderBy(desc(deliveries.deliveredAt)).limit(1)
    if (!latest) throw new DomainError('errors.illegalStep', undefined, { action: input.decision, from: p.status })
    const now = clock.now()
    const accepted = input.decision === 'accept'
    const row = await step(tx, p, accepted ? 'accept' : 'returnDelivery', 'owner', actor, now, { deliveryId: latest.id, reason: accepted ? null : input.reason })
    await tx.update(deliveries).set({ decision: accepted ? 'accepted' : 'returned', reason: accepted ? null : input.reason, decidedBy: actor.userId, decidedAt: now }).where(eq(deliveries.id, latest.id))
    if (accepted) {
      // Delivered by the due date (the accepted delivery, in Beijing time): a point of credit.
      const [contract] = await tx.select({ dueDate: contracts.dueDate }).from(contracts).where(eq(contracts.procurementId, p.id))
      const deliveredOn = shanghaiDate(latest.deliveredAt)
      if (contract && deliveredOn <= contract.dueDate)
        await recordCreditEvent(tx, { kind: 'delivered_on_time', orgId: award!.agencyOrgId, procurementId: p.id, detail: { dueDate: contract.dueDate, deliveredOn } }, now)
      // What escrow holds goes to the agency: booked with the acceptance, done by the release job.
      const [held] = await tx.select({ id: payments.id }).from(payments).where(and(eq(payments.procurementId, p.id), eq(payments.status, 'held'))).limit(1)
      if (held) await releaseOnAcceptance(scheduler, tx, p.id, now)
    }
    await notify(tx, { orgId: award!.agencyOrgId, kind: accepted ? 'deliveryAccepted' : 'deliveryReturned', params: { number: p.number ?? '', title: p.title, reason: accepted ? '' : input.reason! }, link: `/agency/bids/${p.id}`, at: now })
    return row
  })
}


/**
 * When the service was accepted, and until when either side may rate the other (the office's
 * evaluation period, in calendar days from the acceptance).
 */
async function evaluationWindow(tx: Db, p: Procurement, now: Date) {
  const [accepted] = await tx.select({ at: deliveries.decidedAt }).from(deliveries).where(and(eq(deliveries.procurementId, p.id), eq(deliveries.decision, 'accepted'))).orderBy(desc(deliveries.decidedAt)).limit(1)
  if (!accepted?.at) throw new DomainError('errors.illegalStep', undefined, { action: 'evaluate', from: p.status })
  const { evaluationDays } = await loadRules(tx)
  const until = new Date(accepted.at.getTime() + evaluationDays * 86_400_000)
  if (now > until) throw new DomainError('errors.evaluationWindow', undefined, { days: evaluationDays })
}

/** The owner evaluates the accepted service on five points: the last step of the lifecycle. */
export async function evaluate(db: Db, clock: Clock, actor: UserActor, id: string, input: z.infer<typeof evaluationSchema>) {
  return db.transaction(async (tx) => {
    const { p, award } = await lockProcurement(tx, id)
    asParty(p, award, actor, 'owner')
    const now = clock.now()
    if (p.status === 'evaluated') throw new DomainError('errors.alreadyEvaluated')
    if (p.status === 'accepted') await evaluationWindow(tx, p, now)
    const row = await step(tx, p, 'evaluate', 'owner', actor, now, input)
    await tx.insert(evaluations).values({ procurementId: p.id, agencyOrgId: award!.agencyOrgId, ...input, createdBy: actor.userId, createdAt: now })
    const { verdict, average } = evaluationVerdict([input.quality, input.timeliness, input.conduct, input.fees, input.compliance])
    if (verdict) await recordCreditEvent(tx, { kind: verdict === 'excellent' ? 'evaluation_excellent' : 'evaluation_poor', orgId: award!.agencyOrgId, procurementId: p.id, detail: { average } }, now)
    await notify(tx, { orgId: award!.agencyOrgId, kind: 'evaluated', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, at: now })
    return row
  })
}

/**
 * The agency rates the owner once, after acceptance and within the same period: not a step of the
 * procurement, so it is audited on its own. Public, and scored into the owner's credit.
 */
export async function evaluateOwner(db: Db, clock: Clock, actor: UserActor, id: string, input: z.infer<typeof ownerEvaluationSchema>) {
  return db.transaction(async (tx) => {
    const { p, award } = await lockProcurement(tx, id)
    asParty(p, award, actor, 'agency')
    const now = clock.now()
    if (p.status !== 'accepted' && p.status !== 'evaluated') throw new DomainError('errors.illegalStep', undefined, { action: 'evaluateOwner', from: p.status })
    await evaluationWindow(tx, p, now)
    const [row] = await tx
      .insert(ownerEvaluations)
      .values({ procurementId: p.id, ownerOrgId: p.ownerOrgId, agencyOrgId: award!.agencyOrgId, ...input, createdBy: actor.userId, createdAt: now })
      .onConflictDoNothing()
      .returning()
    if (!row) throw new DomainError('errors.alreadyEvaluated')
    await appendAudit(tx, { actor, action: 'owner.evaluate', entityType: 'procurement', entityId: p.id, after: { payment: row.payment, cooperation: row.cooperation, comment: row.comment }, at: now })
    const { verdict, average } = evaluationVerdict([input.payment, input.cooperation])
    if (verdict) await recordCreditEvent(tx, { kind: verdict === 'excellent' ? 'owner_rated_well' : 'owner_rated_poorly', orgId: p.ownerOrgId, procurementId: p.id, detail: { average } }, now)
    await notify(tx, { orgId: p.ownerOrgId, kind: 'ownerEvaluated', params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, at: now })
    return row
  })
}

/**
 * The daily overdue check: a service still running after its due date is flagged once, to both
 * sides and the market office, and recorded as a credit event of its agency; a delivery the owner
 * left undecided past its acceptance period, likewise against the owner.
 */
export async function flagOverdue(db: Db, clock: Clock) {
  const now = clock.now()
  const today = shanghaiDate(now)
  const late = await db
    .select({ p: procurements, contract: contracts, award: awards })
    .from(procurements)
    .innerJoin(contracts, eq(contracts.procurementId, procurements.id))
    .innerJoin(awards, eq(awards.procurementId, procurements.id))
    .where(and(sql`${procurements.status} in ('in_service', 'contracted')`, sql`${contracts.dueDate} < ${today}`, isNull(contracts.overdueFlaggedAt)))
    .orderBy(asc(contracts.dueDate))
  const offices = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))
  for (const { p, contract, award } of late)
    await db.transaction(async (tx) => {
      const [flagged] = await tx.update(contracts).set({ overdueFlaggedAt: now }).where(and(eq(contracts.procurementId, p.id), isNull(contracts.overdueFlaggedAt))).returning()
      if (!flagged) return
      const params = { number: p.number ?? '', title: p.title, due: contract.dueDate }
      await recordCreditEvent(tx, { kind: 'service_overdue', orgId: award.agencyOrgId, procurementId: p.id, detail: { dueDate: contract.dueDate } }, now)
      await appendAudit(tx, { actor: {}, action: 'procurement.overdue', entityType: 'procurement', entityId: p.id, after: { dueDate: contract.dueDate }, at: now })
      for (const orgId of [p.ownerOrgId, award.agencyOrgId, ...offices.map((o) => o.id)])
        await notify(tx, { orgId, kind: 'serviceOverdue', params, link: `/procurements/${p.id}`, dedupeKey: `overdue:${p.id}:${orgId}`, at: now })
    })

  // The owner's side: a delivery left undecided past its acceptance period is flagged the same way, against the owner.
  const undecided = await db
    .select({ p: procurements, d: deliveries })
    .from(deliveries)
    .innerJoin(procurements, eq(procurements.id, deliveries.procurementId))
    .where(and(eq(procurements.status, 'delivered'), isNull(deliveries.decision), isNull(deliveries.overdueFlaggedAt), sql`${deliveries.decideBy} < ${now.toISOString()}::timestamptz`))
  for (const { p, d } of undecided)
    await db.transaction(async (tx) => {
      const [flagged] = await tx.update(deliveries).set({ overdueFlaggedAt: now }).where(and(eq(deliveries.id, d.id), isNull(deliveries.overdueFlaggedAt))).returning()
      if (!flagged) return
      await recordCreditEvent(tx, { kind: 'acceptance_overdue', orgId: p.ownerOrgId, procurementId: p.id, detail: { deliveryId: d.id, decideBy: d.decideBy.toISOString() } }, now)
      await appendAudit(tx, { actor: {}, action: 'procurement.acceptanceOverdue', entityType: 'procurement', entityId: p.id, after: { deliveryId: d.id, decideBy: d.decideBy.toISOString() }, at: now })
      for (const orgId of [p.ownerOrgId, ...offices.map((o) => o.id)])
        await notify(tx, { orgId, kind: 'acceptanceOverdue', params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, dedupeKey: `acceptance-overdue:${d.id}:${orgId}`, at: now })
    })
  return late.length + undecided.length
}

/** The contract, deliveries and evaluation of a procurement, for its two parties. */
export async function afterAwardOf(db: Db, id: ProcurementId) {
  const [[contract], history, [evaluation], [ownerEvaluation]] = await Promise.all([
    db.select().from(contracts).where(eq(contracts.procurementId, id)),
    db.select().from(deliveries).where(eq(deliveries.procurementId, id)).orderBy(asc(deliveries.deliveredAt)),
    db.select().from(evaluations).where(eq(evaluations.procurementId, id)),
    db.select().from(ownerEvaluations).where(eq(ownerEvaluations.procurementId, id)),
  ])
  return { contract: contract ?? null, deliveries: history, evaluation: evaluation ?? null, ownerEvaluation: ownerEvaluation ?? null }
}

/** Daily: book the next overdue check (01:30 Shanghai) with a key, as the other daily jobs do. */
export async function scheduleOverdueCheck(scheduler: Scheduler, clock: Clock, day = shanghaiDate(clock.now())) {
  const runAt = shanghaiInstant(day, '01:30')
  await scheduler.enqueue({ name: 'procurement.overdue', runAt: runAt < clock.now() ? clock.now() : runAt, key: `procurement.overdue:${day}` })
}

