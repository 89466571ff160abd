import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { auditLog, draws, organizations, procurements, qualifications, qualificationSpecialties, serviceItems, users } from '../../db/schema'

/**
 * The audit log as people read it: who (the user's name and organization), did what, to what (the
 * object's title, linked where it has a page), from where (the address), when. Filtered by actor,
 * object, action and time, a page at a time by id; the export reads the same rows.
 */
/** Empty fields (a filter form sent as it is) are absent; anything else malformed is refused (400). */
export const auditQuerySchema = z.object({
  /** part of the actor's name or email */
  actor: z.string().trim().max(80).optional(),
  /** the kind of object, and optionally its id */
  type: z.string().regex(/^[a-z_]{2,40}$/).optional(),
  object: z.string().trim().max(64).optional(),
  action: z.string().regex(/^[a-zA-Z_.]{2,60}$/).optional(),
  /** Beijing calendar days, inclusive */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export interface AuditRow {
  id: number
  at: Date
  action: string
  entityType: string
  entityId: string | null
  ip: string | null
  hash: string
  actor: { name: string; email: string; orgZh: string | null; orgEn: string | null } | null
  /** what the entry concerns, named; `link` when it has a page the office may open */
  object: { zh: string; en: string; link: string | null } | null
  /** an agency user's sign-in or sign-out: who and from where are not shown (see `agencySession`) */
  masked: boolean
}

/**
 * Sealed means sealed, in the log too: a bid's own entries are anonymous seals, but an agency's
 * sign-ins, with their times and addresses, would let a reader guess who sealed what just after.
 * So authentication entries by an agency's users never name them (nor their address), and the
 * actor filter does not find them.
 */
const agencySession = sql`(${auditLog.action} like 'auth.%' and ${organizations.kind} = 'agency')`

function whereOf(query: AuditQuery) {
  const where: SQL[] = []
  if (query.actor) where.push(and(or(ilike(users.displayName, `%${escapeLike(query.actor)}%`), ilike(users.email, `%${escapeLike(query.actor)}%`)), sql`not ${agencySession}`)!)
  if (query.type) where.push(eq(auditLog.entityType, query.type))
  if (query.object) where.push(eq(auditLog.entityId, query.object))
  if (query.action) where.push(eq(auditLog.action, query.action))
  if (query.from) where.push(gte(auditLog.at, shanghaiInstant(query.from)))
  if (query.to) where.push(lt(auditLog.at, new Date(shanghaiInstant(query.to).getTime() + 86_400_000)))
  if (query.before) where.push(lt(auditLog.id, query.before))
  return where.length ? and(...where) : undefined
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
/** Midnight of a Beijing calendar day (UTC+8, no daylight saving). */
const shanghaiInstant = (day: string) => new Date(`${day}T00:00:00+08:00`)

/** A page of entries, newest first, with their actors and objects named. Six queries at most, whatever the page holds. */
export async function auditEntries(db: Db, query: AuditQuery, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .select({ entry: auditLog, name: users.displayName, email: users.email, orgZh: organizations.nameZh, orgEn: organizations.nameEn, masked: sql<boolean>`coalesce(${agencySession}, false)` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditLog.actorOrgId))
    .where(whereOf(query))
    .orderBy(desc(auditLog.id))
    .limit(limit)
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entry.entityType === type && r.entry.entityId && /^[0-9a-f-]{36}$/.test(r.entry.entityId)).map((r) => r.entry.entityId!))]
  const [procs, orgs, people, quals, items, drawn] = await Promise.all([
    idsOf('procurement').length ? db.select({ id: procurements.id, number: procurements.number, title: procurements.title, status: procurements.status }).from(procurements).where(inArray(procurements.id, idsOf('procurement') as never[])) : [],
    idsOf('organization').length ? db.select({ id: organizations.id, kind: organizations.kind, zh: organizations.nameZh, en: organizations.nameEn }).from(organizations).where(inArray(organizations.id, idsOf('organization') as never[])) : [],
    idsOf('user').length ? db.select({ id: users.id, name: users.displayName, email: users.email }).from(users).where(inArray(users.id, idsOf('user') as never[])) : [],
    idsOf('qualification').length
      ? db
          .select({ id: qualifications.id, certificateNo: qualifications.certificateNo, zh: qualificationSpecialties.nameZh, en: qualificationSpecialties.nameEn, orgZh: organizations.nameZh, orgEn: organizations.nameEn })
          .from(qualifications)
          .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, qualifications.specialtyCode))
          .innerJoin(organizations, eq(organizations.id, qualifications.orgId))
          .where(inArray(qualifications.id, idsOf('qualification') as never[]))
      : [],
    idsOf('service_item').length ? db.select({ id: serviceItems.id, code: serviceItems.code, zh: serviceItems.nameZh, en: serviceItems.nameEn }).from(serviceItems).where(inArray(serviceItems.id, idsOf('service_item') as never[])) : [],
    idsOf('draw').length ? db.select({ id: draws.id, number: procurements.number, title: procurements.title }).from(draws).innerJoin(procurements, eq(procurements.id, draws.procurementId)).where(inArray(draws.id, idsOf('draw') as never[])) : [],
  ])
  const find = <T extends { id: string }>(list: T[], id: string | null) => list.find((x) => x.id === id)
  return rows.map(({ entry: e, masked, ...who }) => {
    if (masked) return { id: e.id, at: e.at, action: e.action, entityType: e.entityType, entityId: null, ip: null, hash: e.hash, actor: null, object: null, masked: true }
    let object: AuditRow['object'] = null
    const id = e.entityId
    if (e.entityType === 'procurement') {
      const p = find(procs as Array<{ id: string; number: string | null; title: string; status: string }>, id)
      if (p) object = { zh: `${p.number ?? '草稿'} ${p.title}`, en: `${p.number ?? 'Draft'} ${p.title}`, link: p.status === 'draft' || !p.number ? null : `/procurements/${p.id}` }
    } else if (e.entityType === 'organization') {
      const o = find(orgs as Array<{ id: string; kind: string; zh: string; en: string }>, id)
      if (o) object = { zh: o.zh, en: o.en, link: o.kind === 'agency' ? `/agencies/${o.id}` : null }
    } else if (e.entityType === 'user') {
      const u = find(people as Array<{ id: string; name: string; email: string }>, id)
      if (u) object = { zh: `${u.name}（${u.email}）`, en: `${u.name} (${u.email})`, link: null }
    } else if (e.entityType === 'qualification') {
      const q = find(quals as Array<{ id: string; certificateNo: string; zh: string; en: string; orgZh: string; orgEn: string }>, id)
      if (q) object = { zh: `${q.orgZh} · ${q.zh} ${q.certificateNo}`, en: `${q.orgEn} · ${q.en} ${q.certificateNo}`, link: null }
    } else if (e.entityType === 'service_item') {
      const i = find(items as Array<{ id: string; code: string; zh: string; en: string }>, id)
      if (i) object = { zh: `${i.code} ${i.zh}`, en: `${i.code} ${i.en}`, link: `/catalog#${i.code.slice(0, 3)}` }
    } else if (e.entityType === 'draw') {
      const d = find(drawn as Array<{ id: string; number: string | null; title: string }>, id)
      if (d) object = { zh: `${d.number ?? ''} ${d.title}`.trim(), en: `${d.number ?? ''} ${d.title}`.trim(), link: `/draws/${id}` }
    } else if (e.entityType === 'calendar_day' || e.entityType === 'calendar_year') {
      if (id) object = { zh: id, en: id, link: `/calendar?year=${id.slice(0, 4)}` }
    }
    return {
      id: e.id, at: e.at, action: e.action, entityType: e.entityType, entityId: e.entityId, ip: e.ip, hash: e.hash,
      actor: who.name ? { name: who.name, email: who.email!, orgZh: who.orgZh, orgEn: who.orgEn } : null,
      object,
      masked: false,
    }
  })
}
