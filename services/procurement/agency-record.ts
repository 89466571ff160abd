import { desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { awards, contracts, evaluations, procurements, type OrgId } from '../../db/schema'

export const RECORD_AWARDS_SHOWN = 10

/**
 * An agency's public record (履约记录), from what the marketplace holds: the awards it won, whether
 * its services were delivered by their due dates, and the owners' evaluations. Two queries,
 * whatever the agency's history (its credit events: services/credit/reads.ts).
 */
export async function agencyRecord(db: Db, orgId: OrgId, today: string) {
  const [won, figures] = await Promise.all([
    db
      .select({ id: procurements.id, number: procurements.number, title: procurements.title, priceFen: awards.priceFen, decidedAt: awards.decidedAt, method: awards.method })
      .from(awards)
      .innerJoin(procurements, eq(procurements.id, awards.procurementId))
      .where(eq(awards.agencyOrgId, orgId))
      .orderBy(desc(awards.decidedAt))
      .limit(RECORD_AWARDS_SHOWN),
    // The figures in one row. A service counts once its due date has passed or it was delivered;
    // it was on time when its first delivery not returned for rework came (Beijing date) no later
    // than the due date.
    db.execute(sql`
      select
        (select count(*) from ${awards} where agency_org_id = ${orgId})::int as "awardCount",
        (select coalesce(sum(price_fen), 0) from ${awards} where agency_org_id = ${orgId})::bigint as "awardSumFen",
        s.counted, s."onTime", e.n as "evaluated", e.quality, e.timeliness, e.conduct, e.fees, e.compliance
      from (
        select count(*)::int as counted,
          count(*) filter (where d.first is not null and (d.first at time zone 'Asia/Shanghai')::date <= c.due_date)::int as "onTime"
        from ${contracts} c
        join ${awards} a on a.procurement_id = c.procurement_id
        left join lateral (select min(delivered_at) as first from deliveries where procurement_id = c.procurement_id and decision is distinct from 'returned') d on true
        where a.agency_org_id = ${orgId} and c.confirmed_at is not null and (d.first is not null or c.due_date < ${today})
      ) s,
      (select count(*)::int as n, avg(quality)::float8 as quality, avg(timeliness)::float8 as timeliness, avg(conduct)::float8 as conduct, avg(fees)::float8 as fees, avg(compliance)::float8 as compliance from ${evaluations} where agency_org_id = ${orgId}) e`),
  ])
  const f = (figures as unknown as { rows: Array<{ awardCount: number; awardSumFen: string | number; counted: number; onTime: number; evaluated: number; quality: number | null; timeliness: number | null; conduct: number | null; fees: number | null; compliance: number | null }> }).rows[0]!
  const avg = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10)
  return {
    awards: won,
    awardCount: Number(f.awardCount),
    awardSumFen: Number(f.awardSumFen),
    delivered: { counted: Number(f.counted), onTime: Number(f.onTime) },
    evaluations: { n: Number(f.evaluated), quality: avg(f.quality), timeliness: avg(f.timeliness), conduct: avg(f.conduct), fees: avg(f.fees), compliance: avg(f.compliance) },
  }
}
