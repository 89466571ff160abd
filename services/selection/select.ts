import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { awards, draws, organizations, procurements, selectionCandidates, selections, type Bid, type OrgId, type Procurement, type ProcurementId, type SelectionCandidate } from '../../db/schema'
import { appendAudit } from '../audit'
import { recordCreditEvent, scoreSql } from '../credit'
import { shanghaiDate } from '../calendar'
import { DomainError } from '../shared/errors'
import { bidStandingProblems } from '../bids'
import type { StandingProblem } from '../bids/standing'
import { notify } from '../notifications'
import type { EnqueueInput } from '../jobs'
import type { Actor } from '../shared/actor'
import type { DrawRecord } from './draw'
import { decisionOf, type Candidate, type MethodResult } from './methods'
import { loadRules, type MarketRules } from '../market/rules'
import { deadlineFrom } from '../calendar'
import type { Scheduler } from '../jobs'
import { transition } from '../market/transition'

/**
 * The selection service's database layer: at the opening it runs the procurement's method over
 * the standing bids, publishes every draw, writes the candidates in the method's order and offers
 * the award to the first. When an offer is declined or lapses, or an abnormally low price is not
 * accepted, the next candidate is offered, until none is left (流标). Every step is logged.
 */
type Tx = Db

/** The one job that watches the current offer: idempotent, it acts only when the respond-by time has passed. */
const deadlineJob = (procurementId: string, c: Pick<SelectionCandidate, 'bidId' | 'state' | 'respondBy'>): EnqueueInput => ({
  name: 'selection.deadline',
  runAt: c.respondBy!,
  payload: { id: procurementId },
  key: `selection.deadline:${procurementId}:${c.bidId}:${c.state}`,
})

async function publishDraw(tx: Tx, record: DrawRecord, at: Date) {
  const [row] = await tx.insert(draws).values({ procurementId: record.procurementId as ProcurementId, purpose: record.purpose, record: record as never, createdAt: at }).returning({ id: draws.id })
  await appendAudit(tx, { actor: {}, action: 'draw.publish', entityType: 'draw', entityId: row!.id, after: { procurementId: record.procurementId, purpose: record.purpose, winner: record.winner ?? null, pick: record.pick ?? null }, at })
  return row!.id
}

/** Opened bids as a method sees them: the draw key is the agency's USCC. */
export async function candidatesOf(tx: Tx, standing: readonly Bid[]): Promise<Candidate[]> {
  const orgs = standing.length ? await tx.select({ id: organizations.id, uscc: organizations.uscc }).from(organizations).where(inArray(organizations.id, standing.map((b) => b.agencyOrgId))) : []
  const uscc = new Map(orgs.map((o) => [o.id, o.uscc]))
  return standing.map((b) => ({ bidId: b.id, key: uscc.get(b.agencyOrgId)!, nonce: b.nonce, priceFen: b.priceFen, committedDays: b.committedDays, submittedAt: b.submittedAt }))
}

/** The bidders' credit scores now, by USCC (the draw key), for a method that weighs credit. */
async function creditAtOpening(tx: Tx, standing: readonly Bid[]): Promise<Map<string, number>> {
  if (!standing.length) return new Map()
  const rows = await tx
    .select({ uscc: organizations.uscc, score: sql<number>`${scoreSql(sql`${organizations.id}`)}` })
    .from(organizations)
    .where(inArray(organizations.id, standing.map((b) => b.agencyOrgId)))
  return new Map(rows.map((r) => [r.uscc, Number(r.score)]))
}

/** The secret committed at publication decides, with the bidders' nonces; each record publishes it. Read here and nowhere else. */
export const drawContextOf = (p: Procurement) => ({ procurementId: p.id, secret: p.drawSecret!, committedAt: p.publishedAt!, beacon: '' })

/**
 * Runs at the opening, inside the closing transaction, for the methods that select at once. The
 * reverse auction and direct commission decide otherwise and are left as they are.
 */
export async function selectAtOpening(tx: Tx, scheduler: Scheduler, p: Procurement, standing: readonly Bid[], at: Date) {
  const decision = decisionOf(p.method)
  if (decision.by !== 'opening' || p.status !== 'selecting') return p.status
  const method = decision.module
  const rules = await loadRules(tx)
  const result = method.select({
    candidates: await candidatesOf(tx, standing),
    fundingSource: p.fundingSource,
    rules: { minDrawBids: rules.minDrawBids, abnormallyLowPercent: rules.abnormallyLowPercent },
    draw: drawContextOf(p),
    params: p.methodParams,
    credit: p.method === 'scoring' || p.method === 'credit_shortlist' ? await creditAtOpening(tx, standing) : undefined,
  })
  if (result.outcome === 'failed') {
    await tx.insert(selections).values({ procurementId: p.id, method: p.method, detail: { ...result.detail, failed: result.reason }, decidedAt: at })
    return fail(tx, p, result.reason, at)
  }
  return recordRanking(tx, scheduler, p, result, new Map(standing.map((b) => [b.id as string, { agencyOrgId: b.agencyOrgId, priceFen: b.priceFen, committedDays: b.committedDays }])), rules, at)
}

/**
 * Writes a method's ranking (its draws published, the figures kept, the candidates in order, all
 * logged) and offers the award to the first. `prices` are the prices that ranked: the sealed bids,
 * or an auction's final prices.
 */
export async function recordRanking(
  tx: Tx,
  scheduler: Scheduler,
  p: Procurement,
  result: Extract<MethodResult, { outcome: 'ranked' }>,
  prices: ReadonlyMap<string, { agencyOrgId: OrgId; priceFen: number; committedDays: number }>,
  rules: MarketRules,
  at: Date,
  logged: Record<string, unknown> = {},
) {
  const drawIds: string[] = []
  for (const record of result.draws) drawIds.push(await publishDraw(tx, record, at))
  await tx.insert(selections).values({ procurementId: p.id, method: p.method, detail: result.detail, decidedAt: at })
  const flagged = new Set(result.abnormallyLow)
  await tx.insert(selectionCandidates).values(
    result.order.map((bidId, n) => {
      const b = prices.get(bidId)!
      return { procurementId: p.id, bidId: bidId as Bid['id'], rank: n + 1, agencyOrgId: b.agencyOrgId, priceFen: b.priceFen, committedDays: b.committedDays, abnormallyLow: flagged.has(bidId), stateChangedAt: at }
    }),
  )
  await appendAudit(tx, {
    actor: {},
    action: 'selection.rank',
    entityType: 'procurement',
    entityId: p.id,
    after: { method: p.method, order: result.order, abnormallyLow: result.abnormallyLow, draws: drawIds, detail: result.detail, ...logged },
    at,
  })
  if (result.awaitChoice) {
    // The short list waits for the owner's choice: each on it is told, and the owner asked.
    for (const bidId of result.order) await notify(tx, { orgId: prices.get(bidId)!.agencyOrgId, kind: 'shortlisted', params: { number: p.number ?? '', title: p.title, n: result.order.length }, link: `/procurements/${p.id}`, at })
    await notify(tx, { orgId: p.ownerOrgId, kind: 'chooseFromShortlist', params: { number: p.number ?? '', title: p.title, n: result.order.length }, link: `/owner/procurements/${p.id}`, at })
    return 'selecting' as const
  }
  // Every bidder learns where it stands; the first also hears of its offer (or of the explanation asked of it).
  for (const [n, bidId] of result.order.entries())
    if (n > 0) await notify(tx, { orgId: prices.get(bidId)!.agencyOrgId, kind: 'selectionRanked', params: { number: p.number ?? '', title: p.title, rank: n + 1, n: result.order.length }, link: `/procurements/${p.id}`, at })
  return offerNext(tx, scheduler, p, rules, at)
}

async function fail(tx: Tx, p: Procurement, reason: string, at: Date) {
  await transition(tx, p, 'fail', 'system', {}, at, { failedReason: reason }, { reason })
  await notify(tx, { orgId: p.ownerOrgId, kind: 'procurementFailed', params: { number: p.number ?? '', title: p.title, reason }, link: `/owner/procurements/${p.id}`, at })
  return 'failed' as const
}

async function setCandidate(tx: Tx, p: Procurement, c: SelectionCandidate, set: Partial<typeof selectionCandidates.$inferInsert>, at: Date, detail: Record<string, unknown> = {}, action = `selection.${set.state ?? c.state}`) {
  const [row] = await tx
    .update(selectionCandidates)
    .set({ ...set, stateChangedAt: at })
    .where(and(eq(selectionCandidates.procurementId, p.id), eq(selectionCandidates.bidId, c.bidId), eq(selectionCandidates.state, c.state)))
    .returning()
  await appendAudit(tx, { actor: {}, action, entityType: 'procurement', entityId: p.id, before: { bidId: c.bidId, state: c.state }, after: { bidId: c.bidId, rank: c.rank, agencyOrgId: c.agencyOrgId, ...set, ...detail }, at })
  return row!
}

/**
 * Offers the award to the first candidate still waiting: an abnormally low price is first
 * explained (and the explanation accepted by the owner); otherwise the award is made, with the
 * standstill and the confirmation period in working days. None left: the procurement fails.
 */
export async function offerNext(tx: Tx, scheduler: Scheduler, p: Procurement, rules: MarketRules, at: Date): Promise<'selecting' | 'awarded' | 'failed'> {
  let next: SelectionCandidate | undefined
  for (;;) {
    ;[next] = await tx
      .select()
      .from(selectionCandidates)
      .where(and(eq(selectionCandidates.procurementId, p.id), eq(selectionCandidates.state, 'waiting')))
      .orderBy(asc(selectionCandidates.rank))
      .limit(1)
    if (!next) return fail(tx, p, 'noCandidateLeft', at)
    // The one rule again, now: a candidate that may no longer win (listed, lapsed) is passed over.
    const problems = await bidStandingProblems(tx, p, next.bidId, shanghaiDate(at))
    if (!problems.length) break
    await passOver(tx, p, next, problems, at)
  }
  const params = { number: p.number ?? '', title: p.title }
  if (next.abnormallyLow && next.explanationAccepted !== true) {
    const respondBy = await deadlineFrom(tx, rules, at, rules.explanationDays)
    const row = await setCandidate(tx, p, next, { state: 'explaining', respondBy }, at)
    await scheduler.enqueue(deadlineJob(p.id, row), tx)
    await notify(tx, { orgId: next.agencyOrgId, kind: 'explainPrice', params: { ...params, by: respondBy.toISOString() }, link: `/agency/bids/${p.id}`, at })
    return 'selecting'
  }
  const standstillEndsAt = await deadlineFrom(tx, rules, at, rules.standstillDays)
  const confirmBy = await deadlineFrom(tx, rules, at, rules.confirmDays)
  await tx.delete(awards).where(eq(awards.procurementId, p.id))
  await tx.insert(awards).values({ procurementId: p.id, bidId: next.bidId, agencyOrgId: next.agencyOrgId, priceFen: next.priceFen, committedDays: next.committedDays, method: p.method, decidedAt: at, standstillEndsAt, confirmBy })
  const row = await setCandidate(tx, p, next, { state: 'offered', respondBy: confirmBy }, at)
  await transition(tx, p, 'award', 'system', {}, at, {}, { agencyOrgId: next.agencyOrgId, rank: next.rank, priceFen: next.priceFen, committedDays: next.committedDays, standstillEndsAt: standstillEndsAt.toISOString(), confirmBy: confirmBy.toISOString() })
  await scheduler.enqueue(deadlineJob(p.id, row), tx)
  await notify(tx, { orgId: next.agencyOrgId, kind: 'awardOffered', params: { ...params, by: confirmBy.toISOString() }, link: `/agency/bids/${p.id}`, at })
  await notify(tx, { orgId: p.ownerOrgId, kind: 'awardMade', params, link: `/owner/procurements/${p.id}`, at })
  return 'awarded'
}

/** A candidate the one rule now refuses: marked ineligible with the reasons, and told. No credit event: it did not decline. */
async function passOver(tx: Tx, p: Procurement, c: SelectionCandidate, problems: StandingProblem[], at: Date) {
  await setCandidate(tx, p, c, { state: 'ineligible' }, at, { problems })
  await notify(tx, { orgId: c.agencyOrgId, kind: 'candidatePassedOver', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, at })
}

/**
 * The winner may no longer win when it comes to confirm (listed or lapsed since the offer): the
 * offer is withdrawn as ineligible, with the reasons recorded, and the next candidate offered.
 */
export async function passOverOffered(tx: Tx, scheduler: Scheduler, p: Procurement, problems: StandingProblem[], at: Date) {
  const c = await currentCandidate(tx, p.id)
  if (!c) throw new DomainError('errors.illegalStep', undefined, { action: 'passOver', from: p.status })
  await passOver(tx, p, c, problems, at)
  return giveBack(tx, scheduler, p, c, 'ineligible', 'system', {}, 'awardPassedOver', at)
}

/** The award goes back: withdrawn, the procurement selecting again, the owner told why, and the next candidate offered. */
async function giveBack(tx: Tx, scheduler: Scheduler, p: Procurement, c: SelectionCandidate, how: 'declined' | 'timed_out' | 'ineligible', by: 'agency' | 'system', actor: Actor | Record<string, never>, ownerNotice: string, at: Date) {
  await tx.delete(awards).where(eq(awards.procurementId, p.id))
  const back = await transition(tx, p, 'decline', by, actor, at, {}, { agencyOrgId: c.agencyOrgId, how })
  await notify(tx, { orgId: p.ownerOrgId, kind: ownerNotice, params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, at })
  return offerNext(tx, scheduler, back, await loadRules(tx), at)
}

/** The current candidate (explaining or offered), if any. */
export async function currentCandidate(tx: Tx, procurementId: ProcurementId) {
  const [row] = await tx
    .select()
    .from(selectionCandidates)
    .where(and(eq(selectionCandidates.procurementId, procurementId), inArray(selectionCandidates.state, ['explaining', 'offered'])))
  return row ?? null
}

/** Records a credit event against an agency (the credit system scores these). */
/**
 * The winner's offer ends without a confirmation: declined by the agency, or lapsed. The award
 * is withdrawn, the event recorded for the credit system, and the next candidate offered.
 */
export async function withdrawOffer(tx: Tx, scheduler: Scheduler, p: Procurement, c: SelectionCandidate, how: 'declined' | 'timed_out', actor: Actor | Record<string, never>, reason: string | null, at: Date) {
  await setCandidate(tx, p, c, { state: how, decisionReason: reason }, at)
  await recordCreditEvent(tx, { kind: how === 'declined' ? 'award_declined' : 'award_not_confirmed', orgId: c.agencyOrgId, procurementId: p.id, detail: { rank: c.rank, reason } }, at)
  return giveBack(tx, scheduler, p, c, how, how === 'declined' ? 'agency' : 'system', actor, how === 'declined' ? 'awardDeclined' : 'awardLapsed', at)
}

/**
 * An upheld complaint's remedy 重新确定: the award is revoked by the supervisor, the candidate who
 * held it rejected with the decision's reference (no credit event: it did nothing wrong by being
 * chosen), and the next candidate is offered, the one rule asked again.
 */
export async function revokeAward(tx: Tx, scheduler: Scheduler, p: Procurement, actor: Actor, complaintId: string, at: Date) {
  const c = await currentCandidate(tx, p.id)
  if (p.status !== 'awarded' || !c) throw new DomainError('errors.illegalStep', undefined, { action: 'revokeAward', from: p.status })
  await setCandidate(tx, p, c, { state: 'rejected', decisionReason: 'complaintUpheld' }, at, { complaintId })
  await tx.delete(awards).where(eq(awards.procurementId, p.id))
  const back = await transition(tx, p, 'revokeAward', 'supervisor', actor, at, {}, { agencyOrgId: c.agencyOrgId, complaintId })
  await notify(tx, { orgId: c.agencyOrgId, kind: 'awardRevoked', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, at })
  await notify(tx, { orgId: p.ownerOrgId, kind: 'awardRevoked', params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, at })
  return offerNext(tx, scheduler, back, await loadRules(tx), at)
}

/** Locks a procurement for a selection step. */
export async function lockForSelection(tx: Tx, id: ProcurementId) {
  const [p] = await tx.select().from(procurements).where(eq(procurements.id, id)).for('update')
  return p ?? null
}

export { setCandidate }
