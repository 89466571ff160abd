import { randomBytes } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bids, organizations, practitioners, procurements, type OrgId, type Procurement, type ProcurementId, type UserId } from '../../db/schema'
import { shanghaiDate } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError, fen } from '../shared/errors'
import { type BidInput } from './input'
import { sealedAudit } from './seal'
import { lockOpenProcurement } from './window'
import { bidderProblems } from './eligibility'
import { type NamedParty, partiesOf, consortiumProblems, writeParties, releaseMembers } from './parties'

async function checkTerms(tx: Db, p: Procurement, actor: Actor, input: BidInput, today: string, parties: NamedParty[]) {
  if (input.price > p.maxPriceFen || (p.floorPriceFen !== null && input.price < p.floorPriceFen))
    throw new DomainError('errors.priceOutOfBounds', 'price', { min: fen(p.floorPriceFen ?? 1), max: fen(p.maxPriceFen) })
  if (input.committedDays > p.expectedDays) throw new DomainError('errors.daysOverExpected', 'committedDays', { max: p.expectedDays })
  const [org] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, actor.orgId))
  if (org?.kind !== 'agency') throw new DomainError('errors.illegalStep')
  if (parties.length > 1) {
    const problems = await consortiumProblems(tx, p, parties, today)
    if (problems.length) throw new DomainError('errors.consortiumIneligible', undefined, { reasons: problems })
  } else {
    const problems = await bidderProblems(tx, p, actor.orgId, today)
    if (problems.length) throw new DomainError(problems[0]!.code === 'blacklisted' ? 'errors.blacklisted' : problems[0]!.code === 'suspended' ? 'errors.suspended' : 'errors.notEligible', undefined, { reasons: problems })
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

/** Where a bid is sent from: the client's address, the browser's device mark and its user agent (kept with the bid, sealed like it). */
export interface BidOrigin {
  deviceId?: string | null
  userAgent?: string | null
}
const originOf = (actor: Actor, origin: BidOrigin) => ({ clientIp: actor.ip ?? null, deviceId: origin.deviceId?.slice(0, 64) || null, userAgent: origin.userAgent?.slice(0, 300) || null })

/** An eligible agency (or consortium) bids once, within the bounds and the expected days, before the deadline. */
export async function submitBid(db: Db, clock: Clock, actor: Actor & { userId: UserId }, procurementId: ProcurementId, input: BidInput, origin: BidOrigin = {}) {
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
        ...originOf(actor, origin),
        createdAt: now,
        updatedAt: now,
      })
      // Two tabs submitting at once: the unique (procurement, agency) key lets one through.
      .onConflictDoNothing({ target: [bids.procurementId, bids.agencyOrgId] })
      .returning()
    if (!row) throw new DomainError('errors.bidExists')
    await writeParties(tx, p, row, parties, actor, now)
    await notify(tx, { orgId: actor.orgId, kind: 'bidReceived', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, at: now })
    // Last: the log's entry holds the one lock every change takes (the hash chain) until the commit.
    await sealedAudit(tx, 'bid.submit', row, now)
    return row
  })
}

/**
 * Until the deadline the lead may change its price, days and consortium (and re-confirm after an
 * amendment). Members commit to the bid as it is, so every change asks each of them again.
 */
export async function editBid(db: Db, clock: Clock, actor: Actor & { userId: UserId }, procurementId: ProcurementId, input: BidInput, origin: BidOrigin = {}) {
  return db.transaction(async (tx) => {
    const p = await lockOpenProcurement(tx, clock, procurementId)
    const now = clock.now()
    const [current] = await tx.select().from(bids).where(and(eq(bids.procurementId, p.id), eq(bids.agencyOrgId, actor.orgId))).for('update')
    if (!current || current.status === 'withdrawn') throw new DomainError('errors.notFound')
    const parties = await partiesOf(tx, p, actor.orgId, input)
    await checkTerms(tx, p, actor, input, shanghaiDate(now), parties)
    const [row] = await tx
      .update(bids)
      .set({ priceFen: input.price, committedDays: input.committedDays, status: 'active', termsVersion: p.termsVersion, practitionerIds: input.practitionerIds, ...originOf(actor, origin), updatedAt: now })
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

/** After a change to key terms, standing bids must be confirmed again before they count. */
export async function markBidsForReconfirmation(tx: Db, procurementId: ProcurementId, at: Date) {
  const rows = await tx
    .update(bids)
    .set({ status: 'needs_reconfirm', updatedAt: at })
    .where(and(eq(bids.procurementId, procurementId), eq(bids.status, 'active')))
    .returning({ agencyOrgId: bids.agencyOrgId })
  return rows.map((r) => r.agencyOrgId)
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
