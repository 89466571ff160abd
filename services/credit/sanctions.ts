import { and, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, sanctions, type OrgId, type Sanction, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { shanghaiDate } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import type { BlacklistInput } from './sanctions-input'

/**
 * 失信名单. A supervisor lists an agency for a term of days, with the decision's reference and a
 * public reason. While listed, the agency can neither bid nor take part in a consortium, and a bid
 * it made before is not counted at the opening (services/bids/ asks `blacklistedOn`).
 * The list is public. Lifting a listing early needs a reason; nothing is deleted.
 */

export { blacklistSchema, liftSchema, type BlacklistInput } from './sanctions-input'

/** A listing in force on a Shanghai day: started, not ended, not lifted. */
const inForce = (day: string) => and(eq(sanctions.kind, 'blacklist'), lte(sanctions.startsOn, day), or(isNull(sanctions.endsOn), gte(sanctions.endsOn, day)), isNull(sanctions.liftedAt))

/** The same rule as a condition on another query's organization (the directory's `o.id`). */
export const listedOn = (org: SQL, day: string) => sql`exists (select 1 from ${sanctions} where ${sanctions.orgId} = ${org} and ${inForce(day)})`

/** The listing that bars this organization on that day, if any (the one that ends last). */
export async function blacklistedOn(db: Db, orgId: OrgId, day: string): Promise<Sanction | null> {
  const [row] = await db
    .select()
    .from(sanctions)
    .where(and(eq(sanctions.orgId, orgId), inForce(day)))
    .orderBy(sql`${sanctions.endsOn} desc nulls first`)
    .limit(1)
  return row ?? null
}

/** Which of these organizations are listed on that day: one query for a whole opening. */
export async function blacklistedAmong(db: Db, orgIds: OrgId[], day: string): Promise<Set<OrgId>> {
  if (!orgIds.length) return new Set()
  const rows = await db.selectDistinct({ orgId: sanctions.orgId }).from(sanctions).where(and(inArray(sanctions.orgId, orgIds), inForce(day)))
  return new Set(rows.map((r) => r.orgId))
}

/** Records a listing inside the caller's transaction (services/procurement/sanctions.ts adds its effects). */
export async function recordListing(tx: Db, now: Date, actor: Actor & { userId: UserId }, input: BlacklistInput): Promise<Sanction> {
  const [org] = await tx.select({ id: organizations.id, kind: organizations.kind }).from(organizations).where(eq(organizations.uscc, input.uscc))
  if (org?.kind !== 'agency') throw new DomainError('errors.agencyUnknown', 'uscc')
  if (input.startsOn < shanghaiDate(now)) throw new DomainError('errors.startInPast', 'startsOn')
  const [row] = await tx
    .insert(sanctions)
    .values({ orgId: org.id, kind: 'blacklist', reason: input.reason, decisionNo: input.decisionNo, startsOn: input.startsOn, endsOn: input.endsOn ?? null, decidedBy: actor.userId, decidedAt: now })
    .returning()
  await appendAudit(tx, { actor, action: 'sanction.blacklist', entityType: 'organization', entityId: org.id, after: { id: row!.id, decisionNo: row!.decisionNo, reason: row!.reason, startsOn: row!.startsOn, endsOn: row!.endsOn }, at: now })
  await notify(tx, { orgId: org.id, kind: 'blacklisted', params: { decisionNo: row!.decisionNo, from: row!.startsOn, until: row!.endsOn ?? '—' }, link: '/blacklist', at: now })
  return row!
}

/** A listing by its id, if it is still in force on `day` (a job enforcing it later asks this). */
export async function listingInForce(db: Db, id: string, day: string): Promise<Sanction | null> {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(sanctions).where(and(eq(sanctions.id, id), inForce(day)))
  return row ?? null
}

export async function liftSanction(db: Db, clock: Clock, actor: Actor & { userId: UserId }, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const now = clock.now()
    const [row] = await tx
      .update(sanctions)
      .set({ liftedAt: now, liftedBy: actor.userId, liftReason: reason })
      .where(and(eq(sanctions.id, id), isNull(sanctions.liftedAt)))
      .returning()
    if (!row) throw new DomainError('errors.notFound')
    await appendAudit(tx, { actor, action: 'sanction.lift', entityType: 'organization', entityId: row.orgId, after: { id: row.id, reason }, at: now })
    await notify(tx, { orgId: row.orgId, kind: 'blacklistLifted', params: { decisionNo: row.decisionNo }, link: '/blacklist', at: now })
    return row
  })
}

/**
 * The public list: every listing in force or yet to start on `day` (the blacklist itself), then,
 * for supervisors, the ended and lifted ones too.
 */
export async function listBlacklist(db: Db, day: string, opts: { history?: boolean } = {}) {
  const rows = await db
    .select({ sanction: sanctions, nameZh: organizations.nameZh, nameEn: organizations.nameEn, uscc: organizations.uscc })
    .from(sanctions)
    .innerJoin(organizations, eq(organizations.id, sanctions.orgId))
    .where(opts.history ? eq(sanctions.kind, 'blacklist') : and(eq(sanctions.kind, 'blacklist'), or(isNull(sanctions.endsOn), gte(sanctions.endsOn, day)), isNull(sanctions.liftedAt)))
    .orderBy(desc(sanctions.decidedAt))
  return rows.map((r) => ({ ...r, state: r.sanction.liftedAt ? ('lifted' as const) : r.sanction.startsOn > day ? ('pending' as const) : r.sanction.endsOn && r.sanction.endsOn < day ? ('ended' as const) : ('inForce' as const) }))
}
