import { createHash } from 'node:crypto'
import { and, asc, count, eq, gte, isNotNull, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { clarifications, organizations, procurements, type OrgId, type ProcurementId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import { canonicalJson } from '../shared/canonical-json'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'

/**
 * 答疑 (clarifications). An agency asks while bids are open; the owner answers for everyone. The
 * asker stays anonymous: the owner and the public see the question and the answer only, and the
 * audit log records a seal of the question with its asker, not the asker.
 */
export { answerSchema, questionSchema } from './talk-input'

/** At most this many questions per agency and procurement in a day: enough to ask, not to flood. */
export const QUESTIONS_PER_DAY = 5

export async function askQuestion(db: Db, clock: Clock, actor: Actor & { userId: UserId }, id: string, question: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, id as ProcurementId)).for('share')
    if (!p || p.status === 'draft') throw new DomainError('errors.notFound')
    const now = clock.now()
    if (p.status !== 'published' || now >= p.bidDeadline!) throw new DomainError('errors.biddingClosed')
    const [org] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, actor.orgId))
    if (org?.kind !== 'agency') throw new DomainError('errors.illegalStep')
    const since = new Date(now.getTime() - 86_400_000)
    const [asked] = await tx
      .select({ n: count() })
      .from(clarifications)
      .where(and(eq(clarifications.procurementId, p.id), eq(clarifications.askedByOrgId, actor.orgId), gte(clarifications.askedAt, since)))
    if (Number(asked!.n) >= QUESTIONS_PER_DAY) throw new DomainError('errors.tooManyQuestions', 'question', { n: QUESTIONS_PER_DAY })
    const [row] = await tx.insert(clarifications).values({ procurementId: p.id, askedByOrgId: actor.orgId, question, askedAt: now }).returning()
    const seal = createHash('sha256').update(canonicalJson({ id: row!.id, procurementId: p.id, askedByOrgId: actor.orgId, question })).digest('hex')
    await appendAudit(tx, { actor: {}, action: 'clarification.ask', entityType: 'clarification', entityId: row!.id, after: { seal }, at: now })
    await notify(tx, { orgId: p.ownerOrgId, kind: 'questionAsked', params: { number: p.number ?? '', title: p.title }, link: `/owner/procurements/${p.id}`, at: now })
    return row!
  })
}

export async function answerQuestion(db: Db, clock: Clock, actor: Actor & { userId: UserId }, clarificationId: string, answer: string) {
  if (!isUuid(clarificationId)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ c: clarifications, p: procurements })
      .from(clarifications)
      .innerJoin(procurements, eq(procurements.id, clarifications.procurementId))
      .where(and(eq(clarifications.id, clarificationId), eq(procurements.ownerOrgId, actor.orgId)))
      .for('update')
    if (!row) throw new DomainError('errors.notFound')
    if (row.c.answer) throw new DomainError('errors.alreadyAnswered')
    const now = clock.now()
    await tx.update(clarifications).set({ answer, answeredAt: now, answeredBy: actor.userId }).where(eq(clarifications.id, clarificationId))
    await appendAudit(tx, { actor, action: 'clarification.answer', entityType: 'clarification', entityId: clarificationId, after: { procurementId: row.p.id, question: row.c.question, answer }, at: now })
    // The asker learns of the answer through its own inbox; nobody else learns who asked.
    await notify(tx, { orgId: row.c.askedByOrgId, kind: 'questionAnswered', params: { number: row.p.number ?? '', title: row.p.title }, link: `/procurements/${row.p.id}`, sealedUntilOpeningOf: row.p.id, at: now })
  })
}

/** Answered questions, for everyone: the question, the answer and when, never who asked. */
export async function publicClarifications(db: Db, procurementId: ProcurementId) {
  return db
    .select({ id: clarifications.id, question: clarifications.question, answer: clarifications.answer, askedAt: clarifications.askedAt, answeredAt: clarifications.answeredAt })
    .from(clarifications)
    .where(and(eq(clarifications.procurementId, procurementId), isNotNull(clarifications.answer)))
    .orderBy(asc(clarifications.answeredAt))
}

/** Questions still waiting for the owner's answer: for the owner (without the asker). */
export async function openQuestions(db: Db, ownerOrgId: OrgId, procurementId: ProcurementId) {
  return db
    .select({ id: clarifications.id, question: clarifications.question, askedAt: clarifications.askedAt })
    .from(clarifications)
    .innerJoin(procurements, eq(procurements.id, clarifications.procurementId))
    .where(and(eq(clarifications.procurementId, procurementId), eq(procurements.ownerOrgId, ownerOrgId), isNull(clarifications.answer)))
    .orderBy(asc(clarifications.askedAt))
}

/** The agency's own questions on a procurement, answered or not. */
export async function ownQuestions(db: Db, agencyOrgId: OrgId, procurementId: ProcurementId) {
  return db
    .select({ id: clarifications.id, question: clarifications.question, answer: clarifications.answer, askedAt: clarifications.askedAt })
    .from(clarifications)
    .where(and(eq(clarifications.procurementId, procurementId), eq(clarifications.askedByOrgId, agencyOrgId)))
    .orderBy(asc(clarifications.askedAt))
}
