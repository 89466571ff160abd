import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import type * as z from 'zod/mini'
import type { Db } from '../../db/client'
import { creditEvents, creditPetitions, evaluations, organizations, procurements, sanctions, type CreditPetition, type OrgId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { shanghaiDate, shiftDays } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError, uniqueAsField } from '../shared/errors'
import type { appealSchema, petitionDecisionSchema, repairSchema } from './petitions-input'
import { byEventId, evaluationEventKey, byDedupeKey, voidCreditEvents } from './events'
import { REPAIR_MIN_DAYS } from './kinds'
import { currentCreditTable } from './rules'
import { liftInside } from './sanctions'

/*
 * 申诉 and 信用修复: what an agency asks a supervisor about its credit, and the decision.
 * - An appeal against an owner's evaluation, once per evaluation, with its reason. Granted, the
 *   evaluation stays on record but its credit event no longer counts.
 * - A repair of a yellow card, a blacklisting or a negative credit event, once the mark has stood
 *   its minimum time (`REPAIR_MIN_DAYS`), with evidence of what was put right; one open request
 *   per mark. Granted, the measure is lifted and its event no longer counts.
 * The market office decides either with a note; the agency is told; every step is audited.
 */

export { appealSchema, petitionDecisionSchema, repairSchema } from './petitions-input'

type Member = Actor & { userId: UserId }

export async function appealEvaluation(db: Db, clock: Clock, actor: Member, input: z.infer<typeof appealSchema>): Promise<CreditPetition> {
  return uniqueAsField(
    () =>
      db.transaction(async (tx) => {
        const now = clock.now()
        const [evaluation] = await tx.select({ procurementId: evaluations.procurementId, number: procurements.number }).from(evaluations).innerJoin(procurements, eq(procurements.id, evaluations.procurementId)).where(and(eq(evaluations.procurementId, input.procurementId as never), eq(evaluations.agencyOrgId, actor.orgId)))
        if (!evaluation) throw new DomainError('errors.notFound')
        const [already] = await tx.select({ id: creditPetitions.id }).from(creditPetitions).where(and(eq(creditPetitions.kind, 'appeal'), eq(creditPetitions.procurementId, evaluation.procurementId)))
        if (already) throw new DomainError('errors.appealTwice', 'statement')
        const [row] = await tx.insert(creditPetitions).values({ kind: 'appeal', orgId: actor.orgId, procurementId: evaluation.procurementId, statement: input.statement, filedBy: actor.userId, filedAt: now }).returning()
        await appendAudit(tx, { actor, action: 'credit.appeal', entityType: 'procurement', entityId: evaluation.procurementId, after: { id: row!.id, statement: row!.statement }, at: now })
        await notifyOffice(tx, 'appealFiled', { number: evaluation.number ?? '' }, now)
        return row!
      }),
    { credit_petitions_one_appeal: ['errors.appealTwice', 'statement'] },
  )
}

/** The market office's users are told of a request to decide. */
async function notifyOffice(tx: Db, kind: string, params: Record<string, string>, at: Date) {
  const offices = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))
  for (const o of offices) await notify(tx, { orgId: o.id, kind, params, link: '/office/petitions', at })
}

export async function fileRepair(db: Db, clock: Clock, actor: Member, input: z.infer<typeof repairSchema>): Promise<CreditPetition> {
  const pending = ['errors.repairPending', 'statement'] as const
  return uniqueAsField(
    () =>
      db.transaction(async (tx) => {
        const now = clock.now()
        const today = shanghaiDate(now)
        let since: string
        if (input.target === 'sanction') {
          const [s] = await tx.select().from(sanctions).where(and(eq(sanctions.id, input.id), eq(sanctions.orgId, actor.orgId)))
          if (!s || !s.decidedAt || s.liftedAt || s.kind === 'suspension') throw new DomainError('errors.notFound')
          since = shiftDays(s.startsOn, s.kind === 'blacklist' ? REPAIR_MIN_DAYS.blacklist : REPAIR_MIN_DAYS.yellow_card)
        } else {
          const [e] = await tx.select().from(creditEvents).where(and(eq(creditEvents.id, input.id), eq(creditEvents.orgId, actor.orgId), isNull(creditEvents.voidedAt)))
          const { table } = await currentCreditTable(tx)
          const points = e ? table.kinds[e.kind as keyof typeof table.kinds]?.points : undefined
          // A sanction's own event is repaired with its sanction.
          if (!e || points === undefined || points >= 0 || e.dedupeKey.startsWith('sanction:')) throw new DomainError('errors.notFound')
          since = shiftDays(shanghaiDate(e.occurredAt), REPAIR_MIN_DAYS.event)
        }
        if (today < since) throw new DomainError('errors.repairTooEarly', undefined, { date: since })
        const [open] = await tx
          .select({ id: creditPetitions.id })
          .from(creditPetitions)
          .where(and(eq(creditPetitions.kind, 'repair'), isNull(creditPetitions.outcome), input.target === 'sanction' ? eq(creditPetitions.sanctionId, input.id) : eq(creditPetitions.eventId, input.id)))
        if (open) throw new DomainError(...pending)
        const [row] = await tx
          .insert(creditPetitions)
          .values({ kind: 'repair', orgId: actor.orgId, sanctionId: input.target === 'sanction' ? input.id : null, eventId: input.target === 'event' ? input.id : null, statement: input.statement, filedBy: actor.userId, filedAt: now })
          .returning()
        await appendAudit(tx, { actor, action: 'credit.repair', entityType: 'organization', entityId: actor.orgId, after: { id: row!.id, target: input.target, of: input.id, statement: row!.statement }, at: now })
        await notifyOffice(tx, 'repairFiled', {}, now)
        return row!
      }),
    { credit_petitions_one_open_repair_of_sanction: pending, credit_petitions_one_open_repair_of_event: pending },
  )
}

/**
 * The market office decides a request once, with a note. Granting an appeal voids the evaluation's
 * credit event; granting a repair lifts the measure (and voids its event) or voids the event.
 */
export async function decidePetition(db: Db, clock: Clock, actor: Member, input: z.infer<typeof petitionDecisionSchema>) {
  return db.transaction(async (tx) => {
    const now = clock.now()
    const [row] = await tx.select().from(creditPetitions).where(eq(creditPetitions.id, input.id)).for('update')
    if (!row) throw new DomainError('errors.notFound')
    if (row.outcome) throw new DomainError('errors.proposalDecided')
    await tx.update(creditPetitions).set({ outcome: input.outcome, decidedBy: actor.userId, decidedAt: now, decisionNote: input.note }).where(eq(creditPetitions.id, row.id))
    if (input.outcome === 'granted') {
      if (row.kind === 'appeal') await voidCreditEvents(tx, byDedupeKey(evaluationEventKey(row.procurementId!)), actor.userId, input.note, now)
      else if (row.sanctionId) await liftInside(tx, now, actor, row.sanctionId, input.note, 'credit.repair.grant')
      else if (row.eventId) await voidCreditEvents(tx, byEventId(row.eventId), actor.userId, input.note, now)
    }
    await appendAudit(tx, { actor, action: row.kind === 'appeal' ? 'credit.appeal.decide' : 'credit.repair.decide', entityType: 'organization', entityId: row.orgId, after: { id: row.id, outcome: input.outcome, note: input.note }, at: now })
    await notify(tx, { orgId: row.orgId, kind: `${row.kind}${input.outcome === 'granted' ? 'Granted' : 'Refused'}`, params: { note: input.note }, link: '/agency/credit', at: now })
  })
}

/** An organization's requests, newest first (the agency's credit page). */
export async function petitionsOf(db: Db, orgId: OrgId) {
  return db.select().from(creditPetitions).where(eq(creditPetitions.orgId, orgId)).orderBy(desc(creditPetitions.filedAt))
}

/** The requests for the office: open ones first, then the decided, newest first; with the agency's name and what each is about. */
export async function petitionsToDecide(db: Db, opts: { decided?: boolean } = {}) {
  const rows = await db
    .select({
      petition: creditPetitions,
      nameZh: organizations.nameZh,
      nameEn: organizations.nameEn,
      number: procurements.number,
      title: procurements.title,
      sanctionKind: sanctions.kind,
      decisionNo: sanctions.decisionNo,
      eventKind: creditEvents.kind,
    })
    .from(creditPetitions)
    .innerJoin(organizations, eq(organizations.id, creditPetitions.orgId))
    .leftJoin(procurements, eq(procurements.id, creditPetitions.procurementId))
    .leftJoin(sanctions, eq(sanctions.id, creditPetitions.sanctionId))
    .leftJoin(creditEvents, eq(creditEvents.id, creditPetitions.eventId))
    .where(opts.decided ? undefined : isNull(creditPetitions.outcome))
    .orderBy(desc(creditPetitions.filedAt))
    .limit(200)
  return rows
}


/**
 * What an agency sees of its own credit, to act on: its measures and its negative events, each with
 * the day it may ask for repair (or its open request), and the evaluations it received, each with
 * its appeal if any; then every request it made.
 */
export async function creditFileOf(db: Db, orgId: OrgId, now: Date) {
  const today = shanghaiDate(now)
  const [measures, events, received, petitions, { table }] = await Promise.all([
    db.select().from(sanctions).where(and(eq(sanctions.orgId, orgId), isNotNull(sanctions.decidedAt))).orderBy(desc(sanctions.startsOn)),
    db.select({ id: creditEvents.id, kind: creditEvents.kind, occurredAt: creditEvents.occurredAt, dedupeKey: creditEvents.dedupeKey, voidedAt: creditEvents.voidedAt, number: procurements.number, title: procurements.title })
      .from(creditEvents).leftJoin(procurements, eq(procurements.id, creditEvents.procurementId)).where(eq(creditEvents.orgId, orgId)).orderBy(desc(creditEvents.occurredAt)),
    db.select({ procurementId: evaluations.procurementId, number: procurements.number, title: procurements.title, quality: evaluations.quality, timeliness: evaluations.timeliness, conduct: evaluations.conduct, fees: evaluations.fees, compliance: evaluations.compliance, comment: evaluations.comment, createdAt: evaluations.createdAt })
      .from(evaluations).innerJoin(procurements, eq(procurements.id, evaluations.procurementId)).where(eq(evaluations.agencyOrgId, orgId)).orderBy(desc(evaluations.createdAt)),
    petitionsOf(db, orgId),
    currentCreditTable(db),
  ])
  const openFor = (pred: (p: CreditPetition) => boolean) => petitions.find((p) => !p.outcome && pred(p)) ?? null
  return {
    today,
    measures: measures
      .filter((s) => s.kind !== 'suspension')
      .map((s) => ({ id: s.id, kind: s.kind, decisionNo: s.decisionNo, reason: s.reason, startsOn: s.startsOn, endsOn: s.endsOn, lifted: !!s.liftedAt, ended: !!s.endsOn && s.endsOn < today, repairFrom: shiftDays(s.startsOn, s.kind === 'blacklist' ? REPAIR_MIN_DAYS.blacklist : REPAIR_MIN_DAYS.yellow_card), open: openFor((p) => p.sanctionId === s.id) })),
    events: events
      .filter((e) => (table.kinds[e.kind as keyof typeof table.kinds]?.points ?? 0) < 0 && !e.dedupeKey.startsWith('sanction:'))
      .map((e) => ({ id: e.id, kind: e.kind, occurredAt: e.occurredAt, number: e.number, title: e.title, voided: !!e.voidedAt, repairFrom: shiftDays(shanghaiDate(e.occurredAt), REPAIR_MIN_DAYS.event), open: openFor((p) => p.eventId === e.id) })),
    evaluations: received.map((r) => ({ ...r, appeal: petitions.find((p) => p.kind === 'appeal' && p.procurementId === r.procurementId) ?? null })),
    petitions,
  }
}
