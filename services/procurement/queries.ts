import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { auditLog, awards, organizations, procurementItems, procurements, procurementStatus, regions, serviceItems, type OrgId, type ProcurementId } from '../../db/schema'
import { isUuid } from '../shared/schemas'
import { AVAILABLE_METHODS } from '../market/methods'
import { ANNOUNCEMENT_SORTS, type AnnouncementSort } from './announcement-sorts'
import { AMENDABLE_TERMS } from './amendable-terms'
import { awardedConsortium } from '../bids'

export const ANNOUNCEMENT_PAGE_SIZE = 20
/**
 * The list counts matches up to this many (100 pages) and pages through them; past it, it says
 * "more than" and asks for a narrower filter, as large search sites do. Counting a million rows
 * on every view, or skipping a hundred thousand to reach page 5,000, costs the database seconds
 * and serves nobody: with a filter that matches 2% of a million announcements, counting to
 * 10,000 read half the table (docs/bench/latest.md).
 */
export const ANNOUNCEMENT_COUNT_CAP = 2_000
export const ANNOUNCEMENT_MAX_PAGE = ANNOUNCEMENT_COUNT_CAP / ANNOUNCEMENT_PAGE_SIZE

/**
 * What the public may see: a procurement once it was published, whatever became of it. A draft
 * is the owner's, and so is a draft cancelled before it was ever published.
 */
// Written as literals, as the list's partial indexes are (db/schema/procurement.ts), so the planner can use them.
const wasPublished = sql`${procurements.status} <> 'draft' and ${procurements.publishedAt} is not null`

/** The public list's filters, from a shareable query string; anything malformed is ignored. */
export const announcementQuerySchema = z.object({
  city: z.string().regex(/^\d{4}00$/).optional().catch(undefined),
  category: z.string().regex(/^C\d{2}$/).optional().catch(undefined),
  item: z.string().regex(/^C\d{2}-\d{2}$/).optional().catch(undefined),
  method: z.enum(AVAILABLE_METHODS).optional().catch(undefined),
  status: z.enum(procurementStatus.enumValues).exclude(['draft']).optional().catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
  /** newest publication first (the default), closing soonest, or by max price */
  sort: z.enum(ANNOUNCEMENT_SORTS).optional().catch(undefined),
  /** a signed-in agency: only those open for bids that it may bid on (the caller finds which) */
  eligible: z.literal('me').optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(ANNOUNCEMENT_MAX_PAGE).optional().catch(undefined),
})
export type AnnouncementQuery = z.infer<typeof announcementQuerySchema>

/** The items of some procurements, in their order, with names. */
async function itemsOf(db: Db, ids: ProcurementId[]) {
  if (!ids.length) return new Map<string, Array<{ itemId: string; code: string; nameZh: string; nameEn: string; itemVersion: number }>>()
  const rows = await db
    .select({ procurementId: procurementItems.procurementId, itemId: procurementItems.itemId, code: serviceItems.code, nameZh: serviceItems.nameZh, nameEn: serviceItems.nameEn, itemVersion: procurementItems.itemVersion })
    .from(procurementItems)
    .innerJoin(serviceItems, eq(serviceItems.id, procurementItems.itemId))
    .where(inArray(procurementItems.procurementId, ids))
    .orderBy(asc(procurementItems.sortOrder))
  const map = new Map<string, Array<{ itemId: string; code: string; nameZh: string; nameEn: string; itemVersion: number }>>()
  for (const { procurementId, ...item } of rows) map.set(procurementId, [...(map.get(procurementId) ?? []), item])
  return map
}

/**
 * The order of a sort. Closing soonest puts the deadlines still ahead of `now` first, nearest first,
 * then the passed ones, latest first: a list sorted by deadline is read for what can still be bid on.
 */
function orderOf(sort: AnnouncementSort, now: Date): SQL[] {
  switch (sort) {
    case 'deadline':
      return [sql`(${procurements.bidDeadline} is null or ${procurements.bidDeadline} < ${now}) asc`, sql`case when ${procurements.bidDeadline} >= ${now} then ${procurements.bidDeadline} end asc`, sql`${procurements.bidDeadline} desc nulls last`, desc(procurements.id)]
    case 'price_desc':
      return [desc(procurements.maxPriceFen), desc(procurements.id)]
    case 'price_asc':
      return [asc(procurements.maxPriceFen), desc(procurements.id)]
    default:
      return [desc(procurements.publishedAt), desc(procurements.id)]
  }
}

/**
 * Closing soonest, as two index scans instead of a sort of every match: the first `upTo` still open
 * (deadline ascending) and the first `upTo` passed (deadline descending). The page is among them;
 * the outer query orders those few rows as `orderOf` says. Every published procurement has its
 * deadline (publication sets it), so none falls between the two.
 */
function closingSoonest(filter: SQL | undefined, now: Date, upTo: number) {
  const at = now.toISOString()
  return sql`${procurements.id} in (
    (select id from ${procurements} where ${filter} and ${procurements.bidDeadline} >= ${at}::timestamptz order by ${procurements.bidDeadline} asc, ${procurements.id} desc limit ${upTo})
    union all
    (select id from ${procurements} where ${filter} and ${procurements.bidDeadline} < ${at}::timestamptz order by ${procurements.bidDeadline} desc, ${procurements.id} desc limit ${upTo}))`
}

/** The public list's filters as SQL (the list, its feed and its export share them). */
function announcementWhere(query: AnnouncementQuery, only?: readonly ProcurementId[]) {
  const where: SQL[] = [wasPublished]
  if (only) where.push(only.length ? inArray(procurements.id, [...only]) : sql`false`)
  if (query.city) where.push(sql`${procurements.regionCode} like ${`${query.city.slice(0, 4)}%`}`)
  if (query.method) where.push(eq(procurements.method, query.method))
  if (query.status) where.push(eq(procurements.status, query.status))
  if (query.q) where.push(sql`(${procurements.title} ilike ${`%${query.q}%`} or ${procurements.projectName} ilike ${`%${query.q}%`} or ${procurements.number} = ${query.q})`)
  // Item and category codes are kept on the procurement with its items (one GIN index).
  const codes = [query.category, query.item].filter((c): c is string => !!c)
  if (codes.length) where.push(sql`${procurements.catalogCodes} @> ${`{${codes.join(',')}}`}::text[]`)
  return and(...where)
}

/** Published announcements and results, newest first unless sorted otherwise. Drafts never appear. */
export async function searchAnnouncements(db: Db, query: AnnouncementQuery, now: Date, only?: readonly ProcurementId[]) {
  const filter = announcementWhere(query, only)
  const page = Math.min(query.page ?? 1, ANNOUNCEMENT_MAX_PAGE)
  // The page and the count, side by side; the count stops at the cap, so neither reads the whole table.
  const list = db
    .select({
      id: procurements.id,
      number: procurements.number,
      title: procurements.title,
      status: procurements.status,
      method: procurements.method,
      maxPriceFen: procurements.maxPriceFen,
      expectedDays: procurements.expectedDays,
      publishedAt: procurements.publishedAt,
      bidDeadline: procurements.bidDeadline,
      updatedAt: procurements.updatedAt,
      regionZh: regions.nameZh,
      regionEn: regions.nameEn,
      ownerZh: organizations.nameZh,
      ownerEn: organizations.nameEn,
    })
    .from(procurements)
    .innerJoin(regions, eq(regions.code, procurements.regionCode))
    .innerJoin(organizations, eq(organizations.id, procurements.ownerOrgId))
    .where(query.sort === 'deadline' ? and(filter, closingSoonest(filter, now, page * ANNOUNCEMENT_PAGE_SIZE)) : filter)
    .orderBy(...orderOf(query.sort ?? 'published', now))
    .limit(ANNOUNCEMENT_PAGE_SIZE)
    .offset((page - 1) * ANNOUNCEMENT_PAGE_SIZE)
  const count = db.execute(sql`select count(*)::int as n from (select 1 from ${procurements} where ${filter} limit ${ANNOUNCEMENT_COUNT_CAP + 1}) matched`)
  const [rows, counts] = await Promise.all([list, count])
  const counted = (counts as unknown as { rows: Array<{ n: number }> }).rows[0]
  const n = Number(counted?.n ?? 0)
  const total = Math.min(n, ANNOUNCEMENT_COUNT_CAP)
  const items = await itemsOf(db, rows.map((r) => r.id))
  return { rows: rows.map((r) => ({ ...r, items: items.get(r.id) ?? [] })), total, more: n > ANNOUNCEMENT_COUNT_CAP, page, pages: Math.max(1, Math.ceil(total / ANNOUNCEMENT_PAGE_SIZE)) }
}

/**
 * One procurement as the public sees it (never a draft), with its result once awarded: winner,
 * price, days and savings against the max price. Nothing about bids before that.
 */
export async function publicProcurement(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ p: procurements, ownerZh: organizations.nameZh, ownerEn: organizations.nameEn, regionZh: regions.nameZh, regionEn: regions.nameEn })
    .from(procurements)
    .innerJoin(organizations, eq(organizations.id, procurements.ownerOrgId))
    .innerJoin(regions, eq(regions.code, procurements.regionCode))
    .where(and(eq(procurements.id, id as ProcurementId), wasPublished))
  if (!row) return null
  return withDetails(db, row, 'public')
}

/** The owner's own procurement, drafts included. */
export async function ownerProcurement(db: Db, ownerOrgId: OrgId, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ p: procurements, ownerZh: organizations.nameZh, ownerEn: organizations.nameEn, regionZh: regions.nameZh, regionEn: regions.nameEn })
    .from(procurements)
    .innerJoin(organizations, eq(organizations.id, procurements.ownerOrgId))
    .innerJoin(regions, eq(regions.code, procurements.regionCode))
    .where(and(eq(procurements.id, id as ProcurementId), eq(procurements.ownerOrgId, ownerOrgId)))
  if (!row) return null
  return withDetails(db, row, 'owner')
}

async function withDetails<T extends { p: typeof procurements.$inferSelect }>(db: Db, full: T, viewer: 'public' | 'owner') {
  // The draw secret never leaves the selection service before the draw: no page query carries it.
  const { drawSecret: _secret, ...p } = full.p
  const row = { ...full, p }
  // A failed procurement announced again, and the one it repeats: the public sees them once published, the owner its draft too.
  const seen = viewer === 'public' ? wasPublished : undefined
  const [items, [award], [direct], [next], [previous], amendments] = await Promise.all([
    itemsOf(db, [row.p.id]),
    db
      .select({ award: awards, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn, agencyUscc: organizations.uscc })
      .from(awards)
      .innerJoin(organizations, eq(organizations.id, awards.agencyOrgId))
      .where(eq(awards.procurementId, row.p.id)),
    row.p.directAgencyId
      ? db.select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn, uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, row.p.directAgencyId))
      : Promise.resolve([]),
    db.select({ id: procurements.id, number: procurements.number, status: procurements.status }).from(procurements).where(and(eq(procurements.previousId, row.p.id), seen)).orderBy(desc(procurements.createdAt)).limit(1),
    row.p.previousId
      ? db.select({ id: procurements.id, number: procurements.number }).from(procurements).where(and(eq(procurements.id, row.p.previousId), seen))
      : Promise.resolve([]),
    row.p.termsVersion > 1 ? amendmentsOf(db, row.p.id) : Promise.resolve([]),
  ])
  const result = award
    ? {
        ...award,
        savingsFen: row.p.maxPriceFen - award.award.priceFen,
        // Basis points of the max price: 618 = 6.18%.
        savingsBp: Math.round(((row.p.maxPriceFen - award.award.priceFen) * 10_000) / row.p.maxPriceFen),
        // A consortium's members, public with the award as its lead is.
        members: (await awardedConsortium(db, award.award.bidId)).map((m) => ({ nameZh: m.nameZh, nameEn: m.nameEn, uscc: m.uscc })),
      }
    : null
  return { ...row, items: items.get(row.p.id) ?? [], award: result, directAgency: direct ?? null, reannounced: next ?? null, repeats: previous ?? null, amendments }
}

/**
 * 更正公告: each amendment of published terms, as its audit entry recorded it (the version, what
 * changed, why, and the deadline it moved to). Terms are public; nothing here is about bids.
 */
async function amendmentsOf(db: Db, id: string) {
  const rows = await db
    .select({ at: auditLog.at, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'procurement'), eq(auditLog.entityId, id), eq(auditLog.action, 'procurement.amend')))
    .orderBy(asc(auditLog.id))
  return rows.map(({ at, after }) => {
    const a = (after ?? {}) as { termsVersion?: number; changed?: string[]; reason?: string; bidDeadline?: string }
    return {
      at,
      version: a.termsVersion ?? 0,
      changed: AMENDABLE_TERMS.filter((k) => a.changed?.includes(k)),
      reason: a.reason ?? '',
      bidDeadline: a.bidDeadline ?? null,
    }
  })
}

/** The owner's procurements, newest first, all states. */
export async function procurementsOfOwner(db: Db, ownerOrgId: OrgId) {
  const rows = await db
    .select({ id: procurements.id, number: procurements.number, title: procurements.title, status: procurements.status, method: procurements.method, maxPriceFen: procurements.maxPriceFen, bidDeadline: procurements.bidDeadline, updatedAt: procurements.updatedAt })
    .from(procurements)
    .where(eq(procurements.ownerOrgId, ownerOrgId))
    .orderBy(desc(procurements.updatedAt))
  const items = await itemsOf(db, rows.map((r) => r.id))
  return rows.map((r) => ({ ...r, items: items.get(r.id) ?? [] }))
}

/** Procurements in each state, for the public overview and the office. */
export async function procurementCounts(db: Db) {
  const rows = await db.select({ status: procurements.status, n: count() }).from(procurements).where(wasPublished).groupBy(procurements.status)
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}


export const HOME_LIST_SIZE = 5

/**
 * What the home page lists: the newest announcements still open for bids (closing soonest last
 * published first), and the newest results with their winner, price and savings. Two queries,
 * whatever the number of procurements.
 */
export async function latestOnHome(db: Db, now: Date) {
  const [open, results] = await Promise.all([
    db
      .select({ id: procurements.id, number: procurements.number, title: procurements.title, method: procurements.method, maxPriceFen: procurements.maxPriceFen, bidDeadline: procurements.bidDeadline, publishedAt: procurements.publishedAt })
      .from(procurements)
      .where(and(eq(procurements.status, 'published'), sql`${procurements.bidDeadline} > ${now}`))
      .orderBy(desc(procurements.publishedAt), desc(procurements.id))
      .limit(HOME_LIST_SIZE),
    db
      .select({ id: procurements.id, number: procurements.number, title: procurements.title, method: awards.method, maxPriceFen: procurements.maxPriceFen, priceFen: awards.priceFen, decidedAt: awards.decidedAt, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn })
      .from(awards)
      .innerJoin(procurements, eq(procurements.id, awards.procurementId))
      .innerJoin(organizations, eq(organizations.id, awards.agencyOrgId))
      .orderBy(desc(awards.decidedAt), desc(awards.procurementId))
      .limit(HOME_LIST_SIZE),
  ])
  return { open, results }
}

/** The numbers and titles of some procurements (for pages that name what a record concerns), in one query. */
export async function procurementTitles(db: Db, ids: string[]) {
  const valid = [...new Set(ids.filter(isUuid))] as ProcurementId[]
  if (!valid.length) return new Map<string, { number: string | null; title: string; status: string }>()
  const rows = await db.select({ id: procurements.id, number: procurements.number, title: procurements.title, status: procurements.status }).from(procurements).where(inArray(procurements.id, valid))
  return new Map(rows.map((r) => [r.id as string, { number: r.number, title: r.title, status: r.status }]))
}

/**
 * Announcements published per month (Beijing time) and method, over the `months` months up to
 * `now`'s: each month listed, empty ones too, so a chart of them has no gaps. One query.
 */
export async function announcementsByMonth(db: Db, now: Date, months = 12) {
  const result = (await db.execute(sql`
    select to_char(${procurements.publishedAt} at time zone 'Asia/Shanghai', 'YYYY-MM') as month, ${procurements.method} as method, count(*)::int as n
    from ${procurements}
    where ${procurements.publishedAt} is not null
      and ${procurements.publishedAt} >= (date_trunc('month', ${now}::timestamptz at time zone 'Asia/Shanghai') - make_interval(months => ${months - 1})) at time zone 'Asia/Shanghai'
      and ${procurements.publishedAt} <= ${now}
    group by 1, 2`)) as unknown as { rows: Array<{ month: string; method: string; n: number }> }
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number]
  const list = Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (months - 1 - i), 1))
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  })
  return list.map((month) => ({ month, byMethod: Object.fromEntries(result.rows.filter((r) => r.month === month).map((r) => [r.method, Number(r.n)])) as Record<string, number> }))
}

/**
 * The public list as a table to export: every announcement the filters match (up to `limit`, in
 * the list's order), each with its items and, once awarded, its winner, price and saving. Three
 * queries.
 */
export async function exportAnnouncements(db: Db, query: AnnouncementQuery, now: Date, limit: number, only?: readonly ProcurementId[]) {
  const rows = await db
    .select({
      id: procurements.id, number: procurements.number, title: procurements.title, projectName: procurements.projectName, status: procurements.status, method: procurements.method,
      maxPriceFen: procurements.maxPriceFen, publishedAt: procurements.publishedAt, bidDeadline: procurements.bidDeadline,
      regionZh: regions.nameZh, regionEn: regions.nameEn, ownerZh: organizations.nameZh, ownerEn: organizations.nameEn,
    })
    .from(procurements)
    .innerJoin(regions, eq(regions.code, procurements.regionCode))
    .innerJoin(organizations, eq(organizations.id, procurements.ownerOrgId))
    .where(announcementWhere(query, only))
    .orderBy(...orderOf(query.sort ?? 'published', now))
    .limit(limit)
  const ids = rows.map((r) => r.id)
  const [items, won] = await Promise.all([
    itemsOf(db, ids),
    ids.length
      ? db.select({ procurementId: awards.procurementId, priceFen: awards.priceFen, decidedAt: awards.decidedAt, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn }).from(awards).innerJoin(organizations, eq(organizations.id, awards.agencyOrgId)).where(inArray(awards.procurementId, ids))
      : Promise.resolve([]),
  ])
  const byId = new Map(won.map((w) => [w.procurementId as string, w]))
  return rows.map((r) => ({ ...r, items: items.get(r.id) ?? [], award: byId.get(r.id) ?? null }))
}

/** The owner's procurements as a table to export: drafts too, each with its items and, once awarded, its winner and price. Three queries. */
export async function exportOwnerProcurements(db: Db, ownerOrgId: OrgId, limit: number) {
  const winner = alias(organizations, 'winner')
  const rows = await db
    .select({
      id: procurements.id, number: procurements.number, title: procurements.title, projectName: procurements.projectName, status: procurements.status, method: procurements.method,
      maxPriceFen: procurements.maxPriceFen, publishedAt: procurements.publishedAt, bidDeadline: procurements.bidDeadline, createdAt: procurements.createdAt,
      priceFen: awards.priceFen, decidedAt: awards.decidedAt, winnerZh: winner.nameZh, winnerEn: winner.nameEn,
    })
    .from(procurements)
    .leftJoin(awards, eq(awards.procurementId, procurements.id))
    .leftJoin(winner, eq(winner.id, awards.agencyOrgId))
    .where(eq(procurements.ownerOrgId, ownerOrgId))
    .orderBy(desc(procurements.createdAt), desc(procurements.id))
    .limit(limit)
  const items = await itemsOf(db, rows.map((r) => r.id))
  return rows.map((r) => ({ ...r, items: items.get(r.id) ?? [] }))
}
