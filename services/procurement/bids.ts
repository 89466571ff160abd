import { createHash, randomBytes } from 'node:crypto'
import { and, asc, count, eq, inArray, isNotNull, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../../db/client'
import { awards, bidParties, bids, organizations, practitioners, procurements, type Bid, type BidId, type BidPartyRole, type OrgId, type Procurement, type ProcurementId, type UserId } from '../../db/schema'
import type { ConsortiumReason, IneligibleReason } from '../agencies'
import { blacklistedOn } from '../credit'
import { exclusionOf, itemIdsOf, standingProblems, type StandingProblem } from './standing'
import { appendAudit } from '../audit'
import { shanghaiDate } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import { canonicalJson } from '../shared/canonical-json'
import type { Clock } from '../shared/clock'
import { DomainError, uniqueAsField } from '../shared/errors'
import { amountProblem, parseYuan } from '../shared/money'
import { isUuid } from '../shared/schemas'

/**
 * 报价, sealed. This is the only module that reads the `bids` table (a test holds every other file
 * to that). Before a procurement's opening it answers:
 * - the bidder: its own bid, whole;
 * - the owner: how many bids there are, nothing more;
 * - anyone else: nothing, not even the count.
 * Readable bids come only from `openedBids`, whose query itself requires `opened_at`. The audit
 * log gets a seal (a SHA-256 over the bid and its 256-bit nonce) instead of the bid, and no bidder
 * or procurement; at opening each bid is revealed in the log with the content that matches it.
 */

export const NONCE = /^[0-9a-f]{64}$/
/** Partners besides the lead: the marketplace's limit for one consortium. */
export const MAX_CONSORTIUM_MEMBERS = 3

export const bidInputSchema = z.object({
  price: z.string({ error: 'errors.amount' }).transform((v, ctx) => {
    const problem = amountProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
    return parseYuan(v) ?? 0
  }),
  // The limit is the procurement's expected days, checked with its number (errors.daysOverExpected).
  committedDays: z.coerce.number({ error: 'errors.daysPositive' }).int('errors.daysPositive').min(1, 'errors.daysPositive').max(100_000, 'errors.daysPositive'),
  /** made by the bidder's browser; the server makes one when JavaScript is off */
  nonce: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(NONCE, 'errors.nonce').optional()),
  accept: z.literal('yes', { error: 'errors.mustAccept' }),
  practitionerIds: z.array(z.string().refine(isUuid, 'errors.choose')).max(10).optional().default([]),
  /** 联合体: the lead's share of the items (when the procurement has several), and the members with theirs */
  leadItemIds: z.array(z.string().refine(isUuid, 'errors.choose')).max(20).optional().default([]),
  members: z
    .array(z.object({ uscc: z.string().trim().toUpperCase().length(18, 'errors.usccLength'), itemIds: z.array(z.string().refine(isUuid, 'errors.choose')).max(20).default([]) }))
    .max(MAX_CONSORTIUM_MEMBERS, 'errors.tooManyMembers')
    .optional()
    .default([]),
})
export type BidInput = z.infer<typeof bidInputSchema>

/** A party as the seal commits to it: who, in which role, undertaking which items. */
export interface SealedParty {
  orgId: string
  role: BidPartyRole
  itemIds: string[]
}

/**
 * The seal written to the audit log: commits to the bid without revealing it (the nonce is 256
 * random bits). A consortium bid's seal covers its parties too; a lone bid's is as it always was.
 */
export function bidSeal(bid: Pick<Bid, 'id' | 'procurementId' | 'agencyOrgId' | 'priceFen' | 'committedDays' | 'nonce' | 'termsVersion' | 'status'>, parties: SealedParty[] = []): string {
  const { id, procurementId, agencyOrgId, priceFen, committedDays, nonce, termsVersion, status } = bid
  const members = sealedParties(parties)
  const content = members.length > 1 ? { id, procurementId, agencyOrgId, priceFen, committedDays, nonce, termsVersion, status, parties: members } : { id, procurementId, agencyOrgId, priceFen, committedDays, nonce, termsVersion, status }
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

const sealedParties = (parties: SealedParty[]) =>
  parties.map((x) => ({ orgId: x.orgId, role: x.role, itemIds: [...x.itemIds].sort() })).sort((a, b) => (a.role === b.role ? a.orgId.localeCompare(b.orgId) : a.role === 'lead' ? -1 : 1))

async function lockOpenProcurement(tx: Db, clock: Clock, id: ProcurementId) {
  // FOR SHARE: many bids at once, but never across the close, which takes FOR UPDATE.
  const [p] = await tx.select().from(procurements).where(eq(procurements.id, id)).for('share')
  if (!p || p.status === 'draft') throw new DomainError('errors.notFound')
  // The server's clock decides, inside the transaction that writes the bid.
  if (p.status !== 'published' || !p.bidDeadline || clock.now() >= p.bidDeadline) throw new DomainError('errors.biddingClosed')
  return p
}

/** Why this agency alone may not win it (the one rule, `standingProblems`): the blacklist, then eligibility for every item. Empty when it may. */
export async function bidderProblems(tx: Db, p: Procurement, orgId: OrgId, today: string): Promise<IneligibleReason[]> {
  return (await standingProblems(tx, p, [{ orgId, itemIds: await itemIdsOf(tx, p) }], today)).map((x) => x.reason as IneligibleReason)
}

/**
 * Why this bid's parties may not win on `day` (the one rule, `standingProblems`): the lead and the
 * members that accepted, each with its share. For the steps after the opening: each offer and
 * the winner's confirmation.
 */
export async function bidStandingProblems(tx: Db, p: Procurement, bidId: BidId, day: string): Promise<StandingProblem[]> {
  const parties = await tx.select({ orgId: bidParties.orgId, itemIds: bidParties.itemIds }).from(bidParties).where(and(eq(bidParties.bidId, bidId), eq(bidParties.status, 'accepted'))).orderBy(asc(bidParties.invitedAt))
  return standingProblems(tx, p, parties, day)
}

/**
 * Whether these problems bar the agency from bidding at all. Where consortia are allowed, falling
 * short alone does not: it may lead one. The blacklist and a missing admission bar it either way.
 */
export function barredFromBidding(p: Pick<Procurement, 'consortiumAllowed' | 'method'>, problems: IneligibleReason[]): boolean {
  const mayLead = p.consortiumAllowed && p.method !== 'direct'
  return problems.some((r) => !mayLead || r.code === 'blacklisted' || r.code === 'notSubmitted')
}

/** A party as the bid names it, with what the pages show of it. */
interface NamedParty extends SealedParty {
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
async function partiesOf(tx: Db, p: Procurement, leadOrgId: OrgId, input: BidInput): Promise<NamedParty[]> {
  const items = await itemIdsOf(tx, p)
  const share = (ids: string[]) => (items.length === 1 || !input.members.length ? [...items] : ids)
  for (const id of [...input.leadItemIds, ...input.members.flatMap((m) => m.itemIds)]) if (!items.includes(id as never)) throw new DomainError('errors.choose', 'leadItemIds')
  const [lead] = await tx.select({ uscc: organizations.uscc, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.id, leadOrgId))
  const parties: NamedParty[] = [{ orgId: leadOrgId, role: 'lead', itemIds: share(input.leadItemIds), uscc: lead!.uscc, nameZh: lead!.nameZh, nameEn: lead!.nameEn }]
  if (input.members.length && !p.consortiumAllowed) throw new DomainError('errors.consortiumNotAllowed')
  for (const [i, member] of input.members.entries()) {
    const field = `member${i + 1}Uscc`
    const [org] = await tx.select({ id: organizations.id, kind: organizations.kind, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.uscc, member.uscc))
    if (org?.kind !== 'agency') throw new DomainError('errors.agencyUnknown', field)
    if (parties.some((x) => x.orgId === org.id)) throw new DomainError(org.id === leadOrgId ? 'errors.memberIsLead' : 'errors.memberTwice', field)
    parties.push({ orgId: org.id, role: 'member', itemIds: share(member.itemIds), uscc: member.uscc, nameZh: org.nameZh, nameEn: org.nameEn })
  }
  return parties
}

/** Why this consortium may not bid: each party's listing, and the parties judged together. Empty when it may. */
async function consortiumProblems(tx: Db, p: Procurement, parties: NamedParty[], today: string): Promise<ConsortiumProblem[]> {
  const named = (orgId: string | null, reason: ConsortiumProblem['reason']): ConsortiumProblem => {
    const party = parties.find((x) => x.orgId === orgId)
    return { uscc: party?.uscc ?? null, nameZh: party?.nameZh ?? null, nameEn: party?.nameEn ?? null, reason }
  }
  return (await standingProblems(tx, p, parties, today)).map((r) => named(r.orgId, r.reason))
}

async function checkTerms(tx: Db, p: Procurement, actor: Actor, input: BidInput, today: string, parties: NamedParty[]) {
  if (input.price > p.maxPriceFen || (p.floorPriceFen !== null && input.price < p.floorPriceFen))
    throw new DomainError('errors.priceOutOfBounds', 'price', { min: p.floorPriceFen ?? 1, max: p.maxPriceFen })
  if (input.committedDays > p.expectedDays) throw new DomainError('errors.daysOverExpected', 'committedDays', { max: p.expectedDays })
  const [org] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, actor.orgId))
  if (org?.kind !== 'agency') throw new DomainError('errors.illegalStep')
  if (parties.length > 1) {
    const problems = await consortiumProblems(tx, p, parties, today)
    if (problems.length) throw new DomainError('errors.consortiumIneligible', undefined, { reasons: JSON.stringify(problems) })
  } else {
    const problems = await bidderProblems(tx, p, actor.orgId, today)
    if (problems.length) throw new DomainError(problems[0]!.code === 'blacklisted' ? 'errors.blacklisted' : 'errors.notEligible', undefined, { reasons: JSON.stringify(problems) })
  }
  if (p.practitionersRequired) {
    if (!input.practitionerIds.length) throw new DomainError('errors.practitionersRequired', 'practitionerIds')
    const own = await tx
      .select({ id: practitioners.id })
      .from(practitioners)
      .where(and(eq(practitioners.orgId, actor.orgId), inArray(practitioners.id, input.practitionerIds as never[]), sql`${practitioners.validTo} >= ${today}`))
    if (own.length !== new Set(input.practitionerIds).size) throw new DomainError('errors.choose', 'practitionerIds')
  }
}

/** The bid's parties as they stand (the lead, and members invited or accepted). */
const standingParties = (tx: Db, bidId: BidId) =>
  tx.select().from(bidParties).where(and(eq(bidParties.bidId, bidId), inArray(bidParties.status, ['invited', 'accepted']))).orderBy(asc(bidParties.invitedAt))

const sealedAudit = async (tx: Db, action: string, row: Bid, at: Date) =>
  appendAudit(tx, { actor: {}, action, entityType: 'bid', entityId: row.id, after: { seal: bidSeal(row, await standingParties(tx, row.id)) }, at })

/**
 * Writes the bid's parties: the lead accepted at once, each member invited to accept. The partial
 * unique index lets an agency stand (accepted) in one bid per procurement, so a lead that accepted
 * another's consortium is refused here, whatever the race. An invitation holds nobody: naming an
 * agency never tells the lead whether it bids, nor stops it bidding; only an agency that declined
 * this bid before cannot be named by it again.
 */
async function writeParties(tx: Db, p: Procurement, bid: Bid, parties: NamedParty[], actor: Actor & { userId: UserId }, at: Date) {
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
    if (declined) throw new DomainError('errors.memberDeclined', `member${i + 1}Uscc`)
    await tx.insert(bidParties).values({ bidId: bid.id, procurementId: p.id, orgId: member.orgId, role: 'member', itemIds: member.itemIds, status: 'invited', invitedAt: at })
    await notify(tx, { orgId: member.orgId, kind: 'consortiumInvited', params: { number: p.number ?? '', title: p.title, lead: lead!.nameZh }, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, at })
  }
}

/** Members leave the bid (it was changed or withdrawn): their rows are kept, released. */
async function releaseMembers(tx: Db, p: Procurement, bid: Bid, at: Date, tell: boolean) {
  // Those still in it are told; one that declined has left already.
  const standing = await tx.select({ orgId: bidParties.orgId }).from(bidParties).where(and(eq(bidParties.bidId, bid.id), eq(bidParties.role, 'member'), inArray(bidParties.status, ['invited', 'accepted'])))
  await tx
    .update(bidParties)
    .set({ status: 'released' })
    .where(and(eq(bidParties.bidId, bid.id), eq(bidParties.role, 'member'), inArray(bidParties.status, ['invited', 'accepted', 'declined'])))
  if (tell) for (const m of standing) await notify(tx, { orgId: m.orgId, kind: 'consortiumWithdrawn', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, at })
}

/** An eligible agency (or consortium) bids once, within the bounds and the expected days, before the deadline. */
export async function submitBid(db: Db, clock: Clock, actor: Actor & { userId: UserId }, procurementId: ProcurementId, input: BidInput) {
  return db.transaction(async (tx) => {
    const p = await lockOpenProcurement(tx, clock, procurementId)
    // A direct commission takes no bids: its named agency confirms (services/procurement/direct.ts).
    if (p.method === 'direct') throw new DomainError('errors.notFound')
    const now = clock.now()
    const parties = await partiesOf(tx, p, actor.orgId, input)
    await checkTerms(tx, p, actor, input, shanghaiDate(now), parties)
    const [existing] = await tx.select({ status: bids.status }).from(bids).where(and(eq(bids.procurementId, p.id), eq(bids.agencyOrgId, actor.orgId)))
    if (existing) throw new DomainError(existing.status === 'withdrawn' ? 'errors.bidWithdrawn' : 'errors.bidExists')
    const [row] = await tx
      .insert(bids)
      .values({
        procurementId: p.id,
        agencyOrgId: actor.orgId,
        priceFen: input.price,
        committedDays: input.committedDays,
        nonce: input.nonce ?? randomBytes(32).toString('hex'),
        termsVersion: p.termsVersion,
        practitionerIds: input.practitionerIds,
        submittedBy: actor.userId,
        submittedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      // Two tabs submitting at once: the unique (procurement, agency) key lets one through.
      .onConflictDoNothing({ target: [bids.procurementId, bids.agencyOrgId] })
      .returning()
    if (!row) throw new DomainError('errors.bidExists')
    await writeParties(tx, p, row, parties, actor, now)
    await sealedAudit(tx, 'bid.submit', row, now)
    await notify(tx, { orgId: actor.orgId, kind: 'bidReceived', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, at: now })
    return row
  })
}

/**
 * Until the deadline the lead may change its price, days and consortium (and re-confirm after an
 * amendment). Members commit to the bid as it is, so every change asks each of them again.
 */
export async function editBid(db: Db, clock: Clock, actor: Actor & { userId: UserId }, procurementId: ProcurementId, input: BidInput) {
  return db.transaction(async (tx) => {
    const p = await lockOpenProcurement(tx, clock, procurementId)
    const now = clock.now()
    const [current] = await tx.select().from(bids).where(and(eq(bids.procurementId, p.id), eq(bids.agencyOrgId, actor.orgId))).for('update')
    if (!current || current.status === 'withdrawn') throw new DomainError('errors.notFound')
    const parties = await partiesOf(tx, p, actor.orgId, input)
    await checkTerms(tx, p, actor, input, shanghaiDate(now), parties)
    const [row] = await tx
      .update(bids)
      .set({ priceFen: input.price, committedDays: input.committedDays, status: 'active', termsVersion: p.termsVersion, practitionerIds: input.practitionerIds, updatedAt: now })
      .where(eq(bids.id, current.id))
      .returning()
    await releaseMembers(tx, p, row!, now, false)
    await writeParties(tx, p, row!, parties, actor, now)
    await sealedAudit(tx, current.status === 'needs_reconfirm' ? 'bid.reconfirm' : 'bid.edit', row!, now)
    return row!
  })
}

export async function withdrawBid(db: Db, clock: Clock, actor: Actor, procurementId: ProcurementId) {
  return db.transaction(async (tx) => {
    const p = await lockOpenProcurement(tx, clock, procurementId)
    const now = clock.now()
    const [row] = await tx
      .update(bids)
      .set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now })
      .where(and(eq(bids.procurementId, procurementId), eq(bids.agencyOrgId, actor.orgId), inArray(bids.status, ['active', 'needs_reconfirm'])))
      .returning()
    if (!row) throw new DomainError('errors.notFound')
    await releaseMembers(tx, p, row, now, true)
    await sealedAudit(tx, 'bid.withdraw', row, now)
    return row
  })
}

/**
 * A listed agency's bids on procurements not yet opened are withdrawn by the marketplace, as a
 * withdrawal by the bidder would be (sealed step, members released and told); the bidder is told
 * why, and each owner that a bid was withdrawn, without naming it (the owner sees only the count).
 */
export async function withdrawBidsOfListed(tx: Db, orgId: OrgId, at: Date): Promise<number> {
  const open = await tx
    .select({ p: procurements, bidId: bids.id })
    .from(bids)
    .innerJoin(procurements, eq(procurements.id, bids.procurementId))
    .where(and(eq(bids.agencyOrgId, orgId), inArray(bids.status, ['active', 'needs_reconfirm']), eq(procurements.status, 'published')))
  for (const { p, bidId } of open) {
    const [row] = await tx.update(bids).set({ status: 'withdrawn', withdrawnAt: at, updatedAt: at }).where(and(eq(bids.id, bidId), inArray(bids.status, ['active', 'needs_reconfirm']))).returning()
    if (!row) continue
    await releaseMembers(tx, p, row, at, true)
    await sealedAudit(tx, 'bid.withdraw', row, at)
    const params = { number: p.number ?? '', title: p.title }
    await notify(tx, { orgId, kind: 'bidWithdrawnListed', params, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, at })
    await notify(tx, { orgId: p.ownerOrgId, kind: 'bidWithdrawnByMarket', params, link: `/owner/procurements/${p.id}`, at })
  }
  return open.length
}

/** A member's answer to one invitation (an agency may be invited by several leads): the bid it answers, and how. */
export const consortiumResponseSchema = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('accept'), bidId: z.string().refine(isUuid, 'errors.notFound'), accept: z.literal('yes', { error: 'errors.mustAccept' }) }),
  z.object({ answer: z.literal('decline'), bidId: z.string().refine(isUuid, 'errors.notFound'), reason: z.string().trim().min(4, 'errors.reasonShort').max(500, 'errors.tooLong') }),
])

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
      const listed = await blacklistedOn(tx, actor.orgId, shanghaiDate(now))
      if (listed) throw new DomainError('errors.blacklisted')
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

/** The bidder's own bid, whole, at any time. */
export async function ownBid(db: Db, agencyOrgId: OrgId, procurementId: ProcurementId) {
  const [row] = await db.select().from(bids).where(and(eq(bids.procurementId, procurementId), eq(bids.agencyOrgId, agencyOrgId)))
  return row ?? null
}

/**
 * The agency's bids with their procurements, newest first: those it made, and the consortium bids
 * it was invited into (a member commits to the bid, so sees it whole), with its role and answer.
 */
export async function bidsOfAgency(db: Db, agencyOrgId: OrgId) {
  return db
    .select({ bid: bids, role: bidParties.role, partyStatus: bidParties.status, number: procurements.number, title: procurements.title, status: procurements.status, bidDeadline: procurements.bidDeadline })
    .from(bidParties)
    .innerJoin(bids, eq(bids.id, bidParties.bidId))
    .innerJoin(procurements, eq(procurements.id, bids.procurementId))
    .where(and(eq(bidParties.orgId, agencyOrgId), or(eq(bidParties.role, 'lead'), inArray(bidParties.status, ['invited', 'accepted', 'declined']))))
    .orderBy(sql`${bidParties.invitedAt} desc`)
}

/** How many bids stand: for the procurement's owner only (the query checks the owner). */
export async function bidCountForOwner(db: Db, ownerOrgId: OrgId, procurementId: ProcurementId): Promise<number | null> {
  const [row] = await db
    .select({ n: count(bids.id) })
    .from(procurements)
    .leftJoin(bids, and(eq(bids.procurementId, procurements.id), inArray(bids.status, ['active', 'needs_reconfirm'])))
    .where(and(eq(procurements.id, procurementId), eq(procurements.ownerOrgId, ownerOrgId)))
    .groupBy(procurements.id)
  return row ? Number(row.n) : null
}

/**
 * The bids of an opened procurement, with their bidders: the only way to read another's bid. The
 * opening (and, for a live auction, its end) is part of the query, so a caller cannot forget it.
 */
export async function openedBids(db: Db, procurementId: ProcurementId) {
  const rows = await db
    .select({ bid: bids, agencyNameZh: organizations.nameZh, agencyNameEn: organizations.nameEn, agencyUscc: organizations.uscc })
    .from(bids)
    .innerJoin(procurements, and(eq(procurements.id, bids.procurementId), isNotNull(procurements.openedAt)))
    .innerJoin(organizations, eq(organizations.id, bids.agencyOrgId))
    // A live auction shows labels, never bidders, until its result: not even to the owner.
    .where(and(eq(bids.procurementId, procurementId), sql`not exists (select 1 from auctions a where a.procurement_id = ${bids.procurementId} and a.finished_at is null)`))
    .orderBy(asc(bids.priceFen), asc(bids.submittedAt))
  // Their consortia's members, read only for the bids the opened query gave.
  const members = rows.length ? await consortiumMembers(db, rows.map((r) => r.bid.id)) : []
  return rows.map((r) => ({ ...r, members: members.filter((m) => m.bidId === r.bid.id) }))
}

/** The members (besides the lead) of bids already opened, as `openedBids` and the result notice show them. */
async function consortiumMembers(db: Db, bidIds: BidId[]) {
  return db
    .select({ bidId: bidParties.bidId, status: bidParties.status, itemIds: bidParties.itemIds, nameZh: organizations.nameZh, nameEn: organizations.nameEn, uscc: organizations.uscc })
    .from(bidParties)
    .innerJoin(organizations, eq(organizations.id, bidParties.orgId))
    .where(and(inArray(bidParties.bidId, bidIds), eq(bidParties.role, 'member'), inArray(bidParties.status, ['invited', 'accepted', 'declined'])))
    .orderBy(asc(bidParties.invitedAt))
}

/** The consortium members of an awarded bid, for the public result notice (an award is public). */
export async function awardedConsortium(db: Db, procurementId: ProcurementId) {
  const [award] = await db.select({ bidId: awards.bidId }).from(awards).where(eq(awards.procurementId, procurementId))
  if (!award) return []
  return (await consortiumMembers(db, [award.bidId])).filter((m) => m.status === 'accepted')
}

/** The bidders whose bids stand on a procurement not yet opened, for a notice to each (sealed until the opening). */
export async function standingBidders(tx: Db, procurementId: ProcurementId): Promise<OrgId[]> {
  const rows = await tx.select({ orgId: bids.agencyOrgId }).from(bids).where(and(eq(bids.procurementId, procurementId), inArray(bids.status, ['active', 'needs_reconfirm'])))
  return rows.map((r) => r.orgId)
}

/** After a change to key terms, standing bids must be confirmed again before they count. */
export async function markBidsForReconfirmation(tx: Db, procurementId: ProcurementId, at: Date) {
  const rows = await tx
    .update(bids)
    .set({ status: 'needs_reconfirm', updatedAt: at })
    .where(and(eq(bids.procurementId, procurementId), eq(bids.status, 'active')))
    .returning({ agencyOrgId: bids.agencyOrgId })
  return rows.map((r) => r.agencyOrgId)
}

/**
 * At opening: the bids that count, and an audit entry per bid that reveals what its seal committed
 * to, so anyone can check the two match. A bid counts when it stands on the current terms, every
 * member of its consortium has accepted it, and its parties may still win that day (the one rule,
 * `standingProblems`: sanctions, admission, qualifications). A standing bid that does not is set
 * aside with why (`excluded`, `excludedReasons`), which the reveal publishes too, and its bidder
 * is told.
 */
export async function revealBids(tx: Db, p: Procurement, at: Date) {
  const rows = await tx.select().from(bids).where(eq(bids.procurementId, p.id)).orderBy(asc(bids.submittedAt))
  // Every party of every bid, and which of them are listed today: two queries for the whole opening.
  const allParties = await tx.select().from(bidParties).where(and(eq(bidParties.procurementId, p.id), inArray(bidParties.status, ['invited', 'accepted', 'declined']))).orderBy(asc(bidParties.invitedAt))
  const day = shanghaiDate(at)
  const counted: Bid[] = []
  for (const row of rows) {
    const parties = allParties.filter((x) => x.bidId === row.id)
    const stands = row.status === 'active' && row.termsVersion === p.termsVersion
    let excluded: string | null = null
    let problems: StandingProblem[] = []
    if (stands && parties.some((x) => x.role === 'member' && x.status !== 'accepted')) excluded = 'consortiumIncomplete'
    else if (stands) {
      problems = await standingProblems(tx, p, parties.filter((x) => x.status === 'accepted'), day)
      if (problems.length) excluded = exclusionOf(problems)
    }
    if (excluded) {
      await tx.update(bids).set({ excluded, excludedReasons: problems.length ? problems : null }).where(eq(bids.id, row.id))
      await notify(tx, { orgId: row.agencyOrgId, kind: 'bidExcluded', params: { number: p.number ?? '', title: p.title, why: excluded }, link: `/agency/bids/${p.id}`, at })
    } else if (stands) counted.push(row)
    const standing = parties.filter((x) => x.status !== 'declined')
    const consortium = standing.length > 1 ? { parties: standing.map((x) => ({ orgId: x.orgId, role: x.role, itemIds: x.itemIds, status: x.status })) } : {}
    await appendAudit(tx, {
      actor: {},
      action: 'bid.reveal',
      entityType: 'bid',
      entityId: row.id,
      after: { id: row.id, procurementId: row.procurementId, agencyOrgId: row.agencyOrgId, priceFen: row.priceFen, committedDays: row.committedDays, nonce: row.nonce, termsVersion: row.termsVersion, status: row.status, ...consortium, ...(excluded ? { excluded } : {}), ...(problems.length ? { excludedReasons: problems } : {}), seal: bidSeal(row, standing) },
      at,
    })
  }
  return counted
}

/** The bid a direct commission's agency confirms with: written here, where bids are written. */
export async function insertDirectBid(tx: Db, p: Procurement, actor: Actor & { userId: UserId }, input: BidInput, at: Date) {
  const parties = await partiesOf(tx, p, actor.orgId, { ...input, members: [] })
  await checkTerms(tx, p, actor, input, shanghaiDate(at), parties)
  const [row] = await tx
    .insert(bids)
    .values({
      procurementId: p.id, agencyOrgId: actor.orgId, priceFen: input.price, committedDays: input.committedDays,
      nonce: input.nonce ?? randomBytes(32).toString('hex'), termsVersion: p.termsVersion, practitionerIds: input.practitionerIds,
      submittedBy: actor.userId, submittedAt: at, createdAt: at, updatedAt: at,
    })
    .onConflictDoNothing({ target: [bids.procurementId, bids.agencyOrgId] })
    .returning()
  if (!row) throw new DomainError('errors.bidExists')
  await writeParties(tx, p, row, parties, actor, at)
  return row
}

export type { BidId }

/** Whether this organization bid on the procurement (its own question about itself). */
export async function isBidder(db: Db, procurementId: ProcurementId, orgId: OrgId) {
  const [row] = await db.select({ id: bids.id }).from(bids).where(and(eq(bids.procurementId, procurementId), eq(bids.agencyOrgId, orgId)))
  return !!row
}
