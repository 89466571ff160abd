import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { awards, contracts, organizations, paymentMilestones, payments, procurements, type OrgId, type Payment, type PaymentStatus, type ProcurementId, type UserId } from '../../db/schema'
import { appendAudit, type AuditAction } from '../audit'
import { shanghaiDate } from '../calendar'
import { recordCreditEvent } from '../credit'
import type { Scheduler } from '../jobs'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { recordMovement } from './ledger'
import { ProviderError, type PaymentProvider, type ProviderPayment } from './provider'

/**
 * The contract's money: the owner funds each milestone of the payment plan into escrow at the
 * provider; at the acceptance all of it is released to the agency. Nothing here trusts one answer:
 * the provider's replies, its webhooks and the reconcile job all hand over a snapshot of the
 * payment, and `applySnapshot` moves our payment only forward (pending → held → settled, released
 * and refunded amounts only growing), writing each movement to the ledger once.
 */

/** How long a payment may wait on the provider before the reconcile job asks it again. */
export const RECONCILE_AFTER_MS = 10 * 60_000
/** The steps at which the owner may fund: from the contract's confirmation on. */
export const FUNDABLE = ['contracted', 'in_service', 'delivered', 'accepted', 'evaluated'] as const
/** Once the service is accepted, what is held goes to the agency. */
const RELEASABLE = ['accepted', 'evaluated'] as const

export const mayFund = (procurementStatus: string) => (FUNDABLE as readonly string[]).includes(procurementStatus)

/**
 * Where held money is going, for the pages: to the agency once the service is accepted (or a
 * release was asked), back and forth as the contract says once it is terminated; null while it
 * simply waits in escrow, or is not held.
 */
export function escrowMotion(payment: Pick<Payment, 'status' | 'releaseRequestedAt'>, procurementStatus: string): 'releasing' | 'settling' | null {
  if (payment.status !== 'held') return null
  if (procurementStatus === 'terminated') return 'settling'
  return payment.releaseRequestedAt || (RELEASABLE as readonly string[]).includes(procurementStatus) ? 'releasing' : null
}

const RANK: Record<PaymentStatus, number> = { creating: 0, pending: 1, held: 2, declined: 2, settled: 3 }

type UserActor = Actor & { userId: UserId }

async function audit(tx: Db, p: { id: ProcurementId }, action: AuditAction, actor: Actor | Record<string, never>, at: Date, after: Record<string, unknown>) {
  await appendAudit(tx, { actor, action, entityType: 'procurement', entityId: p.id, after, at })
}

async function procurementOf(tx: Db, id: ProcurementId) {
  const [p] = await tx.select({ id: procurements.id, number: procurements.number, title: procurements.title, status: procurements.status, ownerOrgId: procurements.ownerOrgId }).from(procurements).where(eq(procurements.id, id))
  return p!
}

/**
 * Moves `payment` (locked by the caller) to what the provider says of it, forward only. Returns
 * true when anything changed. A release asked for after acceptance is booked in the same
 * transaction when money arrives in escrow late.
 */
export async function applySnapshot(tx: Db, scheduler: Scheduler, payment: Payment, snap: ProviderPayment, at: Date, source: string): Promise<boolean> {
  if (snap.reference !== payment.id || snap.amount !== payment.amountFen) {
    console.warn(`[payments] ${source}: provider payment ${snap.id} does not match ${payment.id}; ignored`)
    return false
  }
  if (payment.providerId && payment.providerId !== snap.id) {
    console.warn(`[payments] ${source}: payment ${payment.id} is ${payment.providerId} at the provider, not ${snap.id}; ignored`)
    return false
  }
  const p = await procurementOf(tx, payment.procurementId)
  const params = { number: p.number ?? '', title: p.title, amountFen: payment.amountFen }
  const link = (orgId: OrgId) => (orgId === payment.payerOrgId ? `/owner/procurements/${p.id}` : `/agency/bids/${p.id}`)
  const patch: Partial<Payment> = {}
  let status: PaymentStatus = payment.status
  if (!payment.providerId) patch.providerId = snap.id
  if (status === 'declined') return Object.keys(patch).length ? (await tx.update(payments).set({ ...patch, updatedAt: at }).where(eq(payments.id, payment.id)), true) : false

  if (snap.status === 'declined') {
    if (RANK[status] >= RANK.held) return false
    await tx.update(payments).set({ ...patch, status: 'declined', declineCode: snap.decline_code ?? 'declined', updatedAt: at }).where(eq(payments.id, payment.id))
    await audit(tx, p, 'payment.decline', {}, at, { paymentId: payment.id, code: snap.decline_code })
    await notify(tx, { orgId: payment.payerOrgId, kind: 'paymentDeclined', params, link: link(payment.payerOrgId), dedupeKey: `payment-declined:${payment.id}`, at })
    return true
  }
  if (snap.status === 'pending' && status === 'creating') status = 'pending'
  if ((snap.status === 'held' || snap.status === 'settled') && RANK[status] < RANK.held) {
    status = 'held'
    patch.heldAt = at
    await recordMovement(tx, payment, 'fund', payment.amountFen, at, { source })
    await audit(tx, p, 'payment.hold', {}, at, { paymentId: payment.id, amountFen: payment.amountFen, milestone: payment.milestoneSeq })
    for (const orgId of [payment.payerOrgId, payment.payeeOrgId]) await notify(tx, { orgId, kind: 'paymentHeld', params, link: link(orgId), dedupeKey: `payment-held:${payment.id}:${orgId}`, at })
    if ((RELEASABLE as readonly string[]).includes(p.status)) await scheduleRelease(scheduler, tx, p.id, at, payment.id)
    if (p.status === 'terminated') await settleOnTermination(scheduler, tx, p.id, at, payment.id)
  }
  const released = Math.max(0, snap.released - payment.releasedFen)
  const refunded = Math.max(0, snap.refunded - payment.refundedFen)
  if (released + refunded > 0 && status === 'held') {
    // To the agency, or back to the owner: one movement each, each told to both parties.
    const moves = [
      { kind: 'release', amount: released, field: 'releasedFen', told: 'paymentReleased', total: snap.released },
      { kind: 'refund', amount: refunded, field: 'refundedFen', told: 'paymentRefunded', total: snap.refunded },
    ] as const
    for (const m of moves.filter((x) => x.amount > 0)) {
      await recordMovement(tx, payment, m.kind, m.amount, at, { source })
      patch[m.field] = payment[m.field] + m.amount
      await audit(tx, p, `payment.${m.kind}`, {}, at, { paymentId: payment.id, amountFen: m.amount })
      for (const orgId of [payment.payeeOrgId, payment.payerOrgId])
        await notify(tx, { orgId, kind: m.told, params: { ...params, amountFen: m.amount }, link: link(orgId), dedupeKey: `${m.told}:${payment.id}:${m.total}:${orgId}`, at })
    }
    if ((patch.releasedFen ?? payment.releasedFen) + (patch.refundedFen ?? payment.refundedFen) === payment.amountFen) {
      status = 'settled'
      patch.settledAt = at
    }
  }
  if (status === payment.status && !Object.keys(patch).length) return false
  await tx.update(payments).set({ ...patch, status, updatedAt: at }).where(eq(payments.id, payment.id))
  return true
}

async function lockPayment(tx: Db, id: string) {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update')
  return row ?? null
}

/** Applies a snapshot to our payment `id` in its own transaction. */
export async function applyProviderPayment(db: Db, scheduler: Scheduler, id: string, snap: ProviderPayment, at: Date, source: string) {
  return db.transaction(async (tx) => {
    const payment = await lockPayment(tx, id)
    return payment ? applySnapshot(tx, scheduler, payment, snap, at, source) : false
  })
}

function scheduleCheck(scheduler: Scheduler, db: Db, paymentId: string, at: Date) {
  return scheduler.enqueue({ name: 'payments.check', runAt: new Date(at.getTime() + RECONCILE_AFTER_MS), payload: { id: paymentId }, key: `payments.check:${paymentId}:${at.getTime()}` }, db)
}

/** `cause`: what booked it (the acceptance, or one payment arriving in escrow after it), so each books its own run. */
function scheduleRelease(scheduler: Scheduler, db: Db, procurementId: string, at: Date, cause = 'step') {
  return scheduler.enqueue({ name: 'payments.release', runAt: at, payload: { id: procurementId }, key: `payments.release:${procurementId}:${cause}:${at.getTime()}` }, db)
}

/** Books the release of what escrow holds for a procurement, in the transaction of its acceptance. */
export const releaseOnAcceptance = scheduleRelease

/** Books the settlement of what escrow holds, in the transaction of a termination. */
export function settleOnTermination(scheduler: Scheduler, db: Db, procurementId: string, at: Date, cause = 'step') {
  return scheduler.enqueue({ name: 'payments.settle', runAt: at, payload: { id: procurementId }, key: `payments.settle:${procurementId}:${cause}:${at.getTime()}` }, db)
}

export type FundResult = { payment: Payment; created: boolean }

/**
 * The owner funds a milestone. One live payment per milestone (a double click, or two tabs, make
 * one: the second finds the first). The provider is asked after the payment row is committed; if
 * it does not answer, the payment stays "creating" and the check job asks again with the same
 * idempotency key, so the owner is charged once. A decline is final for that payment: the owner may
 * fund the milestone again.
 */
export async function fundMilestone(db: Db, clock: Clock, provider: PaymentProvider, scheduler: Scheduler, actor: UserActor, procurementId: string, seq: number): Promise<FundResult> {
  if (!isUuid(procurementId) || !Number.isInteger(seq)) throw new DomainError('errors.notFound')
  const now = clock.now()
  const { payment, created } = await db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, procurementId as ProcurementId)).for('update')
    if (!p || p.ownerOrgId !== actor.orgId) throw new DomainError('errors.notFound')
    if (!mayFund(p.status)) throw new DomainError('errors.illegalStep', undefined, { action: 'fund', from: p.status })
    const [milestone] = await tx.select().from(paymentMilestones).where(and(eq(paymentMilestones.procurementId, p.id), eq(paymentMilestones.seq, seq)))
    const [contract] = await tx.select({ agency: awards.agencyOrgId }).from(contracts).innerJoin(awards, eq(awards.procurementId, contracts.procurementId)).where(eq(contracts.procurementId, p.id))
    if (!milestone || !contract) throw new DomainError('errors.notFound')
    const [live] = await tx.select().from(payments).where(and(eq(payments.procurementId, p.id), eq(payments.milestoneSeq, seq), sql`${payments.status} <> 'declined'`))
    if (live) return { payment: live, created: false }
    const [row] = await tx
      .insert(payments)
      .values({ procurementId: p.id, milestoneSeq: seq, payerOrgId: p.ownerOrgId, payeeOrgId: contract.agency, amountFen: milestone.amountFen, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning()
    await audit(tx, p, 'payment.request', actor, now, { paymentId: row!.id, milestone: seq, amountFen: milestone.amountFen })
    await scheduleCheck(scheduler, tx, row!.id, now)
    return { payment: row!, created: true }
  })
  if (!created) return { payment, created }
  try {
    const snap = await provider.createPayment({ reference: payment.id, amount: payment.amountFen, payer: payment.payerOrgId, payee: payment.payeeOrgId, description: `procurement ${payment.procurementId} milestone ${seq}` })
    await applyProviderPayment(db, scheduler, payment.id, snap, clock.now(), 'create')
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error
    if (error.outcomeUnknown) {
      console.warn(`[payments] create ${payment.id}: ${error.message}; the check job will ask again`)
      return { payment, created }
    }
    // Declined, or refused as a request: final for this payment; the owner may try again.
    await db.transaction(async (tx) => {
      const locked = await lockPayment(tx, payment.id)
      if (!locked || RANK[locked.status] >= RANK.held) return
      await tx.update(payments).set({ status: 'declined', declineCode: error.code ?? error.kind, updatedAt: clock.now() }).where(eq(payments.id, payment.id))
      await audit(tx, { id: payment.procurementId }, 'payment.decline', {}, clock.now(), { paymentId: payment.id, code: error.code ?? error.kind })
    })
    throw new DomainError(error.kind === 'declined' ? 'fund.error.declined' : 'fund.error.refused')
  }
  const [fresh] = await db.select().from(payments).where(eq(payments.id, payment.id))
  return { payment: fresh!, created }
}

/**
 * Asks the provider where one payment stands and applies it: the check job, and the reconcile
 * sweep. A payment the provider never answered for is created again under the same idempotency
 * key, which returns the first if it did arrive. A release or refund asked but not answered is
 * asked again, under its key.
 */
export async function syncPayment(db: Db, clock: Clock, provider: PaymentProvider, scheduler: Scheduler, id: string): Promise<Payment | null> {
  const [payment] = await db.select().from(payments).where(eq(payments.id, id))
  if (!payment || payment.status === 'declined' || payment.status === 'settled') return payment ?? null
  let snap: ProviderPayment
  try {
    snap = payment.providerId
      ? await provider.getPayment(payment.providerId)
      : await provider.createPayment({ reference: payment.id, amount: payment.amountFen, payer: payment.payerOrgId, payee: payment.payeeOrgId, description: `procurement ${payment.procurementId} milestone ${payment.milestoneSeq}` })
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'declined') snap = { id: payment.providerId ?? `declined:${payment.id}`, reference: payment.id, amount: payment.amountFen, currency: 'CNY', status: 'declined', released: 0, refunded: 0, decline_code: error.code }
    else throw error
  }
  await applyProviderPayment(db, scheduler, payment.id, snap, clock.now(), 'reconcile')
  const [fresh] = await db.select().from(payments).where(eq(payments.id, id))
  if (fresh?.status === 'held' && fresh.providerId) {
    if (fresh.settleRefundFen !== null) await askSettlement(db, clock, provider, scheduler, fresh)
    else if (fresh.releaseRequestedAt) await askProvider(db, clock, provider, scheduler, fresh, 'release', fresh.amountFen - fresh.releasedFen - fresh.refundedFen)
  }
  return fresh ?? null
}

/** A terminated contract's payment: what is left of its refund share back to the owner, what is left of the rest to the agency. */
async function askSettlement(db: Db, clock: Clock, provider: PaymentProvider, scheduler: Scheduler, payment: Payment) {
  const refund = payment.settleRefundFen! - payment.refundedFen
  const release = payment.amountFen - payment.settleRefundFen! - payment.releasedFen
  if (refund > 0) await askProvider(db, clock, provider, scheduler, payment, 'refund', refund)
  const [fresh] = await db.select().from(payments).where(eq(payments.id, payment.id))
  if (release > 0 && fresh?.status === 'held') await askProvider(db, clock, provider, scheduler, fresh, 'release', release)
}

/**
 * The settlement job, booked by a termination (and by money arriving in escrow after one): each
 * held payment's share is fixed once (the contract's termination percentage of what it still
 * holds, rounded to the fen, back to the owner) and asked of the provider. Throws on a provider
 * fault, and the queue retries; the reconcile sweep repeats what was asked but not answered.
 */
export async function settleTerminated(db: Db, clock: Clock, provider: PaymentProvider, scheduler: Scheduler, procurementId: ProcurementId): Promise<number> {
  const p = await procurementOf(db, procurementId)
  if (!p || p.status !== 'terminated') return 0
  const [contract] = await db.select({ percent: contracts.terminationRefundPercent }).from(contracts).where(eq(contracts.procurementId, procurementId))
  const held = await db.select().from(payments).where(and(eq(payments.procurementId, procurementId), eq(payments.status, 'held')))
  for (const payment of held) {
    let settling = payment
    if (payment.settleRefundFen === null) {
      const left = payment.amountFen - payment.releasedFen - payment.refundedFen
      const share = payment.refundedFen + Math.round((left * (contract?.percent ?? 100)) / 100)
      const now = clock.now()
      const [fixed] = await db.update(payments).set({ settleRefundFen: share, refundRequestedAt: now, releaseRequestedAt: share < payment.amountFen - payment.releasedFen ? now : null }).where(and(eq(payments.id, payment.id), isNull(payments.settleRefundFen))).returning()
      settling = fixed ?? (await db.select().from(payments).where(eq(payments.id, payment.id)))[0]!
    }
    await askSettlement(db, clock, provider, scheduler, settling)
  }
  return held.length
}

/** Asks the provider to release (or refund) what is left of a held payment, under one key per payment and kind. */
async function askProvider(db: Db, clock: Clock, provider: PaymentProvider, scheduler: Scheduler, payment: Payment, kind: 'release' | 'refund', amount: number) {
  if (amount <= 0 || !payment.providerId) return
  const snap = kind === 'release' ? await provider.release(payment.providerId, amount, `release:${payment.id}`) : await provider.refund(payment.providerId, amount, `refund:${payment.id}`)
  await applyProviderPayment(db, scheduler, payment.id, snap, clock.now(), kind)
}

/**
 * The release job, booked by the acceptance (and by money arriving in escrow after it): each held
 * payment of the procurement is released in full to the agency. Marked as asked first, so the
 * reconcile sweep repeats a release whose answer was lost. Throws on a provider fault, and the
 * queue retries.
 */
export async function releaseHeld(db: Db, clock: Clock, provider: PaymentProvider, scheduler: Scheduler, procurementId: ProcurementId): Promise<number> {
  const p = await procurementOf(db, procurementId)
  if (!p || !(RELEASABLE as readonly string[]).includes(p.status)) return 0
  const held = await db.select().from(payments).where(and(eq(payments.procurementId, procurementId), eq(payments.status, 'held'), isNull(payments.settleRefundFen)))
  for (const payment of held) {
    if (!payment.releaseRequestedAt) await db.update(payments).set({ releaseRequestedAt: clock.now() }).where(and(eq(payments.id, payment.id), isNull(payments.releaseRequestedAt)))
    await askProvider(db, clock, provider, scheduler, payment, 'release', payment.amountFen - payment.releasedFen - payment.refundedFen)
  }
  return held.length
}

/**
 * The reconcile sweep (every 10 minutes): each payment that has waited on the provider longer
 * than RECONCILE_AFTER_MS (not yet answered, not yet funded, or a release or refund not yet
 * done) is asked again. One payment's fault does not stop the others.
 */
export async function reconcilePayments(db: Db, clock: Clock, provider: PaymentProvider, scheduler: Scheduler): Promise<{ checked: number; failed: number }> {
  const before = new Date(clock.now().getTime() - RECONCILE_AFTER_MS)
  const waiting = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(lt(payments.updatedAt, before), or(inArray(payments.status, ['creating', 'pending']), and(eq(payments.status, 'held'), or(isNotNull(payments.releaseRequestedAt), isNotNull(payments.refundRequestedAt))))))
    .orderBy(asc(payments.updatedAt))
    .limit(500)
  let failed = 0
  for (const { id } of waiting) {
    try {
      await syncPayment(db, clock, provider, scheduler, id)
    } catch (error) {
      failed++
      console.warn(`[payments] reconcile ${id}: ${(error as Error).message}`)
    }
  }
  return { checked: waiting.length, failed }
}

/**
 * The daily check: a milestone whose day to fund passed with no money in escrow is flagged once,
 * to the owner, the agency and the market office, and recorded against the owner's credit.
 */
export async function flagLateFunding(db: Db, clock: Clock): Promise<number> {
  const now = clock.now()
  const today = shanghaiDate(now)
  const late = await db
    .select({ m: paymentMilestones, p: { id: procurements.id, number: procurements.number, title: procurements.title, ownerOrgId: procurements.ownerOrgId } })
    .from(paymentMilestones)
    .innerJoin(procurements, eq(procurements.id, paymentMilestones.procurementId))
    .where(and(
      lt(paymentMilestones.fundBy, today),
      isNull(paymentMilestones.overdueFlaggedAt),
      inArray(procurements.status, [...FUNDABLE]),
      sql`not exists (select 1 from payments x where x.procurement_id = ${paymentMilestones.procurementId} and x.milestone_seq = ${paymentMilestones.seq} and x.status in ('held', 'settled'))`,
    ))
  if (!late.length) return 0
  const offices = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))
  for (const { m, p } of late)
    await db.transaction(async (tx) => {
      const [flagged] = await tx.update(paymentMilestones).set({ overdueFlaggedAt: now }).where(and(eq(paymentMilestones.procurementId, m.procurementId), eq(paymentMilestones.seq, m.seq), isNull(paymentMilestones.overdueFlaggedAt))).returning()
      if (!flagged) return
      const [agency] = await tx.select({ orgId: awards.agencyOrgId }).from(awards).where(eq(awards.procurementId, p.id))
      await recordCreditEvent(tx, { kind: 'funding_overdue', orgId: p.ownerOrgId, procurementId: p.id, detail: { milestone: m.seq, fundBy: m.fundBy } }, now)
      await audit(tx, p, 'payment.fundingOverdue', {}, now, { milestone: m.seq, fundBy: m.fundBy, amountFen: m.amountFen })
      const params = { number: p.number ?? '', title: p.title, amountFen: m.amountFen, due: m.fundBy }
      for (const orgId of [p.ownerOrgId, ...(agency ? [agency.orgId] : []), ...offices.map((o) => o.id)])
        await notify(tx, { orgId, kind: 'fundingOverdue', params, link: `/procurements/${p.id}`, dedupeKey: `funding-overdue:${p.id}:${m.seq}:${orgId}`, at: now })
    })
  return late.length
}

/** The plan's milestones with the payment that stands for each (the latest, declined ones too). */
export async function paymentsOf(db: Db, procurementId: ProcurementId) {
  const [milestones, rows] = await Promise.all([
    db.select().from(paymentMilestones).where(eq(paymentMilestones.procurementId, procurementId)).orderBy(asc(paymentMilestones.seq)),
    db.select().from(payments).where(eq(payments.procurementId, procurementId)).orderBy(asc(payments.createdAt)),
  ])
  return milestones.map((m) => {
    const mine = rows.filter((r) => r.milestoneSeq === m.seq)
    const live = mine.find((r) => r.status !== 'declined') ?? null
    return { ...m, payment: live ?? mine.at(-1) ?? null, declined: mine.filter((r) => r.status === 'declined').length }
  })
}
