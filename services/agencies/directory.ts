import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { agencyOfferings, organizations, priceItems, priceLists, qualifications, qualificationSpecialties, regions, serviceItems, type OrgId } from '../../db/schema'
import { parseYuan } from '../shared/money'
import { isUuid } from '../shared/schemas'
import { submitted } from '../orgs'
import { publicPractitioners } from './practitioners'
import { currentCreditTable, CREDIT_GRADES, gradeSql, listedOn, scoreSql, type CreditGrade, type CreditTable } from '../credit'

export const DIRECTORY_PAGE_SIZE = 20

/** The public directory's filters, from a shareable query string; anything malformed is ignored. */
export const directoryQuerySchema = z.object({
  category: z.string().regex(/^C\d{2}$/).optional().catch(undefined),
  item: z.string().regex(/^C\d{2}-\d{2}$/).optional().catch(undefined),
  city: z.string().regex(/^\d{4}00$/).optional().catch(undefined),
  level: z.coerce.number().int().min(1).max(3).optional().catch(undefined),
  maxFee: z.string().optional().transform((v) => (v ? (parseYuan(v) ?? undefined) : undefined)).catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
  grade: z.enum(CREDIT_GRADES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>

const validOn = (today: string, org: SQL = sql`o.id`) =>
  sql`select 1 from qualifications q where q.org_id = ${org} and q.status = 'approved' and q.valid_from <= ${today} and q.valid_to >= ${today}`

/** The current (latest published) price list of the agency in scope as `o`. */
const currentList = sql`select pl.id from price_lists pl where pl.org_id = o.id and pl.published_at is not null order by pl.version desc limit 1`

/** Which agencies the directory lists, and with a query which of them match; the home page counts the same ones. */
function directoryWhere(query: DirectoryQuery, today: string, grades?: CreditTable['grades']): SQL[] {
  const where: SQL[] = [
    sql`o.kind = 'agency'`,
    submitted(sql`o.id`),
    sql`exists (${validOn(today)}${query.level ? sql` and q.level <= ${query.level}` : sql``})`,
    sql`not ${listedOn(sql`o.id`, today)}`,
    // An agency that offers nothing cannot be chosen for anything: it is not listed until it does.
    sql`exists (select 1 from agency_offerings ao where ao.org_id = o.id)`,
  ]
  if (query.city) where.push(sql`o.region_code like ${`${query.city.slice(0, 4)}%`}`)
  if (query.grade && grades) where.push(sql`${gradeSql(scoreSql(sql`o.id`), grades)} = ${query.grade}`)
  if (query.q) where.push(sql`(o.name_zh ilike ${`%${query.q}%`} or o.name_en ilike ${`%${query.q}%`})`)
  if (query.category || query.item || query.maxFee !== undefined) {
    // Offers a matching item, is qualified for it today, and (with a budget) lists a fee within it.
    where.push(sql`exists (
      select 1 from agency_offerings ao
      join service_items si on si.id = ao.item_id
      join service_categories sc on sc.id = si.category_id
      where ao.org_id = o.id
        ${query.category ? sql`and sc.code = ${query.category}` : sql``}
        ${query.item ? sql`and si.code = ${query.item}` : sql``}
        and exists (select 1 from service_item_specialties sis join qualifications q2 on q2.specialty_code = sis.specialty_code
                    where sis.item_id = si.id and q2.org_id = o.id and q2.status = 'approved' and q2.valid_from <= ${today} and q2.valid_to >= ${today})
        ${query.maxFee !== undefined ? sql`and exists (select 1 from price_items pi where pi.price_list_id = (${currentList}) and pi.item_id = si.id and pi.fee_fen <= ${query.maxFee})` : sql``}
    )`)
  }
  return where
}

/** How many agencies the directory lists today, unfiltered: the figure the home page shows. */
export async function countDirectoryAgencies(db: Db, today: string): Promise<number> {
  const result = (await db.execute(sql`select count(*)::int as n from organizations o where ${sql.join(directoryWhere({ maxFee: undefined }, today), sql` and `)}`)) as unknown as { rows: Array<{ n: number }> }
  return Number(result.rows[0]!.n)
}

/**
 * Active agencies (a verified qualification valid today, offering a service, not on the blacklist that day), each with
 * what matters to an owner: region, best level, and for a chosen item its committed days and
 * lowest listed fee. A listed agency is on the public blacklist instead, until its term ends.
 */
export async function searchAgencies(db: Db, query: DirectoryQuery, today: string) {
  const { table } = await currentCreditTable(db)
  const where = directoryWhere(query, today, table.grades)
  const filter = sql.join(where, sql` and `)
  const page = query.page ?? 1
  const itemCode = query.item ?? null
  const rows = (await db.execute(sql`
    select o.id, o.name_zh as "nameZh", o.name_en as "nameEn", o.region_code as "regionCode",
      r.name_zh as "regionZh", r.name_en as "regionEn", p.name_zh as "cityZh", p.name_en as "cityEn",
      (select min(q.level) from qualifications q where q.org_id = o.id and q.status = 'approved' and q.valid_from <= ${today} and q.valid_to >= ${today}) as "bestLevel",
      (select count(*) from agency_offerings ao where ao.org_id = o.id)::int as "offerings",
      ${scoreSql(sql`o.id`)}::int as "score", ${gradeSql(scoreSql(sql`o.id`), table.grades)} as "grade",
      (select ao.committed_days from agency_offerings ao join service_items si on si.id = ao.item_id where ao.org_id = o.id and si.code = ${itemCode}) as "committedDays",
      (select min(pi.fee_fen) from price_items pi join service_items si on si.id = pi.item_id where pi.price_list_id = (${currentList}) and si.code = ${itemCode}) as "fee",
      count(*) over () as "total"
    from organizations o
    join regions r on r.code = o.region_code
    left join regions p on p.code = r.parent_code
    where ${filter}
    order by o.name_zh
    limit ${DIRECTORY_PAGE_SIZE} offset ${(page - 1) * DIRECTORY_PAGE_SIZE}`)) as unknown as {
    rows: Array<{ id: string; nameZh: string; nameEn: string; regionCode: string; regionZh: string; regionEn: string; cityZh: string | null; cityEn: string | null; bestLevel: number; offerings: number; score: number; grade: CreditGrade; committedDays: number | null; fee: string | number | null; total: string | number }>
  }
  const total = Number(rows.rows[0]?.total ?? 0)
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
    agencies: rows.rows.map(({ total: _t, fee, ...r }) => ({ ...r, fee: fee === null ? null : Number(fee), bestLevel: Number(r.bestLevel) })),
  }
}

/** An agency's public page: what it holds, offers and charges. Never its scans or practitioners' identity numbers. */
export async function publicAgency(db: Db, id: string, today: string) {
  if (!isUuid(id)) return null
  const parent = (column: 'name_zh' | 'name_en') => sql`(select p.${sql.raw(column)} from regions p where p.code = ${regions.parentCode})`
  const [org] = await db
    .select({
      id: organizations.id,
      nameZh: organizations.nameZh,
      nameEn: organizations.nameEn,
      uscc: organizations.uscc,
      address: organizations.address,
      legalRepresentative: organizations.legalRepresentative,
      contactPhone: organizations.contactPhone,
      regionZh: regions.nameZh,
      regionEn: regions.nameEn,
      cityZh: sql<string | null>`${parent('name_zh')}`,
      cityEn: sql<string | null>`${parent('name_en')}`,
    })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .where(and(eq(organizations.id, id as OrgId), eq(organizations.kind, 'agency'), submitted(organizations.id)))
  if (!org) return null
  const [held, offered, lists, people] = await Promise.all([
    db
      .select({ id: qualifications.id, level: qualifications.level, certificateNo: qualifications.certificateNo, issuer: qualifications.issuer, validFrom: qualifications.validFrom, validTo: qualifications.validTo, status: qualifications.status, specialtyZh: qualificationSpecialties.nameZh, specialtyEn: qualificationSpecialties.nameEn })
      .from(qualifications)
      .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, qualifications.specialtyCode))
      .where(and(eq(qualifications.orgId, org.id), inArray(qualifications.status, ['approved', 'expired'])))
      .orderBy(asc(qualifications.level)),
    db
      .select({ itemId: agencyOfferings.itemId, committedDays: agencyOfferings.committedDays, code: serviceItems.code, nameZh: serviceItems.nameZh, nameEn: serviceItems.nameEn, standardDays: serviceItems.standardDays })
      .from(agencyOfferings)
      .innerJoin(serviceItems, eq(serviceItems.id, agencyOfferings.itemId))
      .where(eq(agencyOfferings.orgId, org.id))
      .orderBy(asc(serviceItems.code)),
    db.select().from(priceLists).where(and(eq(priceLists.orgId, org.id), isNotNull(priceLists.publishedAt))).orderBy(desc(priceLists.version)).limit(1),
    publicPractitioners(db, org.id),
  ])
  const current = lists[0]
  const prices = current ? await db.select().from(priceItems).where(eq(priceItems.priceListId, current.id)).orderBy(asc(priceItems.sortOrder)) : []
  return {
    org,
    qualifications: held.map((q) => ({ ...q, current: q.status === 'approved' && q.validFrom <= today && today <= q.validTo })),
    offered,
    practitioners: people,
    priceList: current ? { version: current.version, publishedAt: current.publishedAt!, items: prices } : null,
  }
}
