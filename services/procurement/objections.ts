import { and, asc, count, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { awards, objections, organizations, procurements, type OrgId, type ProcurementId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { isBidder } from '../bids'

/** 异议 during the standstill: raised by a bidder, answered by the owner; an open one holds the contract back. */
export { objectionAnswerSchema, objectionSchema } from './talk-input'

/** At most this many objections per bidder and procurement. */
export const OBJECTIONS_PER_BIDDER = 3

export async function raiseObjection(db: Db, clock: Clock, actor: Actor & { userId: UserId }, id: string, text: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ p: procurements, award: awards }).from(procurements).innerJoin(awards, eq(awards.procurementId, procurements.id)).where(eq(procurements.id, id as ProcurementId)).for('update')
    if (!row || !(await isBidder(tx, row.p.id, actor.orgId))) throw new DomainError('errors.notFound')
    const now = clock.now()
    if (row.p.status !== 'awarded' || now >= row.award.standstillEndsAt) throw new DomainError('errors.standstillOver')
    const [mine] = await tx.select({ n: count() }).from(objections).where(and(eq(objections.procurementId, row.p.id), eq(objections.orgId, actor.orgId)))
    if (Number(mine!.n) >= OBJECTIONS_PER_BIDDER) throw new DomainError('errors.tooManyObjections', 'text', { n: OBJECTIONS_PER_BIDDER })
    const [created] = await tx.insert(objections).values({ procurementId: row.p.id, orgId: actor.orgId, text, raisedBy: actor.userId, raisedAt: now }).returning()
    await appendAudit(tx, { actor, action: 'objection.raise', entityType: 'procurement', entityId: row.p.id, after: { objectionId: created!.id, text }, at: now })
    const offices = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))
    for (const orgId of [row.p.ownerOrgId, ...offices.map((o) => o.id)])
      await notify(tx, { orgId, kind: 'objectionRaised', params: { number: row.p.number ?? '', title: row.p.title }, link: orgId === row.p.ownerOrgId ? `/owner/procurements/${row.p.id}` : `/procurements/${row.p.id}`, at: now })
    return created!
  })
}

export async function answerObjection(db: Db, clock: Clock, actor: Actor & { userId: UserId }, objectionId: string, response: string) {
  if (!isUuid(objectionId)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ o: objections, p: procurements })
      .from(objections)
      .innerJoin(procurements, eq(procurements.id, objections.procurementId))
      .where(and(eq(objections.id, objectionId), eq(procurements.ownerOrgId, actor.orgId)))
      .for('update')
    if (!row) throw new DomainError('errors.notFound')
    if (row.o.response) throw new DomainError('errors.alreadyAnswered')
    const now = clock.now()
    await tx.update(objections).set({ response, respondedBy: actor.userId, respondedAt: now }).where(eq(objections.id, objectionId))
    await appendAudit(tx, { actor, action: 'objection.answer', entityType: 'procurement', entityId: row.p.id, after: { objectionId, response }, at: now })
    await notify(tx, { orgId: row.o.orgId, kind: 'objectionAnswered', params: { number: row.p.number ?? '', title: row.p.title }, link: `/agency/bids/${row.p.id}`, at: now })
  })
}

/** Objections still waiting for the owner: while any waits, no contract. */
export async function openObjectionCount(db: Db, procurementId: ProcurementId) {
  const [row] = await db.select({ n: count() }).from(objections).where(and(eq(objections.procurementId, procurementId), isNull(objections.response)))
  return Number(row!.n)
}

/** A procurement's objections: all of them for its owner, its own for a bidder. */
export async function objectionsOf(db: Db, procurementId: ProcurementId, viewer: { orgId: OrgId; owner: boolean }) {
  return db
    .select({ id: objections.id, text: objections.text, raisedAt: objections.raisedAt, response: objections.response, respondedAt: objections.respondedAt, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn })
    .from(objections)
    .innerJoin(organizations, eq(organizations.id, objections.orgId))
    .innerJoin(procurements, eq(procurements.id, objections.procurementId))
    .where(and(eq(objections.procurementId, procurementId), viewer.owner ? eq(procurements.ownerOrgId, viewer.orgId) : eq(objections.orgId, viewer.orgId)))
    .orderBy(asc(objections.raisedAt))
}
