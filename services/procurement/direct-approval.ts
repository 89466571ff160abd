import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import type * as z from 'zod'
import type { directDecisionSchema } from './direct-approval-input'
import type { Db } from '../../db/client'
import { directApprovals, organizations, procurements, type DirectApproval, type Procurement, type ProcurementId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError, fen } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { loadRules, type MarketRules } from '../market/rules'

/**
 * 直接委托 above the marketplace's limit is an exception to competition: the owner asks, with its
 * written reason, and the market office approves or refuses, with its own reason, before the
 * draft may be published. An approval covers the max price and the named agency as they stood
 * when asked; a draft changed since needs asking again.
 */
type UserActor = Actor & { userId: UserId }

export { directDecisionSchema } from './direct-approval-input'

/** Whether this draft is a direct commission above the limit, which needs the office's approval. */
export const needsDirectApproval = (p: Pick<Procurement, 'method' | 'maxPriceFen'>, rules: Pick<MarketRules, 'directThresholdFen'>) => p.method === 'direct' && p.maxPriceFen > rules.directThresholdFen

/** The newest request for this procurement, if any. */
export async function directApprovalOf(db: Db, procurementId: ProcurementId): Promise<DirectApproval | null> {
  const [row] = await db.select().from(directApprovals).where(eq(directApprovals.procurementId, procurementId)).orderBy(desc(directApprovals.requestedAt), sql`${directApprovals.decidedAt} desc nulls first`).limit(1)
  return row ?? null
}

/** Whether this request, approved, covers the draft as it is now (its max price and named agency). */
export const standsFor = (approval: DirectApproval | null, p: Pick<Procurement, 'maxPriceFen' | 'directAgencyId'>) =>
  approval?.decision === 'approved' && approval.maxPriceFen === p.maxPriceFen && approval.directAgencyId === p.directAgencyId

/** Does an approval stand for the draft as it is now? Asked again at publication. */
export async function approvedAsItStands(tx: Db, p: Procurement): Promise<boolean> {
  return standsFor(await directApprovalOf(tx, p.id), p)
}

/** The owner asks for the exception on its own draft: a direct commission above the limit, with its reason. */
export async function requestDirectApproval(db: Db, clock: Clock, actor: UserActor, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(and(eq(procurements.id, id as ProcurementId), eq(procurements.ownerOrgId, actor.orgId))).for('update')
    if (!p) throw new DomainError('errors.notFound')
    if (p.status !== 'draft') throw new DomainError('errors.illegalStep', undefined, { action: 'requestDirectApproval', from: p.status })
    const rules = await loadRules(tx)
    if (!needsDirectApproval(p, rules)) throw new DomainError('errors.directApprovalNotNeeded')
    if (!p.directReason || p.directReason.length < 10) throw new DomainError('errors.directReasonRequired', 'directReason', { threshold: fen(rules.directThresholdFen) })
    const latest = await directApprovalOf(tx, p.id)
    if (latest && !latest.decision) throw new DomainError('errors.directApprovalPending')
    if (standsFor(latest, p)) throw new DomainError('errors.directApprovalStands')
    const now = clock.now()
    const [row] = await tx
      .insert(directApprovals)
      .values({ procurementId: p.id, maxPriceFen: p.maxPriceFen, directAgencyId: p.directAgencyId!, reason: p.directReason, requestedBy: actor.userId, requestedAt: now })
      .returning()
    await appendAudit(tx, { actor, action: 'direct.approval.request', entityType: 'procurement', entityId: p.id, after: { id: row!.id, maxPriceFen: row!.maxPriceFen, directAgencyId: row!.directAgencyId, reason: row!.reason }, at: now })
    const offices = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))
    for (const office of offices) await notify(tx, { orgId: office.id, kind: 'directApprovalRequested', params: { title: p.title }, link: '/office/approvals', at: now })
    return row!
  })
}

/** The market office decides, with its reason; the owner is told. */
export async function decideDirectApproval(db: Db, clock: Clock, actor: UserActor, input: z.infer<typeof directDecisionSchema>) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(directApprovals).where(and(eq(directApprovals.id, input.id), isNull(directApprovals.decision))).for('update')
    if (!row) throw new DomainError('errors.notFound')
    const [office] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, actor.orgId))
    if (office?.kind !== 'market_office') throw new DomainError('errors.notFound')
    const now = clock.now()
    const [decided] = await tx.update(directApprovals).set({ decision: input.decision, decidedBy: actor.userId, decidedAt: now, decisionReason: input.reason }).where(eq(directApprovals.id, row.id)).returning()
    await appendAudit(tx, { actor, action: `direct.approval.${input.decision}`, entityType: 'procurement', entityId: row.procurementId, after: { id: row.id, reason: input.reason }, at: now })
    const [p] = await tx.select({ ownerOrgId: procurements.ownerOrgId, title: procurements.title }).from(procurements).where(eq(procurements.id, row.procurementId))
    await notify(tx, { orgId: p!.ownerOrgId, kind: input.decision === 'approved' ? 'directApproved' : 'directRefused', params: { title: p!.title, reason: input.reason }, link: `/owner/procurements/${row.procurementId}`, at: now })
    return decided!
  })
}

/** What the office decides on: the open requests, oldest first, with their procurement and agency. */
export async function openDirectApprovals(db: Db) {
  return db
    .select({ approval: directApprovals, title: procurements.title, projectName: procurements.projectName, ownerOrgId: procurements.ownerOrgId, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn, agencyUscc: organizations.uscc })
    .from(directApprovals)
    .innerJoin(procurements, eq(procurements.id, directApprovals.procurementId))
    .innerJoin(organizations, eq(organizations.id, directApprovals.directAgencyId))
    .where(isNull(directApprovals.decision))
    .orderBy(asc(directApprovals.requestedAt))
}

