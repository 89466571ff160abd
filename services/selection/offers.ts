import { and, asc, eq, ne, sql } from 'drizzle-orm'
import type * as z from 'zod'
import type { Db } from '../../db/client'
import { awards, selectionCandidates, selections, type OrgId, type ProcurementId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { recordCreditEvent } from '../credit'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { loadRules } from '../market/rules'
import type { Scheduler } from '../jobs'
import { currentCandidate, lockForSelection, offerNext, setCandidate, withdrawOffer } from './select'

/**
 * What the parties do with an offer: the winner declines it (or confirms, in after-award), an
 * agency asked about its abnormally low price explains it, and the owner accepts or rejects the
 * explanation. The deadline job ends what nobody answered in time.
 */
type UserActor = Actor & { userId: UserId }

import type { chooseSchema, declineSchema, explanationDecisionSchema, explanationSchema } from './offer-input'

export { chooseSchema, declineSchema, explanationDecisionSchema, explanationSchema } from './offer-input'

async function lockWithCandidate(tx: Db, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const p = await lockForSelection(tx, id as ProcurementId)
  if (!p) throw new DomainError('errors.notFound')
  return { p, current: await currentCandidate(tx, p.id) }
}

/** The winner declines the award before confirming it; the next candidate is offered. */
export async function declineAward(db: Db, clock: Clock, scheduler: Scheduler, actor: UserActor, id: string, input: z.infer<typeof declineSchema>) {
  return db.transaction(async (tx) => {
    const { p, current } = await lockWithCandidate(tx, id)
    const [award] = await tx.select({ agencyOrgId: awards.agencyOrgId, confirmedAt: awards.confirmedAt }).from(awards).where(eq(awards.procurementId, p.id))
    // A confirmed award binds: after it, the way out is the contract's, not a decline.
    if (award?.agencyOrgId === actor.orgId && award.confirmedAt) throw new DomainError('errors.alreadyConfirmed')
    if (current?.agencyOrgId !== actor.orgId) throw new DomainError('errors.notFound')
    if (p.status !== 'awarded' || current.state !== 'offered') throw new DomainError('errors.illegalStep', undefined, { action: 'decline', from: p.status })
    return withdrawOffer(tx, scheduler, p, current, 'declined', actor, input.reason, clock.now())
  })
}

/** The agency asked about its abnormally low price explains it in writing, before its deadline. */
export async function explainPrice(db: Db, clock: Clock, actor: UserActor, id: string, input: z.infer<typeof explanationSchema>) {
  return db.transaction(async (tx) => {
    const { p, current } = await lockWithCandidate(tx, id)
    if (current?.agencyOrgId !== actor.orgId) throw new DomainError('errors.notFound')
    if (current.state !== 'explaining' || current.explainedAt) throw new DomainError('errors.illegalStep', undefined, { action: 'explain', from: current.state })
    const now = clock.now()
    if (now >= current.respondBy!) throw new DomainError('errors.explanationLate')
    await tx.update(selectionCandidates).set({ explanation: input.explanation, explainedAt: now }).where(and(eq(selectionCandidates.procurementId, p.id), eq(selectionCandidates.bidId, current.bidId)))
    await appendAudit(tx, { actor, action: 'selection.explain', entityType: 'procurement', entityId: p.id, after: { bidId: current.bidId, explanation: input.explanation }, at: now })
    await notify(tx, { orgId: p.ownerOrgId, kind: 'priceExplained', params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, at: now })
  })
}

/** The owner accepts the explanation (the award is made) or rejects it with a reason (the next candidate is offered). */
export async function decideExplanation(db: Db, clock: Clock, scheduler: Scheduler, actor: UserActor, id: string, input: z.infer<typeof explanationDecisionSchema>) {
  return db.transaction(async (tx) => {
    const { p, current } = await lockWithCandidate(tx, id)
    if (p.ownerOrgId !== actor.orgId) throw new DomainError('errors.notFound')
    if (!current || current.state !== 'explaining' || !current.explainedAt) throw new DomainError('errors.illegalStep', undefined, { action: 'decideExplanation', from: p.status })
    const now = clock.now()
    const accept = input.decision === 'accept'
    await setCandidate(tx, p, current, { state: accept ? 'waiting' : 'rejected', explanationAccepted: accept, decisionReason: input.reason || null }, now, { by: actor.userId }, accept ? 'selection.explanationAccepted' : 'selection.explanationRejected')
    await notify(tx, { orgId: current.agencyOrgId, kind: accept ? 'explanationAccepted' : 'explanationRejected', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, at: now })
    return offerNext(tx, scheduler, p, await loadRules(tx), now)
  })
}

/**
 * 信用择优: the owner picks the winner from the short list, with a written reason. The chosen one
 * becomes the first candidate (the others keep the draw's order after it) and is offered the
 * award, the one rule asked again first. Once only: after a choice the next candidate comes by
 * the ranking, as with any method.
 */
export async function chooseFromShortlist(db: Db, clock: Clock, scheduler: Scheduler, actor: UserActor, id: string, input: z.infer<typeof chooseSchema>) {
  return db.transaction(async (tx) => {
    const { p, current } = await lockWithCandidate(tx, id)
    if (p.ownerOrgId !== actor.orgId) throw new DomainError('errors.notFound')
    if (p.method !== 'credit_shortlist' || p.status !== 'selecting' || current) throw new DomainError('errors.illegalStep', undefined, { action: 'choose', from: p.status })
    const [moved] = await tx.select({ bidId: selectionCandidates.bidId }).from(selectionCandidates).where(and(eq(selectionCandidates.procurementId, p.id), ne(selectionCandidates.state, 'waiting'))).limit(1)
    if (moved) throw new DomainError('errors.alreadyChosen')
    const waiting = await tx.select().from(selectionCandidates).where(eq(selectionCandidates.procurementId, p.id)).orderBy(asc(selectionCandidates.rank))
    const chosen = waiting.find((c) => c.bidId === input.bidId)
    if (!chosen) throw new DomainError('errors.chooseCandidate', 'bidId')
    const now = clock.now()
    // The chosen first, the rest in the draw's order: ranks moved out of the way, then set.
    await tx.update(selectionCandidates).set({ rank: sql`${selectionCandidates.rank} + 1000` }).where(eq(selectionCandidates.procurementId, p.id))
    const order = [chosen, ...waiting.filter((c) => c.bidId !== chosen.bidId)]
    for (const [n, c] of order.entries()) await tx.update(selectionCandidates).set({ rank: n + 1 }).where(and(eq(selectionCandidates.procurementId, p.id), eq(selectionCandidates.bidId, c.bidId)))
    await tx.update(selections).set({ detail: sql`${selections.detail} || ${JSON.stringify({ chosen: chosen.bidId, chosenAgency: chosen.agencyOrgId, reason: input.reason })}::jsonb` }).where(eq(selections.procurementId, p.id))
    await appendAudit(tx, { actor, action: 'selection.choose', entityType: 'procurement', entityId: p.id, after: { bidId: chosen.bidId, agencyOrgId: chosen.agencyOrgId, reason: input.reason, order: order.map((c) => c.bidId) }, at: now })
    return offerNext(tx, scheduler, p, await loadRules(tx), now)
  })
}

/**
 * The deadline job. Idempotent and driven by the clock: it acts only when the current
 * candidate's respond-by time has passed and the step is still open. An explanation that was
 * given waits for the owner; a missing one, or an unconfirmed award, passes to the next candidate.
 */
export async function lapseIfDue(db: Db, clock: Clock, scheduler: Scheduler, id: ProcurementId) {
  return db.transaction(async (tx) => {
    const p = await lockForSelection(tx, id)
    if (!p) return null
    const current = await currentCandidate(tx, p.id)
    const now = clock.now()
    if (!current?.respondBy || now < current.respondBy) return null
    if (current.state === 'offered' && p.status === 'awarded') {
      const [award] = await tx.select({ confirmedAt: awards.confirmedAt }).from(awards).where(eq(awards.procurementId, p.id))
      if (award?.confirmedAt) return null
      return withdrawOffer(tx, scheduler, p, current, 'timed_out', {}, null, now)
    }
    if (current.state === 'explaining' && !current.explainedAt && p.status === 'selecting') {
      await setCandidate(tx, p, current, { state: 'timed_out', decisionReason: 'noExplanation' }, now)
      await recordCreditEvent(tx, { kind: 'explanation_missing', orgId: current.agencyOrgId, procurementId: p.id, detail: { rank: current.rank } }, now)
      return offerNext(tx, scheduler, p, await loadRules(tx), now)
    }
    return null
  })
}

/**
 * The winner's confirmation, called by after-award's confirmAward inside its transaction: refused
 * once the confirmation period has passed (the offer has lapsed, even if the job has not run yet).
 */
export async function confirmOffer(tx: Db, procurementId: ProcurementId, agencyOrgId: OrgId, confirmBy: Date | null, at: Date) {
  if (confirmBy && at >= confirmBy) throw new DomainError('errors.offerLapsed')
  await tx
    .update(selectionCandidates)
    .set({ state: 'confirmed', stateChangedAt: at })
    .where(and(eq(selectionCandidates.procurementId, procurementId), eq(selectionCandidates.agencyOrgId, agencyOrgId), eq(selectionCandidates.state, 'offered')))
}
