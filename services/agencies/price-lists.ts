import { and, asc, desc, eq, isNotNull, isNull, max } from 'drizzle-orm'
import type * as z from 'zod'
import type { Db } from '../../db/client'
import { agencyOfferings, organizations, priceItems, priceLists, serviceItems, type OrgId, type ServiceItemId } from '../../db/schema'
import { appendAudit } from '../audit'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import type { offeringSchema, priceItemSchema } from './price-list-input'

export { offeringSchema, priceItemSchema } from './price-list-input'



/** An agency offers an item within the standard time limit (统一服务承诺时间), or not at all. */
export async function setOffering(db: Db, clock: Clock, actor: Actor, input: z.infer<typeof offeringSchema>) {
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(serviceItems).where(eq(serviceItems.id, input.itemId as ServiceItemId))
    if (!item) throw new DomainError('errors.choose', 'itemId')
    if (input.committedDays > item.standardDays) throw new DomainError('errors.committedDaysOver', 'committedDays', { max: item.standardDays })
    const now = clock.now()
    const row = { orgId: actor.orgId, itemId: item.id, committedDays: input.committedDays, updatedAt: now }
    await tx.insert(agencyOfferings).values({ ...row, createdAt: now }).onConflictDoUpdate({ target: [agencyOfferings.orgId, agencyOfferings.itemId], set: row })
    await appendAudit(tx, { actor, action: 'offering.set', entityType: 'agency_offering', entityId: `${actor.orgId}:${item.id}`, after: row, at: now })
  })
}

export async function offeringsOf(db: Db, orgId: OrgId) {
  return db
    .select({ itemId: agencyOfferings.itemId, committedDays: agencyOfferings.committedDays, code: serviceItems.code, nameZh: serviceItems.nameZh, nameEn: serviceItems.nameEn, standardDays: serviceItems.standardDays })
    .from(agencyOfferings)
    .innerJoin(serviceItems, eq(serviceItems.id, agencyOfferings.itemId))
    .where(eq(agencyOfferings.orgId, orgId))
    .orderBy(asc(serviceItems.code))
}


/** The agency's draft (the next version), made from its current published list when there is none. */
async function draftOf(tx: Db, orgId: OrgId, now: Date) {
  // One edit of an agency's prices at a time: two at once would both make version n + 1.
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for('update')
  const [draft] = await tx.select().from(priceLists).where(and(eq(priceLists.orgId, orgId), isNull(priceLists.publishedAt)))
  if (draft) return draft
  const [{ latest } = { latest: null }] = await tx.select({ latest: max(priceLists.version) }).from(priceLists).where(eq(priceLists.orgId, orgId))
  const [created] = await tx.insert(priceLists).values({ orgId, version: (latest ?? 0) + 1, createdAt: now, updatedAt: now }).returning()
  const current = await publishedPriceList(tx, orgId)
  if (current?.items.length)
    await tx.insert(priceItems).values(current.items.map(({ id: _id, priceListId: _p, ...item }) => ({ ...item, priceListId: created!.id })))
  return created!
}

export async function addPriceItem(db: Db, clock: Clock, actor: Actor, input: z.infer<typeof priceItemSchema>) {
  return db.transaction(async (tx) => {
    const [offered] = await tx.select().from(agencyOfferings).where(and(eq(agencyOfferings.orgId, actor.orgId), eq(agencyOfferings.itemId, input.itemId as ServiceItemId)))
    if (!offered) throw new DomainError('errors.itemNotOffered', 'itemId')
    const draft = await draftOf(tx, actor.orgId, clock.now())
    const { fee, ...rest } = input
    await tx.insert(priceItems).values({ ...rest, itemId: offered.itemId, feeFen: fee, priceListId: draft.id })
  })
}

export async function removePriceItem(db: Db, actor: Actor, priceItemId: string) {
  // Only from the agency's own draft: a published version never changes.
  const [draft] = await db.select().from(priceLists).where(and(eq(priceLists.orgId, actor.orgId), isNull(priceLists.publishedAt)))
  if (!draft || !isUuid(priceItemId)) throw new DomainError('errors.notFound')
  const removed = await db.delete(priceItems).where(and(eq(priceItems.id, priceItemId), eq(priceItems.priceListId, draft.id))).returning()
  if (!removed.length) throw new DomainError('errors.notFound')
}

export async function publishPriceList(db: Db, clock: Clock, actor: Actor) {
  return db.transaction(async (tx) => {
    const [draft] = await tx.select().from(priceLists).where(and(eq(priceLists.orgId, actor.orgId), isNull(priceLists.publishedAt))).for('update')
    if (!draft) throw new DomainError('errors.nothingToPublish')
    const items = await tx.select().from(priceItems).where(eq(priceItems.priceListId, draft.id))
    if (!items.length) throw new DomainError('errors.nothingToPublish')
    const now = clock.now()
    await tx.update(priceLists).set({ publishedAt: now, publishedBy: actor.userId, updatedAt: now }).where(eq(priceLists.id, draft.id))
    await appendAudit(tx, { actor, action: 'price_list.publish', entityType: 'price_list', entityId: draft.id, after: { version: draft.version, items }, at: now })
    return draft.version
  })
}

async function listWithItems(db: Db, list: typeof priceLists.$inferSelect | undefined) {
  if (!list) return null
  const items = await db.select().from(priceItems).where(eq(priceItems.priceListId, list.id)).orderBy(asc(priceItems.sortOrder), asc(priceItems.feeFen))
  return { ...list, items }
}

export async function publishedPriceList(db: Db, orgId: OrgId) {
  const [list] = await db.select().from(priceLists).where(and(eq(priceLists.orgId, orgId), isNotNull(priceLists.publishedAt))).orderBy(desc(priceLists.version)).limit(1)
  return listWithItems(db, list)
}

export async function draftPriceList(db: Db, orgId: OrgId) {
  const [list] = await db.select().from(priceLists).where(and(eq(priceLists.orgId, orgId), isNull(priceLists.publishedAt)))
  return listWithItems(db, list)
}

/** Every published version, newest first: for supervisors. */
export async function priceListHistory(db: Db, orgId: OrgId) {
  const lists = await db.select().from(priceLists).where(and(eq(priceLists.orgId, orgId), isNotNull(priceLists.publishedAt))).orderBy(desc(priceLists.version))
  return Promise.all(lists.map((l) => listWithItems(db, l)))
}

export type PriceChange =
  | { kind: 'added'; itemId: string; content: string; toFen: number }
  | { kind: 'removed'; itemId: string; content: string; fromFen: number }
  | { kind: 'changed'; itemId: string; content: string; fromFen: number; toFen: number }

/**
 * What a version changed against the one before, row by row (a row is its item and content):
 * what supervisors look for when fees move. Unchanged rows are left out.
 */
export function priceChanges(before: Array<{ itemId: string; content: string; feeFen: number }>, after: Array<{ itemId: string; content: string; feeFen: number }>): PriceChange[] {
  const key = (r: { itemId: string; content: string }) => `${r.itemId}\u0000${r.content}`
  const old = new Map(before.map((r) => [key(r), r]))
  const changes: PriceChange[] = []
  for (const r of after) {
    const was = old.get(key(r))
    if (!was) changes.push({ kind: 'added', itemId: r.itemId, content: r.content, toFen: r.feeFen })
    else if (was.feeFen !== r.feeFen) changes.push({ kind: 'changed', itemId: r.itemId, content: r.content, fromFen: was.feeFen, toFen: r.feeFen })
    old.delete(key(r))
  }
  for (const r of old.values()) changes.push({ kind: 'removed', itemId: r.itemId, content: r.content, fromFen: r.feeFen })
  return changes
}
