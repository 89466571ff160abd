import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { type z } from 'zod'
import type { Db } from '../../db/client'
import { bidParties, bids, organizations, type Bid, type BidId, type OrgId, type Procurement, type ProcurementId, type UserId } from '../../db/schema'
import type { ConsortiumReason } from '../agencies'
import { barredOn } from '../credit'
import { itemIdsOf, standingProblems } from './standing'
import { shanghaiDate } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError, uniqueAsField } from '../shared/errors'
import { type BidInput, type consortiumResponseSchema } from './input'
import { type SealedParty, sealedAudit } from './seal'
import { lockOpenProcurement } from './window'

/** A party as the bid names it, with what the pages show of it. */
export interface NamedParty extends SealedParty {
  orgId: OrgId
  uscc: string
  nameZh: string
  nameEn: string
}

/** A consortium's problems as the bidder is told them: the party concerned (if one), and why. */
export type ConsortiumProblem = { uscc: string | null; nameZh: string | null; nameEn: string | null; reason: ConsortiumReason['reason'] }

/**
 * The parties the input names: the lead (the bidder) and its members found by their USCC. With
 * one item, every party undertakes it; with several, the input divides them (the agreement).
 */
export async function partiesOf(tx: Db, p: Procurement, leadOrgId: OrgId, input: BidInput): Promise<NamedParty[]> {
  const items = await itemIdsOf(tx, p)
  const share = (ids: string[]) => (items.length === 1 || !input.members.length ? [...items] : ids)
  for (const id of [...input.leadItemIds, ...input.members.flatMap((m) => m.itemIds)]) if (!items.includes(id as never)) throw new DomainError('errors.choose', 'leadItemIds')
  const [lead] = await tx.select({ uscc: organizations.uscc, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.id, leadOrgId))
  const parties: NamedParty[] = [{ orgId: leadOrgId, role: 'lead', itemIds: share(input.leadItemIds), uscc: lead!.uscc, nameZh: lead!.nameZh, nameEn: lead!.nameEn }]
  if (input.members.length && !p.consortiumAllowed) throw new DomainError('errors.consortiumNotAllowed')
  for (const [i, member] of input.members.entries()) {
    const field = ['members', i, 'uscc']
    const [org] = await tx.select({ id: organizations.id, kind: organizations.kind, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.uscc, member.uscc))
    if (org?.kind !== 'agency') throw new DomainError('errors.agencyUnknown', field)
    if (parties.some((x) => x.orgId === org.id)) throw new DomainError(org.id === leadOrgId ? 'errors.memberIsLead' : 'errors.memberTwice', field)
    parties.push({ orgId: org.id, role: 'member', itemIds: share(member.itemIds), uscc: member.uscc, nameZh: org.nameZh, nameEn: org.nameEn })
  }
  return parties
}

/** Why this consortium may not bid: each party's listing, and the parties judged together. Empty when it may. */
export async function consortiumProblems(tx: Db, p: Procurement, parties: NamedParty[], today: string): Promise<ConsortiumProblem[]> {
  const named = (orgId: string | null, reason: ConsortiumProblem['reason']): ConsortiumProblem => {
    const party = parties.find((x) => x.orgId === orgId)
    return { uscc: party?.uscc ?? null, nameZh: party?.nameZh ?? null, nameEn: party?.nameEn ?? null, reason }
  }
  return (await standingProblems(tx, p, parties, today)).map((r) => named(r.orgId, r.reason))
}

/**
 * Writes the bid's parties: the lead accepted at once, each member invited to accept. The partial
 * unique index lets an agency stand (accepted) in one bid per procurement, so a lead that accepted
 * another's consortium is refused here, whatever the race. An invitation holds nobody: naming an
 * agency never tells the lead whether it bids, nor stops it bidding; only an agency that declined
 * this bid before cannot be named by it again.
 */
export async function writeParties(tx: Db, p: Procurement, bid: Bid, parties: NamedParty[], actor: Actor & { userId: UserId }, at: Date) {
  const [lead, ...members] = parties
  const [current] = await tx.select({ id: bidParties.id }).from(bidParties).where(and(eq(bidParties.bidId, bid.id), eq(bidParties.role, 'lead')))
  if (current) await tx.update(bidParties).set({ itemIds: lead!.itemIds }).where(eq(bidParties.id, current.id))
  else {
    const inserted = await tx
      .insert(bidParties)
      .values({ bidId: bid.id, procurementId: p.id, orgId: lead!.orgId, role: 'lead', itemIds: lead!.itemIds, status: 'accepted', invitedAt: at, respondedBy: actor.userId, respondedAt: at })
      .onConflictDoNothing()
      .returning({ id: bidParties.id })
    if (!inserted.length) throw new DomainError('errors.inConsortium')
  }
  for (const [i, member] of members.entries()) {
    const [declined] = await tx.select({ id: bidParties.id }).from(bidParties).where(and(eq(bidParties.bidId, bid.id), eq(bidParties.orgId, member.orgId), isNotNull(bidParties.declineReason))).limit(1)
    if (declined) throw new DomainError('errors.memberDeclined', ['members', i, 'uscc'])
    await tx.insert(bidParties).values({ bidId: bid.id, procurementId: p.id, orgId: member.orgId, role: 'member', itemIds: member.itemIds, status: 'invited', invitedAt: at })
    await notify(tx, { orgId: member.orgId, kind: 'consortiumInvited', params: { number: p.number ?? '', title: p.title, lead: lead!.nameZh }, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, at })
  }
}

/** Members leave the bid (it was changed or withdrawn): their rows are kept, released. */
export async function releaseMembers(tx: Db, p: Procurement, bid: Bid, at: Date, tell: boolean) {
  // Those still in it are told; one that declined has left already.
  const standing = await tx.select({ orgId: bidParties.orgId }).from(bidParties).where(and(eq(bidParties.bidId, bid.id), eq(bidParties.role, 'member'), inArray(bidParties.status, ['invited', 'accepted'])))
  await tx
    .update(bidParties)
    .set({ status: 'released' })
    .where(and(eq(bidParties.bidId, bid.id), eq(bidParties.role, 'member'), inArray(bidParties.status, ['invited', 'accepted', 'declined'])))
  if (tell) for (const m of standing) await notify(tx, { orgId: m.orgId, kind: 'consortiumWithdrawn', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, at })
}

/**
 * A member answers the lead's invitation before the deadline. Accepting commits it to the bid as it
 * stands (price, days, its share); declining, with a reason for the lead, frees it to bid otherwise,
 * and leaves the bid uncounted until the lead changes its consortium.
 */
export async function respondToConsortium(db: Db, clock: Clock, actor: Actor & { userId: UserId }, procurementId: ProcurementId, input: z.infer<typeof consortiumResponseSchema>) {
  return uniqueAsField(() => db.transaction(async (tx) => {
    const p = await lockOpenProcurement(tx, clock, procurementId)
    const now = clock.now()
    const [party] = await tx
      .select()
      .from(bidParties)
      .where(and(eq(bidParties.procurementId, p.id), eq(bidParties.bidId, input.bidId as BidId), eq(bidParties.orgId, actor.orgId), eq(bidParties.role, 'member'), inArray(bidParties.status, ['invited', 'accepted'])))
      .for('update')
    if (!party) throw new DomainError('errors.notFound')
    if (input.answer === 'accept') {
      if (party.status === 'accepted') throw new DomainError('errors.alreadyConfirmed')
      const barred = await barredOn(tx, actor.orgId, shanghaiDate(now))
      if (barred) throw new DomainError(barred.kind === 'suspension' ? 'errors.suspended' : 'errors.blacklisted')
      // It stands in one bid here: its own, or one consortium it accepted (its own facts only).
      const [standing] = await tx.select({ id: bidParties.id }).from(bidParties).where(and(eq(bidParties.procurementId, p.id), eq(bidParties.orgId, actor.orgId), eq(bidParties.status, 'accepted'))).limit(1)
      if (standing) throw new DomainError('errors.alreadyStanding', 'accept')
    }
    await tx
      .update(bidParties)
      .set({ status: input.answer === 'accept' ? 'accepted' : 'declined', respondedBy: actor.userId, respondedAt: now, declineReason: input.answer === 'decline' ? input.reason : null })
      .where(eq(bidParties.id, party.id))
    const [bid] = await tx.select().from(bids).where(eq(bids.id, party.bidId))
    await sealedAudit(tx, input.answer === 'accept' ? 'bid.member.accept' : 'bid.member.decline', bid!, now)
    const [org] = await tx.select({ nameZh: organizations.nameZh }).from(organizations).where(eq(organizations.id, actor.orgId))
    await notify(tx, {
      orgId: bid!.agencyOrgId,
      kind: input.answer === 'accept' ? 'consortiumAccepted' : 'consortiumDeclined',
      params: { number: p.number ?? '', title: p.title, member: org!.nameZh },
      link: `/agency/bids/${p.id}`,
      sealedUntilOpeningOf: p.id,
      at: now,
    })
  }), { bid_parties_one_standing_per_procurement: ['errors.alreadyStanding', 'accept'] })
}

/**
 * The consortium this agency is a party to on a procurement, whole, for that party alone: the
 * bid (a member commits to its price), and every party with its share and answer. A member sees
 * the last bid it was invited to, even declined; one the lead released it from, no more.
 */
/**
 * Every consortium this agency is a party to here: its own bid as lead, and each invitation it
 * was sent (invited, accepted or declined), newest first. Each is the agency's own business, so
 * whole; nothing of any other bid.
 */
export async function consortiaOf(db: Db, orgId: OrgId, procurementId: ProcurementId) {
  const mine = await db
    .select()
    .from(bidParties)
    .where(and(eq(bidParties.procurementId, procurementId), eq(bidParties.orgId, orgId), inArray(bidParties.status, ['invited', 'accepted', 'declined'])))
    .orderBy(sql`${bidParties.invitedAt} desc`)
  const out = []
  for (const row of mine) {
    const [bid] = await db.select().from(bids).where(eq(bids.id, row.bidId))
    const parties = await db
      .select({ orgId: bidParties.orgId, role: bidParties.role, itemIds: bidParties.itemIds, status: bidParties.status, declineReason: bidParties.declineReason, respondedAt: bidParties.respondedAt, nameZh: organizations.nameZh, nameEn: organizations.nameEn, uscc: organizations.uscc })
      .from(bidParties)
      .innerJoin(organizations, eq(organizations.id, bidParties.orgId))
      .where(and(eq(bidParties.bidId, row.bidId), inArray(bidParties.status, ['invited', 'accepted', 'declined'])))
      .orderBy(asc(bidParties.invitedAt))
    out.push({ bid: bid!, role: row.role, status: row.status, parties })
  }
  return out
}
