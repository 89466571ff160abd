import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, redFlags, regions, serviceCategories, redFlagThresholds, type RedFlagStatus, type SelectionMethod, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { sharedBidOrigins } from '../bids'
import { loadCalendar, shanghaiDate, workingDaysBetween } from '../calendar'
import { loadRules, minAnnouncementDays } from '../market/rules'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { RED_FLAG_RULES, RULE_META, type RedFlagRule } from './red-flag-rules'

/**
 * 风险预警: ten rules that point a supervisor at what may deserve a look. Each is published with its
 * legal basis, the methods and states it applies to, its threshold (which the office may set per
 * method, within bounds) and the day from which it counts. They are evaluated by a job every ten
 * minutes on the procurements that changed, and in full every night (services/supervision/jobs.ts).
 * A flag is a reason to review, never a verdict.
 */
export { RED_FLAG_RULES, RULE_META, type RedFlagRule, type RuleMeta } from './red-flag-rules'

/** A rule's thresholds as in force: the office's where set, the default elsewhere (the market rules' minimum for short announcements). */
export async function thresholdsOf(db: Db): Promise<Record<RedFlagRule, Record<string, number>>> {
  const set = await db.select().from(redFlagThresholds)
  const market = await loadRules(db)
  const out = {} as Record<RedFlagRule, Record<string, number>>
  for (const rule of RED_FLAG_RULES) {
    const t = RULE_META[rule].threshold
    const keys = t?.perMethod ? RULE_META[rule].methods : ['*']
    out[rule] = Object.fromEntries(
      keys.map((m) => [m, set.find((s) => s.rule === rule && s.method === m)?.value ?? (rule === 'short_announcement' ? minAnnouncementDays(market, m as SelectionMethod) : (t?.byDefault ?? 0))]),
    )
  }
  return out
}

/** The office sets a rule's threshold for a method ('*' for a rule with one), within the rule's bounds. */
export async function setRedFlagThreshold(db: Db, clock: Clock, actor: Actor & { userId: UserId }, input: { rule: string; method: string; value: string | number }) {
  const rule = RED_FLAG_RULES.find((r) => r === input.rule)
  const t = rule ? RULE_META[rule].threshold : null
  if (!rule || !t) throw new DomainError('errors.notFound')
  if (t.perMethod ? !RULE_META[rule].methods.includes(input.method as SelectionMethod) : input.method !== '*') throw new DomainError('errors.choose', 'method')
  const value = typeof input.value === 'number' ? input.value : /^\s*\d{1,4}\s*$/.test(input.value) ? Number(input.value) : NaN
  if (!Number.isInteger(value) || value < t.min || value > t.max) throw new DomainError('flag.error.threshold', 'value', { min: t.min, max: t.max })
  const now = clock.now()
  await db.transaction(async (tx) => {
    await tx
      .insert(redFlagThresholds)
      .values({ rule, method: input.method, value, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: [redFlagThresholds.rule, redFlagThresholds.method], set: { value, updatedBy: actor.userId, updatedAt: now } })
    await appendAudit(tx, { actor, action: 'redflag.threshold', entityType: 'market_rules', entityId: rule, after: { rule, method: input.method, value }, at: now })
  })
}

type Finding = { rule: RedFlagRule; subjectKey: string; procurementIds: string[]; orgId?: string | null; evidence: Record<string, unknown> }
type Row = Record<string, unknown>
const rowsOf = async (db: Db, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows
const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `)
/** The rule's procurements: its methods and states, published from its start date, changed since `since` when given. */
const scope = (rule: RedFlagRule, since?: Date) => {
  const m = RULE_META[rule]
  return sql`p.method::text in (${list(m.methods)}) and p.status::text in (${list(m.states)}) and p.published_at >= ${`${m.startsOn}T00:00:00+08:00`}::timestamptz ${since ? sql`and p.updated_at >= ${since}` : sql``}`
}
const byMethod = (t: Record<string, number>) => sql`(${JSON.stringify(t)}::jsonb ->> p.method::text)::int`

/** What every rule finds now (the set rules only on a full run). */
export async function findRedFlags(db: Db, now: Date, since?: Date): Promise<Finding[]> {
  const t = await thresholdsOf(db)
  const out: Finding[] = []
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000)
  for (const r of await rowsOf(db, sql`select p.id, count(*)::int as n from procurements p join selection_candidates c on c.procurement_id = p.id where ${scope('single_bid', since)} group by p.id, p.method having count(*) <= ${byMethod(t.single_bid)}`))
    out.push({ rule: 'single_bid', subjectKey: String(r.id), procurementIds: [String(r.id)], evidence: { bids: r.n } })
  for (const r of await rowsOf(db, sql`select p.id, p.max_price_fen as max, a.price_fen as price, a.agency_org_id as org from procurements p join awards a on a.procurement_id = p.id where ${scope('deep_discount', since)} and a.price_fen * 100 <= p.max_price_fen * (100 - ${byMethod(t.deep_discount)})`))
    out.push({ rule: 'deep_discount', subjectKey: String(r.id), procurementIds: [String(r.id)], orgId: String(r.org), evidence: { priceFen: Number(r.price), maxPriceFen: Number(r.max), belowPercent: Math.round(((Number(r.max) - Number(r.price)) * 1000) / Number(r.max)) / 10 } })
  for (const r of await rowsOf(db, sql`select p.id, c1.price_fen as first, c2.price_fen as second, c1.agency_org_id as org from procurements p join selection_candidates c1 on c1.procurement_id = p.id and c1.rank = 1 join selection_candidates c2 on c2.procurement_id = p.id and c2.rank = 2 where ${scope('winner_gap', since)} and (c2.price_fen - c1.price_fen) * 100 >= ${byMethod(t.winner_gap)} * c2.price_fen`))
    out.push({ rule: 'winner_gap', subjectKey: String(r.id), procurementIds: [String(r.id)], orgId: String(r.org), evidence: { firstFen: Number(r.first), secondFen: Number(r.second), gapPercent: Math.round(((Number(r.second) - Number(r.first)) * 1000) / Number(r.second)) / 10 } })
  for (const r of await rowsOf(db, sql`select p.id, c.price_fen as price, count(*)::int as n, array_agg(c.agency_org_id::text order by c.rank) as orgs from procurements p join selection_candidates c on c.procurement_id = p.id where ${scope('identical_prices', since)} group by p.id, p.method, c.price_fen having count(*) >= ${byMethod(t.identical_prices)}`))
    out.push({ rule: 'identical_prices', subjectKey: `${r.id}:${r.price}`, procurementIds: [String(r.id)], evidence: { priceFen: Number(r.price), bids: r.n, agencies: r.orgs } })
  for (const r of await rowsOf(db, sql`select d.id, p.id as pid, p.owner_org_id as org, d.decide_by as due, d.decided_at as decided from deliveries d join procurements p on p.id = d.procurement_id where ${scope('late_owner', since)} and coalesce(d.decided_at, ${now}::timestamptz) > d.decide_by + make_interval(days => ${t.late_owner['*']!})`))
    out.push({ rule: 'late_owner', subjectKey: String(r.id), procurementIds: [String(r.pid)], orgId: String(r.org), evidence: { decideBy: new Date(String(r.due)).toISOString(), decidedAt: r.decided ? new Date(String(r.decided)).toISOString() : null, daysLate: Math.floor(((r.decided ? new Date(String(r.decided)).getTime() : now.getTime()) - new Date(String(r.due)).getTime()) / 86_400_000) } })
  for (const r of await rowsOf(db, sql`select p.id, p.terms_version - 1 as n from procurements p where ${scope('many_amendments', since)} and p.terms_version - 1 >= ${byMethod(t.many_amendments)}`))
    out.push({ rule: 'many_amendments', subjectKey: String(r.id), procurementIds: [String(r.id)], evidence: { amendments: Number(r.n) } })
  // Working days on the Chinese calendar: counted here, not in SQL.
  const calendar = await loadCalendar(db)
  for (const r of await rowsOf(db, sql`select p.id, p.method, p.published_at as published, p.bid_deadline as deadline from procurements p where ${scope('short_announcement', since)} and p.bid_deadline is not null`)) {
    const days = workingDaysBetween(calendar, shanghaiDate(new Date(String(r.published))), shanghaiDate(new Date(String(r.deadline))))
    if (days <= t.short_announcement[String(r.method)]!) out.push({ rule: 'short_announcement', subjectKey: String(r.id), procurementIds: [String(r.id)], evidence: { workingDays: days, threshold: t.short_announcement[String(r.method)] } })
  }
  for (const r of await sharedBidOrigins(db, since))
    out.push({ rule: 'shared_origin', subjectKey: `${r.procurementId}:${r.kind}:${r.value}`, procurementIds: [r.procurementId], evidence: { kind: r.kind, value: r.value, agencies: r.agencies } })
  if (since) return out
  // The set rules, across procurements: a region × category's awards of 12 months, the same bidders again and again.
  for (const r of await concentration(db, now, t.concentration['*']!)) if (r.flagged) out.push({ rule: 'concentration', subjectKey: `${r.region}:${r.category}:${r.org}`, procurementIds: r.procurementIds, orgId: r.org, evidence: { region: r.region, category: r.category, wins: r.wins, awards: r.awards, sharePercent: r.sharePercent, hhi: r.hhi } })
  for (const r of await rowsOf(db, sql`
    with sets as (
      select p.id, array_agg(c.agency_org_id::text order by c.agency_org_id::text) as orgs from procurements p join selection_candidates c on c.procurement_id = p.id
      where ${scope('same_bidders')} and p.opened_at >= ${yearAgo} group by p.id having count(*) >= 2)
    select orgs, array_agg(id::text order by id::text) as ids, count(*)::int as n from sets group by orgs having count(*) >= ${t.same_bidders['*']!}`))
    out.push({ rule: 'same_bidders', subjectKey: (r.orgs as string[]).join(','), procurementIds: r.ids as string[], evidence: { agencies: r.orgs, times: r.n } })
  return out
}

/** Each region × category's awards of the last 12 months: its HHI (by number of awards), and each agency's share, flagged above the threshold (3 awards at least). */
export async function concentration(db: Db, now: Date, thresholdPercent: number) {
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000)
  const rows = await rowsOf(db, sql`
    with w as (select p.id, p.region_code as region, p.catalog_codes[1] as category, a.agency_org_id::text as org from awards a join procurements p on p.id = a.procurement_id
               where ${scope('concentration')} and a.decided_at >= ${yearAgo} and a.decided_at <= ${now} and p.catalog_codes[1] is not null),
         cell as (select region, category, count(*)::int as n from w group by region, category having count(*) >= 3),
         share as (select region, category, org, count(*)::int as k, array_agg(id::text) as ids from w group by region, category, org)
    select s.region, s.category, s.org, s.k, c.n, s.ids, (select round(sum(power(s2.k::numeric * 100 / c.n, 2))) from share s2 where s2.region = s.region and s2.category = s.category)::int as hhi
    from share s join cell c using (region, category) order by hhi desc, s.k desc`)
  return rows.map((r) => ({ region: String(r.region), category: String(r.category), org: String(r.org), wins: Number(r.k), awards: Number(r.n), hhi: Number(r.hhi), procurementIds: r.ids as string[], sharePercent: Math.round((Number(r.k) * 1000) / Number(r.n)) / 10, flagged: Number(r.k) * 100 > thresholdPercent * Number(r.n) }))
}

/** Runs the rules and records what they find: a new finding raises a flag; one found again has its evidence refreshed, its state kept. */
export async function evaluateRedFlags(db: Db, clock: Clock, since?: Date) {
  const now = clock.now()
  const found = await findRedFlags(db, now, since)
  let raised = 0
  for (const f of found) {
    const [row] = await db
      .insert(redFlags)
      .values({ rule: f.rule, subjectKey: f.subjectKey, procurementIds: f.procurementIds, orgId: (f.orgId ?? null) as never, evidence: f.evidence, raisedAt: now, refreshedAt: now })
      .onConflictDoUpdate({ target: [redFlags.rule, redFlags.subjectKey], set: { evidence: f.evidence, procurementIds: f.procurementIds, refreshedAt: now } })
      // xmax is 0 on a row this statement inserted, not on one it updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` })
    if (row?.inserted) raised++
  }
  return { found: found.length, raised }
}

/** The office dismisses a flag, saying why; the reason stays with it. */
export async function dismissRedFlag(db: Db, clock: Clock, actor: Actor & { userId: UserId }, id: string, why: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const reason = why.trim()
  if (reason.length < 4) throw new DomainError('errors.reasonShort', 'reason')
  if (reason.length > 1000) throw new DomainError('errors.tooLong', 'reason')
  return db.transaction(async (tx) => {
    const [f] = await tx.select().from(redFlags).where(eq(redFlags.id, id)).for('update')
    if (!f) throw new DomainError('errors.notFound')
    if (f.status !== 'open') throw new DomainError('errors.illegalStep', undefined, { action: 'redflag.dismiss', from: f.status })
    const now = clock.now()
    await tx.update(redFlags).set({ status: 'dismissed', dismissedBy: actor.userId, dismissedAt: now, dismissReason: reason }).where(eq(redFlags.id, id))
    await appendAudit(tx, { actor, action: 'redflag.dismiss', entityType: 'market_rules', entityId: f.rule, after: { flagId: id, subjectKey: f.subjectKey, reason }, at: now })
  })
}

/** A monitoring opened on a flag takes it off the open list (called in the monitoring's transaction). */
export async function flagUnderMonitoring(tx: Db, flagId: string, monitoringId: string) {
  if (!isUuid(flagId)) return
  await tx.update(redFlags).set({ status: 'monitoring', monitoringId }).where(and(eq(redFlags.id, flagId), eq(redFlags.status, 'open')))
}

/** The flags to look at (open by default, of one rule when named), newest first. */
export async function listRedFlags(db: Db, status: RedFlagStatus = 'open', limit = 200, rule?: string) {
  return db
    .select()
    .from(redFlags)
    .where(and(eq(redFlags.status, status), rule ? eq(redFlags.rule, rule) : undefined))
    .orderBy(desc(redFlags.raisedAt))
    .limit(limit)
}

/** How many flags of each rule wait for review. */
export async function openFlagCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.select({ rule: redFlags.rule, n: sql<number>`count(*)::int` }).from(redFlags).where(eq(redFlags.status, 'open')).groupBy(redFlags.rule)
  return Object.fromEntries(rows.map((r) => [r.rule, Number(r.n)]))
}

/**
 * Each rule's reach: the procurements it flagged (any state of the flag) against those in its
 * scope, so a rule that fires on everything shows.
 */
export async function ruleShares(db: Db) {
  const flagged = await rowsOf(db, sql`select rule, count(distinct pid)::int as n from red_flags cross join lateral unnest(procurement_ids) as pid group by rule`)
  const out: Record<string, { flagged: number; inScope: number; percent: number }> = {}
  for (const rule of RED_FLAG_RULES) {
    const [row] = await rowsOf(db, sql`select count(*)::int as n from procurements p where ${scope(rule)}`)
    const inScope = Number(row?.n ?? 0)
    const n = Number(flagged.find((f) => f.rule === rule)?.n ?? 0)
    out[rule] = { flagged: n, inScope, percent: inScope ? Math.round((n * 1000) / inScope) / 10 : 0 }
  }
  return out
}


/** The names the red-flag page shows for the ids its evidence holds: agencies, regions, categories. */
export async function namesFor(db: Db, ids: { orgIds: string[]; regions: string[]; categories: string[] }) {
  const out: Record<string, { zh: string; en: string }> = {}
  const orgs = ids.orgIds.filter(isUuid)
  if (orgs.length) for (const o of await db.select({ id: organizations.id, zh: organizations.nameZh, en: organizations.nameEn }).from(organizations).where(inArray(organizations.id, orgs as never[]))) out[o.id] = { zh: o.zh, en: o.en }
  const regionCodes = ids.regions.filter(Boolean)
  if (regionCodes.length) for (const r of await db.select({ code: regions.code, zh: regions.nameZh, en: regions.nameEn }).from(regions).where(inArray(regions.code, regionCodes))) out[r.code] = { zh: r.zh, en: r.en }
  const cats = ids.categories.filter(Boolean)
  if (cats.length) for (const c of await db.select({ code: serviceCategories.code, zh: serviceCategories.nameZh, en: serviceCategories.nameEn }).from(serviceCategories).where(inArray(serviceCategories.code, cats))) out[c.code] = { zh: c.zh, en: c.en }
  return out
}
