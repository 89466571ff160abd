import { asc, eq, sql, type SQL } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { creditEvents, creditScores, organizations, procurements, type OrgId } from '../../db/schema'
import { shanghaiDate } from '../calendar'
import { submitted } from '../orgs'
import { isUuid } from '../shared/schemas'
import { CREDIT_GRADES, type CreditGrade } from './kinds'
import { currentCreditTable } from './rules'
import type { CreditTable } from './rules-input'
import { BASE_SCORE, computeScore } from './score'

/** A score as SQL: the stored one, or 100 for an organization that never had an event. */
export const scoreSql = (org: SQL) => sql`coalesce((select cs.score from ${creditScores} cs where cs.org_id = ${org}), ${BASE_SCORE})`

/** The grade of a score expression under the table's thresholds, in SQL. */
export const gradeSql = (score: SQL, grades: CreditTable['grades']) =>
  sql`(case when ${score} >= ${grades.A} then 'A' when ${score} >= ${grades.B} then 'B' when ${score} >= ${grades.C} then 'C' else 'D' end)`

/**
 * An organization's credit, explained: its score, grade and every event it ever had, each line
 * with what the table gives it and what it counts now (capped, voided, or out of the window).
 */
export async function creditExplained(db: Db, orgId: string, now: Date) {
  if (!isUuid(orgId)) return null
  const [org] = await db.select({ id: organizations.id, kind: organizations.kind, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.id, orgId as OrgId))
  if (!org || (org.kind !== 'agency' && org.kind !== 'owner')) return null
  const [published, events] = await Promise.all([
    currentCreditTable(db),
    db
      .select({ id: creditEvents.id, kind: creditEvents.kind, occurredAt: creditEvents.occurredAt, voidedAt: creditEvents.voidedAt, voidReason: creditEvents.voidReason, detail: creditEvents.detail, procurementId: creditEvents.procurementId, number: procurements.number, title: procurements.title })
      .from(creditEvents)
      .leftJoin(procurements, eq(procurements.id, creditEvents.procurementId))
      .where(eq(creditEvents.orgId, org.id))
      .orderBy(asc(creditEvents.occurredAt), asc(creditEvents.id)),
  ])
  const today = shanghaiDate(now)
  const result = computeScore(events.map((e) => ({ id: e.id, kind: e.kind, day: shanghaiDate(e.occurredAt), voided: e.voidedAt !== null })), published.table, today)
  const byId = new Map(events.map((e) => [e.id, e]))
  return {
    org,
    version: published.version,
    table: published.table,
    score: result.score,
    grade: result.grade,
    changesOn: result.changesOn,
    // Newest first, as people read a record.
    lines: result.lines.reverse().map((l) => {
      const e = byId.get(l.id)!
      return { ...l, occurredAt: e.occurredAt, procurementId: e.procurementId, number: e.number, title: e.title, voidReason: e.voidReason }
    }),
  }
}

/** The public ranking's filters, from a shareable query string; anything malformed is ignored. */
export const rankingQuerySchema = z.object({
  kind: z.enum(['agency', 'owner']).catch('agency'),
  category: z.string().regex(/^C\d{2}$/).optional().catch(undefined),
  city: z.string().regex(/^\d{4}00$/).optional().catch(undefined),
  grade: z.enum(CREDIT_GRADES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})
export type RankingQuery = z.infer<typeof rankingQuerySchema>
export const RANKING_PAGE_SIZE = 20

/**
 * 信用排名: the admitted agencies (or the owners) of a category and a city, by score; equal scores
 * share a position (1, 2, 2, 4). The grade filter picks rows from the ranking, so positions stay
 * those of the whole ranking. With the grade distribution of the same organizations, for its chart.
 */
export async function creditRanking(db: Db, query: RankingQuery, opts: { limit?: number; /** the Shanghai day whose measures in force are shown beside each row */ today?: string } = {}) {
  const { version, table } = await currentCreditTable(db)
  const where: SQL[] = [sql`o.kind = ${query.kind}`]
  if (query.kind === 'agency') where.push(submitted(sql`o.id`))
  if (query.city) where.push(sql`o.region_code like ${`${query.city.slice(0, 4)}%`}`)
  if (query.kind === 'agency' && query.category)
    where.push(sql`exists (select 1 from agency_offerings ao join service_items si on si.id = ao.item_id join service_categories sc on sc.id = si.category_id where ao.org_id = o.id and sc.code = ${query.category})`)
  const limit = opts.limit ?? RANKING_PAGE_SIZE
  const page = query.page ?? 1
  const ranked = sql`
    ranked as (
      select o.id, o.name_zh, o.name_en, o.region_code, s.score, ${gradeSql(sql`s.score`, table.grades)} as grade,
        rank() over (order by s.score desc)::int as position
      from organizations o
      cross join lateral (select coalesce((select cs.score from credit_scores cs where cs.org_id = o.id), ${BASE_SCORE})::int as score) s
      where ${sql.join(where, sql` and `)}
    )`
  const [rows, dist] = await Promise.all([
    db.execute(sql`with ${ranked}
      select r.id, r.name_zh as "nameZh", r.name_en as "nameEn", r.score, r.grade, r.position,
        reg.name_zh as "regionZh", reg.name_en as "regionEn", p.name_zh as "cityZh", p.name_en as "cityEn",
        ${opts.today ? sql`(select m.kind from sanctions m where m.org_id = r.id and m.decided_at is not null and m.lifted_at is null and m.starts_on <= ${opts.today} and (m.ends_on is null or m.ends_on >= ${opts.today})
          order by m.kind = 'blacklist' desc, m.kind = 'suspension' desc limit 1)` : sql`null`} as measure,
        count(*) over ()::int as total
      from ranked r join regions reg on reg.code = r.region_code left join regions p on p.code = reg.parent_code
      ${query.grade ? sql`where r.grade = ${query.grade}` : sql``}
      order by r.position, r.name_zh, r.id
      limit ${limit} offset ${(page - 1) * limit}`),
    db.execute(sql`with ${ranked} select grade, count(*)::int as n from ranked group by grade`),
  ])
  type Row = { id: OrgId; nameZh: string; nameEn: string; score: number; grade: CreditGrade; position: number; measure: 'blacklist' | 'suspension' | 'yellow_card' | null; regionZh: string; regionEn: string; cityZh: string | null; cityEn: string | null; total: number }
  const list = (rows as unknown as { rows: Row[] }).rows
  const counts = new Map((dist as unknown as { rows: Array<{ grade: CreditGrade; n: number }> }).rows.map((r) => [r.grade, Number(r.n)]))
  const total = Number(list[0]?.total ?? 0)
  return {
    version,
    grades: table.grades,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / limit)),
    rows: list.map(({ total: _t, ...r }) => ({ ...r, score: Number(r.score), position: Number(r.position) })),
    distribution: CREDIT_GRADES.map((g) => ({ grade: g, n: counts.get(g) ?? 0 })),
  }
}
