import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type * as z from 'zod/mini'
import type { Db } from '../../db/client'
import { authorityCategories, awards, deliveries, draws, organizations, procurementItems, procurements, serviceCategories, serviceItems, spotCheckItems, spotChecks, type OrgId, type ProcurementId, type SpotCheck, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { shanghaiDate, shanghaiInstant } from '../calendar'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError, uniqueAsField } from '../shared/errors'
import type { announceSchema, spotScoreSchema } from './spot-checks-input'
import { isUuid } from '../shared/schemas'
import { makeRecord, newSecret, type DrawRecord } from './draw'
import { recordCreditEvent } from '../credit'

/*
 * 抽查: each quarter an authority samples the contracts finished (accepted) in its categories and
 * scores their deliverables. It announces the check first, which commits a secret (its SHA-256
 * is public); after the quarter it draws: the draw engine orders the quarter's contracts with the
 * revealed secret (purpose `spotcheck-<year>Q<n>`), the first `percent`% (at least one) are the
 * sample, and the record is published, so anyone can recompute it. Each score becomes a credit
 * event of the agency: 60 or more passes, below fails.
 */

export const PASS_SCORE = 60

export { announceSchema, spotScoreSchema } from './spot-checks-input'

type Officer = Actor & { userId: UserId }

/** The first and the day after the last Shanghai day of a quarter. */
export function quarterDays(year: number, quarter: number): { from: string; until: string } {
  const m = (quarter - 1) * 3
  const iso = (y: number, month: number) => `${y}-${String(month + 1).padStart(2, '0')}-01`
  return { from: iso(year, m), until: m + 3 === 12 ? iso(year + 1, 0) : iso(year, m + 3) }
}

export const spotCheckPurpose = (c: Pick<SpotCheck, 'year' | 'quarter'>) => `spotcheck-${c.year}Q${c.quarter}`

/** An authority announces the quarter's check: its secret committed now, drawn after the quarter. Once per quarter. */
export async function announceSpotCheck(db: Db, clock: Clock, actor: Officer, input: z.infer<typeof announceSchema>): Promise<SpotCheck> {
  return uniqueAsField(
    () =>
      db.transaction(async (tx) => {
        const now = clock.now()
        const [already] = await tx.select({ id: spotChecks.id }).from(spotChecks).where(and(eq(spotChecks.authorityOrgId, actor.orgId), eq(spotChecks.year, input.year), eq(spotChecks.quarter, input.quarter)))
        if (already) throw new DomainError('errors.spotCheckTwice', 'quarter')
        const { secret, commitment } = newSecret()
        const [row] = await tx.insert(spotChecks).values({ authorityOrgId: actor.orgId, ...input, secret, commitment, announcedBy: actor.userId, announcedAt: now }).returning()
        await appendAudit(tx, { actor, action: 'spotcheck.announce', entityType: 'organization', entityId: actor.orgId, after: { id: row!.id, year: row!.year, quarter: row!.quarter, percent: row!.percent, commitment }, at: now })
        return row!
      }),
    { spot_checks_one_per_quarter: ['errors.spotCheckTwice', 'quarter'] },
  )
}

/** The contracts accepted within the quarter whose items are in the authority's categories, with their agencies. */
async function finishedContracts(tx: Db, authorityOrgId: OrgId, year: number, quarter: number) {
  const { from, until } = quarterDays(year, quarter)
  const categories = tx.select({ id: authorityCategories.categoryId }).from(authorityCategories).where(eq(authorityCategories.orgId, authorityOrgId))
  return tx
    .selectDistinct({ procurementId: procurements.id, number: procurements.number, agencyOrgId: awards.agencyOrgId })
    .from(procurements)
    .innerJoin(awards, eq(awards.procurementId, procurements.id))
    .innerJoin(deliveries, and(eq(deliveries.procurementId, procurements.id), eq(deliveries.decision, 'accepted')))
    .innerJoin(procurementItems, eq(procurementItems.procurementId, procurements.id))
    .innerJoin(serviceItems, eq(serviceItems.id, procurementItems.itemId))
    .where(and(inArray(procurements.status, ['accepted', 'evaluated']), gte(deliveries.decidedAt, shanghaiInstant(from)), lt(deliveries.decidedAt, shanghaiInstant(until)), inArray(serviceItems.categoryId, categories)))
    .orderBy(asc(procurements.number))
}

/**
 * The draw, once the quarter is over: the secret revealed in a published record that orders the
 * quarter's contracts, the first `percent`% of them (at least one) the sample. Each sampled
 * agency is told. A quarter with no finished contract draws an empty sample, recorded all the same.
 */
export async function drawSpotCheck(db: Db, clock: Clock, actor: Officer, id: string) {
  return db.transaction(async (tx) => {
    const now = clock.now()
    if (!isUuid(id)) throw new DomainError('errors.notFound')
    const [check] = await tx.select().from(spotChecks).where(and(eq(spotChecks.id, id), eq(spotChecks.authorityOrgId, actor.orgId))).for('update')
    if (!check) throw new DomainError('errors.notFound')
    if (check.drawnAt) throw new DomainError('errors.proposalDecided')
    const { until } = quarterDays(check.year, check.quarter)
    if (shanghaiDate(now) < until) throw new DomainError('errors.quarterNotOver', undefined, { date: until })
    const contracts = (await finishedContracts(tx, check.authorityOrgId, check.year, check.quarter)).filter((c) => c.number)
    const record: DrawRecord = makeRecord({ procurementId: check.id, purpose: spotCheckPurpose(check), secret: check.secret, committedAt: check.announcedAt, candidates: contracts.map((c) => ({ key: c.number!, nonce: '' })), chooseWinner: false })
    const size = contracts.length ? Math.max(1, Math.ceil((contracts.length * check.percent) / 100)) : 0
    const picked = new Set(record.order.slice(0, size))
    const [draw] = await tx.insert(draws).values({ procurementId: null, purpose: record.purpose, record: record as never, createdAt: now }).returning({ id: draws.id })
    await appendAudit(tx, { actor: {}, action: 'draw.publish', entityType: 'draw', entityId: draw!.id, after: { spotCheckId: check.id, purpose: record.purpose, sample: [...picked] }, at: now })
    const sample = contracts.filter((c) => picked.has(c.number!))
    if (sample.length) await tx.insert(spotCheckItems).values(sample.map((c) => ({ spotCheckId: check.id, procurementId: c.procurementId, agencyOrgId: c.agencyOrgId })))
    await tx.update(spotChecks).set({ drawId: draw!.id, drawnAt: now }).where(eq(spotChecks.id, check.id))
    await appendAudit(tx, { actor, action: 'spotcheck.draw', entityType: 'organization', entityId: check.authorityOrgId, after: { id: check.id, drawId: draw!.id, contracts: contracts.length, sample: sample.map((c) => c.number) }, at: now })
    for (const c of sample) await notify(tx, { orgId: c.agencyOrgId, kind: 'spotChecked', params: { number: c.number ?? '', period: `${check.year}Q${check.quarter}` }, link: `/spot-checks/${check.id}`, at: now })
    return { drawId: draw!.id, contracts: contracts.length, sample: sample.length }
  })
}

/** The authority scores one sampled contract's deliverables once; the score is the agency's credit event. */
export async function scoreSpotCheck(db: Db, clock: Clock, actor: Officer, spotCheckId: string, input: z.infer<typeof spotScoreSchema>) {
  return db.transaction(async (tx) => {
    const now = clock.now()
    if (!isUuid(spotCheckId)) throw new DomainError('errors.notFound')
    const [check] = await tx.select().from(spotChecks).where(and(eq(spotChecks.id, spotCheckId), eq(spotChecks.authorityOrgId, actor.orgId)))
    if (!check) throw new DomainError('errors.notFound')
    const [item] = await tx.select().from(spotCheckItems).where(and(eq(spotCheckItems.spotCheckId, check.id), eq(spotCheckItems.procurementId, input.procurementId))).for('update')
    if (!item) throw new DomainError('errors.notFound')
    if (item.scoredAt) throw new DomainError('errors.alreadyEvaluated')
    await tx.update(spotCheckItems).set({ score: input.score, comment: input.comment, scoredBy: actor.userId, scoredAt: now }).where(and(eq(spotCheckItems.spotCheckId, check.id), eq(spotCheckItems.procurementId, item.procurementId)))
    await appendAudit(tx, { actor, action: 'spotcheck.score', entityType: 'procurement', entityId: item.procurementId, after: { spotCheckId: check.id, score: input.score, comment: input.comment }, at: now })
    await recordCreditEvent(tx, { kind: input.score >= PASS_SCORE ? 'spot_check_passed' : 'spot_check_failed', orgId: item.agencyOrgId, procurementId: item.procurementId as ProcurementId, detail: { spotCheckId: check.id, score: input.score } }, now)
  })
}

/** Every spot check, newest first, with its authority: the public list. */
export async function listSpotChecks(db: Db, opts: { authorityOrgId?: OrgId } = {}) {
  return db
    .select({ check: { id: spotChecks.id, year: spotChecks.year, quarter: spotChecks.quarter, percent: spotChecks.percent, commitment: spotChecks.commitment, announcedAt: spotChecks.announcedAt, drawId: spotChecks.drawId, drawnAt: spotChecks.drawnAt }, nameZh: organizations.nameZh, nameEn: organizations.nameEn, items: sql<number>`(select count(*)::int from ${spotCheckItems} i where i.spot_check_id = ${spotChecks.id})` })
    .from(spotChecks)
    .innerJoin(organizations, eq(organizations.id, spotChecks.authorityOrgId))
    .where(opts.authorityOrgId ? eq(spotChecks.authorityOrgId, opts.authorityOrgId) : undefined)
    .orderBy(desc(spotChecks.year), desc(spotChecks.quarter), asc(organizations.nameZh))
}

/** One spot check as published: its commitment, its draw and its sample with each score (never its secret before the draw). */
export async function spotCheckDetail(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db.select({ check: spotChecks, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(spotChecks).innerJoin(organizations, eq(organizations.id, spotChecks.authorityOrgId)).where(eq(spotChecks.id, id))
  if (!row) return null
  const items = await db
    .select({ procurementId: spotCheckItems.procurementId, number: procurements.number, title: procurements.title, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn, score: spotCheckItems.score, comment: spotCheckItems.comment, scoredAt: spotCheckItems.scoredAt })
    .from(spotCheckItems)
    .innerJoin(procurements, eq(procurements.id, spotCheckItems.procurementId))
    .innerJoin(organizations, eq(organizations.id, spotCheckItems.agencyOrgId))
    .where(eq(spotCheckItems.spotCheckId, row.check.id))
    .orderBy(asc(procurements.number))
  const categories = await db.select({ code: serviceCategories.code, nameZh: serviceCategories.nameZh, nameEn: serviceCategories.nameEn }).from(authorityCategories).innerJoin(serviceCategories, eq(serviceCategories.id, authorityCategories.categoryId)).where(eq(authorityCategories.orgId, row.check.authorityOrgId)).orderBy(asc(serviceCategories.sortOrder))
  const { secret: _secret, ...check } = row.check
  return { check, authorityOrgId: row.check.authorityOrgId, nameZh: row.nameZh, nameEn: row.nameEn, purpose: spotCheckPurpose(row.check), items, categories }
}
