import { createHash, randomBytes } from 'node:crypto'
import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../../db/client'
import { bids, organizations, practitioners, procurementItems, procurements, type Bid, type BidId, type OrgId, type Procurement, type ProcurementId, type UserId } from '../../db/schema'
import { checkEligibility, type IneligibleReason } from '../agencies'
import { appendAudit } from '../audit'
import { shanghaiDate } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import { canonicalJson } from '../shared/canonical-json'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { parseYuan } from '../shared/money'
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

export const bidInputSchema = z.object({
  price: z.string({ error: 'errors.amount' }).transform((v, ctx) => {
    const fen = parseYuan(v)
    if (fen === null || fen <= 0) ctx.addIssue({ code: 'custom', message: 'errors.amount' })
    return fen ?? 0
  }),
  committedDays: z.coerce.number({ error: 'errors.days' }).int('errors.days').min(1, 'errors.days').max(250, 'errors.days'),
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
})
export type BidInput = z.infer<typeof bidInputSchema>

/** The seal written to the audit log: commits to the bid without revealing it (the nonce is 256 random bits). */
export function bidSeal(bid: Pick<Bid, 'id' | 'procurementId' | 'agencyOrgId' | 'priceFen' | 'committedDays' | 'nonce' | 'termsVersion' | 'status'>): string {
  const { id, procurementId, agencyOrgId, priceFen, committedDays, nonce, termsVersion, status } = bid
  return createHash('sha256').update(canonicalJson({ id, procurementId, agencyOrgId, priceFen, committedDays, nonce, termsVersion, status })).digest('hex')
}

async function lockOpenProcurement(tx: Db, clock: Clock, id: ProcurementId) {
  // FOR SHARE: many bids at once, but never across the close, which takes FOR UPDATE.
  const [p] = await tx.select().from(procurements).where(eq(procurements.id, id)).for('share')
  if (!p || p.status === 'draft') throw new DomainError('errors.notFound')
  // The server's clock decides, inside the transaction that writes the bid.
  if (p.status !== 'published' || !p.bidDeadline || clock.now() >= p.bidDeadline) throw new DomainError('errors.biddingClosed')
  return p
}

/** Why this agency may not bid on it: eligibility for every item, under the requirement. Empty when it may. */
export async function bidderProblems(tx: Db, p: Procurement, orgId: OrgId, today: string): Promise<IneligibleReason[]> {
  const items = await tx.select({ itemId: procurementItems.itemId }).from(procurementItems).where(eq(procurementItems.procurementId, p.id))
  const reasons: IneligibleReason[] = []
  for (const { itemId } of items) {
    const result = await checkEligibility(tx, { orgId, itemId, requirement: p.requirement, today })
    for (const r of result.reasons) if (!reasons.some((x) => JSON.stringify(x) === JSON.stringify(r))) reasons.push(r)
  }
  return reasons
}

async function checkTerms(tx: Db, p: Procurement, actor: Actor, input: BidInput, today: string) {
  if (input.price > p.maxPriceFen || (p.floorPriceFen !== null && input.price < p.floorPriceFen))
    throw new DomainError('errors.priceOutOfBounds', 'price', { min: p.floorPriceFen ?? 1, max: p.maxPriceFen })
  if (input.committedDays > p.expectedDays) throw new DomainError('errors.daysOverExpected', 'committedDays', { max: p.expectedDays })
  const [org] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, actor.orgId))
  if (org?.kind !== 'agency') throw new DomainError('errors.illegalStep')
  const problems = await bidderProblems(tx, p, actor.orgId, today)
  if (problems.length) throw new DomainError('errors.notEligible', undefined, { reasons: JSON.stringify(problems) })
  if (p.practitionersRequired) {
    if (!input.practitionerIds.length) throw new DomainError('errors.practitionersRequired', 'practitionerIds')
    const own = await tx
      .select({ id: practitioners.id })
      .from(practitioners)
      .where(and(eq(practitioners.orgId, actor.orgId), inArray(practitioners.id, input.practitionerIds as never[]), sql`${practitioners.validTo} >= ${today}`))
    if (own.length !== new Set(input.practitionerIds).size) throw new DomainError('errors.choose', 'practitionerIds')
  }
}

const sealedAudit = (tx: Db, action: string, row: Bid, at: Date) =>
  appendAudit(tx, { actor: {}, action, entityType: 'bid', entityId: row.id, after: { seal: bidSeal(row) }, at })

/** An eligible agency bids once, within the bounds and the expected days, before the deadline. */
export async function submitBid(db: Db, clock: Clock, actor: Actor & { userId: UserId }, procurementId: ProcurementId, input: BidInput) {
  return db.transaction(async (tx) => {
    const p = await lockOpenProcurement(tx, clock, procurementId)
    // A direct commission takes no bids: its named agency confirms (services/procurement/direct.ts).
    if (p.method === 'direct') throw new DomainError('errors.notFound')
    const now = clock.now()
    await checkTerms(tx, p, actor, input, shanghaiDate(now))
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
    await sealedAudit(tx, 'bid.submit', row, now)
    await notify(tx, { orgId: actor.orgId, kind: 'bidReceived', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, at: now })
    return row
  })
}

/** Until the deadline the bidder may change its price and days (and re-confirm after an amendment). */
export async function editBid(db: Db, clock: Clock, actor: Actor & { userId: UserId }, procurementId: ProcurementId, input: BidInput) {
  return db.transaction(async (tx) => {
    const p = await lockOpenProcurement(tx, clock, procurementId)
    const now = clock.now()
    const [current] = await tx.select().from(bids).where(and(eq(bids.procurementId, p.id), eq(bids.agencyOrgId, actor.orgId))).for('update')
    if (!current || current.status === 'withdrawn') throw new DomainError('errors.notFound')
    await checkTerms(tx, p, actor, input, shanghaiDate(now))
    const [row] = await tx
      .update(bids)
      .set({ priceFen: input.price, committedDays: input.committedDays, status: 'active', termsVersion: p.termsVersion, practitionerIds: input.practitionerIds, updatedAt: now })
      .where(eq(bids.id, current.id))
      .returning()
    await sealedAudit(tx, current.status === 'needs_reconfirm' ? 'bid.reconfirm' : 'bid.edit', row!, now)
    return row!
  })
}

export async function withdrawBid(db: Db, clock: Clock, actor: Actor, procurementId: ProcurementId) {
  return db.transaction(async (tx) => {
    await lockOpenProcurement(tx, clock, procurementId)
    const now = clock.now()
    const [row] = await tx
      .update(bids)
      .set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now })
      .where(and(eq(bids.procurementId, procurementId), eq(bids.agencyOrgId, actor.orgId), inArray(bids.status, ['active', 'needs_reconfirm'])))
      .returning()
    if (!row) throw new DomainError('errors.notFound')
    await sealedAudit(tx, 'bid.withdraw', row, now)
    return row
  })
}

/** The bidder's own bid, whole, at any time. */
export async function ownBid(db: Db, agencyOrgId: OrgId, procurementId: ProcurementId) {
  const [row] = await db.select().from(bids).where(and(eq(bids.procurementId, procurementId), eq(bids.agencyOrgId, agencyOrgId)))
  return row ?? null
}

/** The agency's bids with their procurements, newest first: its own, so whole. */
export async function bidsOfAgency(db: Db, agencyOrgId: OrgId) {
  return db
    .select({ bid: bids, number: procurements.number, title: procurements.title, status: procurements.status, bidDeadline: procurements.bidDeadline })
    .from(bids)
    .innerJoin(procurements, eq(procurements.id, bids.procurementId))
    .where(eq(bids.agencyOrgId, agencyOrgId))
    .orderBy(sql`${bids.submittedAt} desc`)
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
  return db
    .select({ bid: bids, agencyNameZh: organizations.nameZh, agencyNameEn: organizations.nameEn, agencyUscc: organizations.uscc })
    .from(bids)
    .innerJoin(procurements, and(eq(procurements.id, bids.procurementId), isNotNull(procurements.openedAt)))
    .innerJoin(organizations, eq(organizations.id, bids.agencyOrgId))
    // A live auction shows labels, never bidders, until its result: not even to the owner.
    .where(and(eq(bids.procurementId, procurementId), sql`not exists (select 1 from auctions a where a.procurement_id = ${bids.procurementId} and a.finished_at is null)`))
    .orderBy(asc(bids.priceFen), asc(bids.submittedAt))
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
 * At opening: the bids that count (active, on the current terms), and an audit entry per bid that
 * reveals what its seal committed to, so anyone can check the two match.
 */
export async function revealBids(tx: Db, p: Procurement, at: Date) {
  const rows = await tx.select().from(bids).where(eq(bids.procurementId, p.id)).orderBy(asc(bids.submittedAt))
  for (const row of rows)
    await appendAudit(tx, {
      actor: {},
      action: 'bid.reveal',
      entityType: 'bid',
      entityId: row.id,
      after: { id: row.id, procurementId: row.procurementId, agencyOrgId: row.agencyOrgId, priceFen: row.priceFen, committedDays: row.committedDays, nonce: row.nonce, termsVersion: row.termsVersion, status: row.status, seal: bidSeal(row) },
      at,
    })
  return rows.filter((r) => r.status === 'active' && r.termsVersion === p.termsVersion)
}

/** The bid a direct commission's agency confirms with: written here, where bids are written. */
export async function insertDirectBid(tx: Db, p: Procurement, actor: Actor & { userId: UserId }, input: BidInput, at: Date) {
  await checkTerms(tx, p, actor, input, shanghaiDate(at))
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
  return row
}

export type { BidId }

/** Whether this organization bid on the procurement (its own question about itself). */
export async function isBidder(db: Db, procurementId: ProcurementId, orgId: OrgId) {
  const [row] = await db.select({ id: bids.id }).from(bids).where(and(eq(bids.procurementId, procurementId), eq(bids.agencyOrgId, orgId)))
  return !!row
}
