import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, sanctions, type OrgId, type Sanction, type SanctionKind, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { shanghaiDate, shiftDays } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { byDedupeKey, recordCreditEvent, sanctionEventKey, voidCreditEvents } from './events'
import { addMonths } from './score'
import { SANCTION_TERMS, termEnd, type SanctionInput } from './sanctions-input'

/**
 * The supervisors' measures. 失信名单 (a blacklisting) and 暂停 (a suspension) bar an agency from
 * bidding, from a consortium and from being counted at an opening (services/bids/ asks `barredOn`);
 * both take two office users: one proposes, another approves. 黄牌警告 (a yellow card) is issued by
 * one user, shown on the agency's page, bars it from the credit-based methods while it runs, and a
 * second one within 12 months proposes a blacklisting. All are public while in force; nothing is
 * deleted, and every step is audited.
 */

export { approveSchema, liftSchema, refuseSchema, sanctionSchema, SANCTION_KINDS, SANCTION_TERMS, termEnd, type SanctionInput } from './sanctions-input'

/** The measures that keep an agency out of a selection altogether. */
const BARRING: SanctionKind[] = ['blacklist', 'suspension']

/** A measure of these kinds in force on a Shanghai day: approved, started, not ended, not lifted. */
const inForce = (day: string, kinds: SanctionKind[]) =>
  and(inArray(sanctions.kind, kinds), isNotNull(sanctions.decidedAt), lte(sanctions.startsOn, day), or(isNull(sanctions.endsOn), gte(sanctions.endsOn, day)), isNull(sanctions.liftedAt))

/** The same rule as a condition on another query's organization (the directory's `o.id`). */
export const listedOn = (org: SQL, day: string) => sql`exists (select 1 from ${sanctions} where ${sanctions.orgId} = ${org} and ${inForce(day, BARRING)})`

/** The measure that bars this organization on that day, if any: a blacklisting before a suspension, then the one that ends last. */
export async function barredOn(db: Db, orgId: OrgId, day: string): Promise<Sanction | null> {
  const [row] = await db
    .select()
    .from(sanctions)
    .where(and(eq(sanctions.orgId, orgId), inForce(day, BARRING)))
    .orderBy(sql`${sanctions.kind} = 'blacklist' desc`, sql`${sanctions.endsOn} desc nulls first`)
    .limit(1)
  return row ?? null
}

/** Which of these organizations are barred on that day: one query for a whole opening. */
export async function barredAmong(db: Db, orgIds: OrgId[], day: string): Promise<Set<OrgId>> {
  if (!orgIds.length) return new Set()
  const rows = await db.selectDistinct({ orgId: sanctions.orgId }).from(sanctions).where(and(inArray(sanctions.orgId, orgIds), inForce(day, BARRING)))
  return new Set(rows.map((r) => r.orgId))
}

/** Which of these organizations hold a yellow card in force that day (the credit-based methods pass them over). */
export async function yellowCardedAmong(db: Db, orgIds: OrgId[], day: string): Promise<Set<OrgId>> {
  if (!orgIds.length) return new Set()
  const rows = await db.selectDistinct({ orgId: sanctions.orgId }).from(sanctions).where(and(inArray(sanctions.orgId, orgIds), inForce(day, ['yellow_card'])))
  return new Set(rows.map((r) => r.orgId))
}

/** The measures in force on an organization that day, for its public page. */
export async function measuresInForce(db: Db, orgId: OrgId, day: string): Promise<Sanction[]> {
  return db.select().from(sanctions).where(and(eq(sanctions.orgId, orgId), inForce(day, ['blacklist', 'suspension', 'yellow_card']))).orderBy(desc(sanctions.startsOn))
}

type Officer = Actor & { userId: UserId }

async function agencyByUscc(tx: Db, uscc: string) {
  const [org] = await tx.select({ id: organizations.id, kind: organizations.kind, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.uscc, uscc))
  if (org?.kind !== 'agency') throw new DomainError('errors.agencyUnknown', 'uscc')
  return org
}

/** What a decision says, for the audit log. */
const summary = (s: Sanction) => ({ id: s.id, kind: s.kind, decisionNo: s.decisionNo, reason: s.reason, legalBasis: s.legalBasis, startsOn: s.startsOn, endsOn: s.endsOn })

/**
 * One office user proposes a blacklisting or a suspension. Nothing happens to the agency yet: the
 * office's other users are told, and one of them approves or refuses it. A term outside its bounds,
 * a start in the past or an agency not found is refused, and nothing is written.
 */
export async function proposeSanction(db: Db, clock: Clock, actor: Officer, input: SanctionInput): Promise<Sanction> {
  if (input.kind === 'yellow_card') throw new DomainError('errors.choose', 'kind')
  return db.transaction(async (tx) => recordProposal(tx, clock.now(), actor, input, input.decisionNo))
}

async function recordProposal(tx: Db, now: Date, actor: Officer, input: Omit<SanctionInput, 'decisionNo'>, decisionNo: string) {
  const org = await agencyByUscc(tx, input.uscc)
  if (input.startsOn < shanghaiDate(now)) throw new DomainError('errors.startInPast', 'startsOn')
  const [row] = await tx
    .insert(sanctions)
    .values({ orgId: org.id, kind: input.kind, reason: input.reason, legalBasis: input.legalBasis, decisionNo, startsOn: input.startsOn, endsOn: termEnd(input.startsOn, input.kind, input.term), proposedBy: actor.userId, proposedAt: now })
    .returning()
  await appendAudit(tx, { actor, action: 'sanction.propose', entityType: 'organization', entityId: org.id, after: summary(row!), at: now })
  await notify(tx, { orgId: actor.orgId, kind: row!.kind === 'blacklist' ? 'blacklistProposed' : 'suspensionProposed', params: { agencyZh: org.nameZh, agencyEn: org.nameEn }, link: '/office/blacklist', at: now })
  return row!
}

/** A proposal still waiting, locked for its decision. */
async function openProposal(tx: Db, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const [row] = await tx.select().from(sanctions).where(eq(sanctions.id, id)).for('update')
  if (!row) throw new DomainError('errors.notFound')
  if (row.decidedAt || row.refusedAt) throw new DomainError('errors.proposalDecided')
  return row
}

/**
 * A second office user approves a proposal, inside the caller's transaction (services/procurement
 * adds a blacklisting's effects). The one who proposed it cannot: that is refused and nothing
 * changes. A proposal that waited past its start day starts on the approval day, for its whole term.
 */
export async function approveProposal(tx: Db, now: Date, actor: Officer, id: string, decisionNo: string): Promise<Sanction> {
  const row = await openProposal(tx, id)
  if (row.proposedBy === actor.userId) throw new DomainError('errors.selfApproval')
  const today = shanghaiDate(now)
  const shift = row.startsOn < today ? { startsOn: today, endsOn: row.endsOn ? shiftDays(row.endsOn, daysBetween(row.startsOn, today)) : null } : {}
  const [approved] = await tx
    .update(sanctions)
    .set({ ...shift, decisionNo, decidedBy: actor.userId, decidedAt: now })
    .where(eq(sanctions.id, row.id))
    .returning()
  const s = approved!
  await appendAudit(tx, { actor, action: 'sanction.approve', entityType: 'organization', entityId: s.orgId, after: { ...summary(s), proposedBy: s.proposedBy }, at: now })
  if (s.kind === 'blacklist') await recordCreditEvent(tx, { kind: 'blacklisted', orgId: s.orgId, detail: { sanctionId: s.id, decisionNo: s.decisionNo } }, now)
  await notify(tx, { orgId: s.orgId, kind: s.kind === 'blacklist' ? 'blacklisted' : 'suspended', params: { decisionNo: s.decisionNo, from: s.startsOn, until: s.endsOn ?? '—' }, link: '/blacklist', at: now })
  return s
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * An approver refuses a proposal, or its proposer withdraws it (`own`), with a reason; nothing
 * happens to the agency.
 */
export async function refuseProposal(db: Db, clock: Clock, actor: Officer, id: string, reason: string, { own = false } = {}) {
  return db.transaction(async (tx) => {
    const now = clock.now()
    const row = await openProposal(tx, id)
    if (own && row.proposedBy !== actor.userId) throw new DomainError('errors.notFound')
    await tx.update(sanctions).set({ refusedAt: now, refusedBy: actor.userId, refuseReason: reason }).where(eq(sanctions.id, row.id))
    await appendAudit(tx, { actor, action: 'sanction.refuse', entityType: 'organization', entityId: row.orgId, after: { id: row.id, kind: row.kind, reason, withdrawn: own }, at: now })
  })
}

/** Two yellow cards whose terms started within 12 months of each other propose a blacklisting. */
export const CARDS_FOR_BLACKLISTING = 2
export const CARD_WINDOW_MONTHS = 12

/**
 * A yellow card, decided by the office user who issues it: in force at once or from its start day,
 * scored (`yellow_card`), and told to the agency. When it is the agency's second within 12 months
 * (cards lifted or repaired aside), a blacklisting for the shortest term is proposed in the same
 * step, in the issuer's name, so that a second user has to approve it.
 */
export async function issueYellowCard(db: Db, clock: Clock, actor: Officer, input: SanctionInput): Promise<{ card: Sanction; proposal: Sanction | null }> {
  if (input.kind !== 'yellow_card') throw new DomainError('errors.choose', 'kind')
  return db.transaction(async (tx) => {
    const now = clock.now()
    const org = await agencyByUscc(tx, input.uscc)
    if (input.startsOn < shanghaiDate(now)) throw new DomainError('errors.startInPast', 'startsOn')
    const [card] = await tx
      .insert(sanctions)
      .values({ orgId: org.id, kind: 'yellow_card', reason: input.reason, legalBasis: input.legalBasis, decisionNo: input.decisionNo, startsOn: input.startsOn, endsOn: termEnd(input.startsOn, 'yellow_card', input.term), proposedBy: actor.userId, proposedAt: now, decidedBy: actor.userId, decidedAt: now })
      .returning()
    await appendAudit(tx, { actor, action: 'sanction.yellowCard', entityType: 'organization', entityId: org.id, after: summary(card!), at: now })
    await recordCreditEvent(tx, { kind: 'yellow_card', orgId: org.id, detail: { sanctionId: card!.id, decisionNo: card!.decisionNo } }, now)
    await notify(tx, { orgId: org.id, kind: 'yellowCard', params: { decisionNo: card!.decisionNo, from: card!.startsOn, until: card!.endsOn ?? '—' }, link: '/agency/credit', at: now })
    const since = addMonths(input.startsOn, -CARD_WINDOW_MONTHS)
    const cards = await tx
      .select({ id: sanctions.id, decisionNo: sanctions.decisionNo })
      .from(sanctions)
      .where(and(eq(sanctions.orgId, org.id), eq(sanctions.kind, 'yellow_card'), isNotNull(sanctions.decidedAt), isNull(sanctions.liftedAt), gt(sanctions.startsOn, since)))
      .orderBy(sanctions.startsOn)
    const [pending] = await tx
      .select({ id: sanctions.id })
      .from(sanctions)
      .where(and(eq(sanctions.orgId, org.id), eq(sanctions.kind, 'blacklist'), isNull(sanctions.refusedAt), isNull(sanctions.liftedAt), or(isNull(sanctions.decidedAt), isNull(sanctions.endsOn), gte(sanctions.endsOn, shanghaiDate(now)))))
      .limit(1)
    let proposal: Sanction | null = null
    if (cards.length >= CARDS_FOR_BLACKLISTING && !pending) {
      const { byDefault } = SANCTION_TERMS.blacklist
      proposal = await recordProposal(
        tx,
        now,
        actor,
        { kind: 'blacklist', uscc: input.uscc, reason: `12个月内两次受到黄牌警告（${cards.map((c) => c.decisionNo).join('、')}）`, legalBasis: input.legalBasis, startsOn: shanghaiDate(now), term: byDefault },
        '',
      )
    }
    return { card: card!, proposal }
  })
}

/**
 * Lifting a measure early, with its reason: a blacklisting or yellow card no longer counts in the
 * agency's credit either. Nothing is deleted.
 */
export async function liftSanction(db: Db, clock: Clock, actor: Officer, id: string, reason: string) {
  return db.transaction(async (tx) => liftInside(tx, clock.now(), actor, id, reason, 'sanction.lift'))
}

/** The lifting itself, in the caller's transaction (a credit repair granted lifts too). */
export async function liftInside(tx: Db, now: Date, actor: Officer, id: string, reason: string, action: 'sanction.lift' | 'credit.repair.grant') {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const [row] = await tx
    .update(sanctions)
    .set({ liftedAt: now, liftedBy: actor.userId, liftReason: reason })
    .where(and(eq(sanctions.id, id), isNull(sanctions.liftedAt), isNotNull(sanctions.decidedAt)))
    .returning()
  if (!row) throw new DomainError('errors.notFound')
  await voidCreditEvents(tx, byDedupeKey(sanctionEventKey(row.id)), actor.userId, reason, now)
  if (action === 'sanction.lift') await appendAudit(tx, { actor, action, entityType: 'organization', entityId: row.orgId, after: { id: row.id, kind: row.kind, reason }, at: now })
  await notify(tx, { orgId: row.orgId, kind: row.kind === 'blacklist' ? 'blacklistLifted' : 'sanctionLifted', params: { decisionNo: row.decisionNo }, link: '/blacklist', at: now })
  return row
}

/** A measure by its id, if it is still in force on `day` (a job enforcing a blacklisting later asks this). */
export async function listingInForce(db: Db, id: string, day: string): Promise<Sanction | null> {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(sanctions).where(and(eq(sanctions.id, id), inForce(day, BARRING)))
  return row ?? null
}

export type SanctionState = 'proposed' | 'refused' | 'pending' | 'inForce' | 'ended' | 'lifted'
export const sanctionState = (s: Sanction, day: string): SanctionState =>
  s.refusedAt ? 'refused' : !s.decidedAt ? 'proposed' : s.liftedAt ? 'lifted' : s.startsOn > day ? 'pending' : s.endsOn && s.endsOn < day ? 'ended' : 'inForce'

/**
 * A public list of one kind of measure: those in force or yet to start on `day`. For the office
 * (`history`), every decision of those kinds, proposals and refusals included, newest first.
 */
export async function listSanctions(db: Db, day: string, opts: { kinds?: SanctionKind[]; history?: boolean } = {}) {
  const kinds = opts.kinds ?? ['blacklist']
  const rows = await db
    .select({ sanction: sanctions, nameZh: organizations.nameZh, nameEn: organizations.nameEn, uscc: organizations.uscc })
    .from(sanctions)
    .innerJoin(organizations, eq(organizations.id, sanctions.orgId))
    .where(opts.history ? inArray(sanctions.kind, kinds) : and(inArray(sanctions.kind, kinds), isNotNull(sanctions.decidedAt), or(isNull(sanctions.endsOn), gte(sanctions.endsOn, day)), isNull(sanctions.liftedAt)))
    .orderBy(desc(sanctions.proposedAt), desc(sanctions.decidedAt))
  return rows.map((r) => ({ ...r, state: sanctionState(r.sanction, day) }))
}

/** The blacklist as before: listings in force or about to start; the office's history with `history`. */
export const listBlacklist = (db: Db, day: string, opts: { history?: boolean } = {}) => listSanctions(db, day, { kinds: ['blacklist'], ...opts })
