import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import {
organizations,
procurementItems,
procurements,
qualificationSpecialties,
regions,
serviceItems,
type OrgId,
type Procurement,
type ProcurementId,
type ProcurementStatus,
type RequirementTerms,
type UserId
} from '../../db/schema'
import { appendAudit } from '../audit'
import { deadlineFrom, shanghaiDate } from '../calendar'
import type { EnqueueInput, Scheduler } from '../jobs'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { type AmendmentInput, type ProcurementInput, shortlistOf, weightsOf } from './input'
import { DomainError, fen } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import { bidderProblems, markBidsForReconfirmation, revealBids } from '../bids'
import { decideAtOpening, decisionOf, newSecret } from '../selection'
import { procurementStep } from '../market/lifecycle'
import { transition } from '../market/transition'
import { projectCodeProblem, projectCodeRegion } from './project-code'
import { approvedAsItStands, needsDirectApproval } from './direct-approval'
import { loadRules, minAnnouncementDays, type MarketRules } from '../market/rules'


type OwnerActor = Actor & { userId: UserId }

/** The owner's own procurement, locked for the change; another owner's id finds nothing. */
async function lockOwn(tx: Db, ownerOrgId: OrgId, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const [p] = await tx.select().from(procurements).where(and(eq(procurements.id, id as ProcurementId), eq(procurements.ownerOrgId, ownerOrgId))).for('update')
  if (!p) throw new DomainError('errors.notFound')
  return p
}

/** What a method keeps of the form: an auction's step, a scoring's weights, a shortlist's sizes. */
const paramsOf = (method: string, input: Pick<ProcurementInput, 'minStep' | 'weightPrice' | 'weightCredit' | 'weightDays' | 'longList' | 'shortList'>) =>
  method === 'reverse_auction' ? { minStepFen: input.minStep } : method === 'scoring' ? weightsOf(input) : method === 'credit_shortlist' ? shortlistOf(input) : {}

/** 综合评分: the price weighs at least what the office requires. */
function priceWeightWithin(input: { method?: string; weightPrice: number | null }, rules: MarketRules) {
  if (input.method === 'scoring' && (input.weightPrice ?? 0) < rules.minPriceWeight) throw new DomainError('errors.priceWeight', 'weightPrice', { min: rules.minPriceWeight })
}

async function resolveTerms(tx: Db, input: ProcurementInput, rules: MarketRules) {
  const region = projectCodeRegion(input.projectCode)!
  const [known] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, region))
  if (!known) throw new DomainError('errors.projectCode.region', 'projectCode')
  const items = await tx.select({ id: serviceItems.id, code: serviceItems.code, version: serviceItems.version, standardDays: serviceItems.standardDays }).from(serviceItems).where(inArray(serviceItems.code, input.itemCodes))
  if (items.length !== new Set(input.itemCodes).size) throw new DomainError('errors.choose', 'itemCodes')
  if (input.requirementSpecialties.length) {
    const known = await tx.select({ code: qualificationSpecialties.code }).from(qualificationSpecialties).where(inArray(qualificationSpecialties.code, input.requirementSpecialties))
    if (known.length !== new Set(input.requirementSpecialties).size) throw new DomainError('errors.choose', 'requirementSpecialties')
  }
  priceWeightWithin(input, rules)
  if (input.announcementDays < minAnnouncementDays(rules, input.method)) throw new DomainError('errors.announcementTooShort', 'announcementDays', { min: minAnnouncementDays(rules, input.method) })
  let directAgencyId: OrgId | null = null
  if (input.method === 'direct') {
    const [agency] = await tx.select({ id: organizations.id, kind: organizations.kind }).from(organizations).where(eq(organizations.uscc, input.directAgencyUscc))
    if (agency?.kind !== 'agency') throw new DomainError('errors.agencyUnknown', 'directAgencyUscc')
    directAgencyId = agency.id
    // Above the threshold only with a written reason (直接委托须说明理由).
    if (input.maxPrice! > rules.directThresholdFen && input.directReason.length < 10) throw new DomainError('errors.directReasonRequired', 'directReason', { threshold: fen(rules.directThresholdFen) })
  }
  return {
    items,
    values: {
      projectCode: input.projectCode,
      projectName: input.projectName,
      title: input.title,
      description: input.description,
      regionCode: region,
      fundingSource: input.fundingSource,
      method: input.method,
      methodParams: paramsOf(input.method, input),
      directAgencyId,
      directReason: input.method === 'direct' ? input.directReason || null : null,
      maxPriceFen: input.maxPrice!,
      floorPriceFen: input.floorPrice,
      expectedDays: input.expectedDays,
      consortiumAllowed: input.consortiumAllowed,
      practitionersRequired: input.practitionersRequired,
      requirement: input.requirementSpecialties.length ? { mode: input.requirementMode, specialties: input.requirementSpecialties, minLevel: input.minLevel as 1 | 2 | 3 } : null,
      announcementDays: input.announcementDays,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
    },
  }
}

async function writeItems(tx: Db, id: ProcurementId, items: Array<{ id: string; code: string; version: number }>) {
  await tx.delete(procurementItems).where(eq(procurementItems.procurementId, id))
  // Pinned to the catalog version of today: a later change to the item's terms does not touch it.
  await tx.insert(procurementItems).values(items.map((item, n) => ({ procurementId: id, itemId: item.id as never, itemVersion: item.version, sortOrder: n })))
  await tx.update(procurements).set({ catalogCodes: catalogCodesOf(items.map((i) => i.code)) }).where(eq(procurements.id, id))
}

/** The codes the public list filters by: each item's (C05-04) and its category's (C05). */
export function catalogCodesOf(itemCodes: string[]) {
  return [...new Set(itemCodes.flatMap((code) => [code.split('-')[0]!, code]))].sort()
}

/** Creates or updates the owner's draft. Nothing is public until it is published. */
export async function saveDraft(db: Db, clock: Clock, actor: OwnerActor, input: ProcurementInput, id?: string) {
  return db.transaction(async (tx) => {
    const [org] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, actor.orgId))
    if (org?.kind !== 'owner') throw new DomainError('errors.illegalStep')
    const now = clock.now()
    // No code is dated after next year, by the app's clock (not the machine's).
    if (projectCodeProblem(input.projectCode, Number(shanghaiDate(now).slice(0, 4)) + 1)) throw new DomainError('errors.projectCode.year', 'projectCode')
    const rules = await loadRules(tx)
    const { items, values } = await resolveTerms(tx, input, rules)
    if (id) {
      const current = await lockOwn(tx, actor.orgId, id)
      if (current.status !== 'draft') throw new DomainError('errors.illegalStep', undefined, { action: 'edit', from: current.status })
      const [row] = await tx.update(procurements).set({ ...values, updatedAt: now }).where(eq(procurements.id, current.id)).returning()
      await writeItems(tx, current.id, items)
      await appendAudit(tx, { actor, action: 'procurement.editDraft', entityType: 'procurement', entityId: current.id, after: values, at: now })
      return row!
    }
    const [row] = await tx.insert(procurements).values({ ...values, ownerOrgId: actor.orgId, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning()
    await writeItems(tx, row!.id, items)
    await appendAudit(tx, { actor, action: 'procurement.create', entityType: 'procurement', entityId: row!.id, after: values, at: now })
    return row!
  })
}

export const closeJob = (p: Procurement): EnqueueInput => ({ name: 'procurement.close', runAt: p.bidDeadline!, payload: { id: p.id }, key: `procurement.close:${p.id}:${p.termsVersion}` })

/** Publishes: a public number, the deadline in working days, and the job that will close it. */
export async function publishProcurement(db: Db, clock: Clock, scheduler: Scheduler, actor: OwnerActor, id: string) {
  return db.transaction(async (tx) => {
    const p = await lockOwn(tx, actor.orgId, id)
    procurementStep('publish', 'owner', p.status)
    const rules = await loadRules(tx)
    if (p.announcementDays < minAnnouncementDays(rules, p.method)) throw new DomainError('errors.announcementTooShort', 'announcementDays', { min: minAnnouncementDays(rules, p.method) })
    const now = clock.now()
    const today = shanghaiDate(now)
    // Above the limit a direct commission is an exception the market office approved, as the draft stands.
    if (needsDirectApproval(p, rules) && !(await approvedAsItStands(tx, p))) throw new DomainError('errors.directApprovalRequired')
    // The named agency must be able to take the work today, or the commission is pointless.
    if (p.method === 'direct') {
      const problems = await bidderProblems(tx, p, p.directAgencyId!, today)
      if (problems.length) throw new DomainError('errors.directAgencyIneligible', 'directAgencyUscc', { reasons: problems })
    }
    const seq = (await tx.execute(sql`select nextval('procurement_number_seq')::int as n`)) as unknown as { rows: Array<{ n: number }> }
    const number = `ZJCS-${today.slice(0, 4)}-${String(seq.rows[0]!.n).padStart(6, '0')}`
    const bidDeadline = await deadlineFrom(tx, rules, now, p.announcementDays)
    // The draw's secret is fixed now and only its commitment is shown; the secret is revealed with the draw.
    const { secret, commitment } = newSecret()
    const row = await transition(tx, p, 'publish', 'owner', actor, now, { number, publishedAt: now, bidDeadline, drawSecret: secret, drawCommitment: commitment }, { number, bidDeadline: bidDeadline.toISOString(), drawCommitment: commitment })
    await scheduler.enqueue(closeJob(row), tx)
    if (p.method === 'direct')
      await notify(tx, { orgId: p.directAgencyId!, kind: 'directInvitation', params: { number, title: p.title }, link: `/agency/bids/${p.id}`, dedupeKey: `direct:${p.id}`, at: now })
    return row
  })
}

/** The terms an amendment would set, and whether they differ from the procurement's. */
async function amendedTerms(tx: Db, p: Procurement, input: AmendmentInput) {
  const method = input.method ?? p.method
  // A direct commission names its agency: it is not turned into a competition, nor the reverse.
  if ((method === 'direct') !== (p.method === 'direct')) throw new DomainError('errors.methodChangeDirect', 'method')
  if (input.requirementSpecialties.length) {
    const known = await tx.select({ code: qualificationSpecialties.code }).from(qualificationSpecialties).where(inArray(qualificationSpecialties.code, input.requirementSpecialties))
    if (known.length !== new Set(input.requirementSpecialties).size) throw new DomainError('errors.choose', 'requirementSpecialties')
  }
  const requirement: RequirementTerms | null = input.requirementSpecialties.length ? { mode: input.requirementMode, specialties: [...input.requirementSpecialties].sort(), minLevel: input.minLevel as 1 | 2 | 3 } : null
  if (method === 'scoring') priceWeightWithin({ ...input, method }, await loadRules(tx))
  const methodParams = paramsOf(method, input)
  const set = { maxPriceFen: input.maxPrice!, floorPriceFen: input.floorPrice, expectedDays: input.expectedDays, method, methodParams, requirement, practitionersRequired: input.practitionersRequired }
  const before = { maxPriceFen: p.maxPriceFen, floorPriceFen: p.floorPriceFen, expectedDays: p.expectedDays, method: p.method, methodParams: p.methodParams, requirement: p.requirement ? { ...p.requirement, specialties: [...p.requirement.specialties].sort() } : null, practitionersRequired: p.practitionersRequired }
  const changed = (Object.keys(set) as Array<keyof typeof set>).filter((k) => JSON.stringify(set[k]) !== JSON.stringify(before[k]))
  return { set, changed }
}

export async function amendProcurement(db: Db, clock: Clock, scheduler: Scheduler, actor: OwnerActor, id: string, input: AmendmentInput) {
  return db.transaction(async (tx) => {
    const p = await lockOwn(tx, actor.orgId, id)
    procurementStep('amend', 'owner', p.status)
    const now = clock.now()
    if (now >= p.bidDeadline!) throw new DomainError('errors.biddingClosed')
    const { set, changed } = await amendedTerms(tx, p, input)
    if (!changed.length) throw new DomainError('errors.nothingChanged')
    const rules = await loadRules(tx)
    // At least the minimum period from now, at least the new method's announcement from publication,
    // and never earlier than the deadline already announced.
    const candidates = [await deadlineFrom(tx, rules, now, rules.amendmentMinDays), await deadlineFrom(tx, rules, p.publishedAt!, minAnnouncementDays(rules, set.method)), p.bidDeadline!]
    const bidDeadline = new Date(Math.max(...candidates.map((d) => d.getTime())))
    const row = await transition(
      tx, p, 'amend', 'owner', actor, now,
      { ...set, termsVersion: p.termsVersion + 1, bidDeadline },
      { termsVersion: p.termsVersion + 1, changed, ...Object.fromEntries(changed.map((k) => [k, set[k]])), bidDeadline: bidDeadline.toISOString(), reason: input.reason },
    )
    await scheduler.enqueue(closeJob(row), tx)
    const bidders = await markBidsForReconfirmation(tx, p.id, now)
    for (const orgId of bidders)
      await notify(tx, { orgId, kind: 'termsAmended', params: { number: p.number ?? '', title: p.title }, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, dedupeKey: `amend:${p.id}:${row.termsVersion}:${orgId}`, at: now })
    return row
  })
}

export async function cancelProcurement(db: Db, clock: Clock, actor: OwnerActor, id: string, reason: string) {
  const why = reason.trim()
  if (why.length < 4) throw new DomainError('errors.reasonShort', 'reason')
  if (why.length > 500) throw new DomainError('errors.tooLong', 'reason')
  return db.transaction(async (tx) => {
    const p = await lockOwn(tx, actor.orgId, id)
    const now = clock.now()
    return transition(tx, p, 'cancel', 'owner', actor, now, { cancelledAt: now, cancelReason: why }, { reason: why })
  })
}

/**
 * The deadline job. Idempotent: it acts only on a published procurement whose deadline has
 * passed, so a second run, a stale job from before an amendment, or the start-up sweep changes
 * nothing more. Closing counts the bids that stand on the current terms; none fails the
 * procurement (流标), otherwise it opens them and selection takes over.
 */
export async function closeIfDue(db: Db, clock: Clock, scheduler: Scheduler, id: ProcurementId): Promise<ProcurementStatus | null> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, id)).for('update')
    const now = clock.now()
    if (!p || p.status !== 'published' || !p.bidDeadline || now < p.bidDeadline) return null
    const closed = await transition(tx, p, 'close', 'system', {}, now, { closedAt: now })
    // A direct commission that reaches its deadline was never confirmed by its agency.
    if (decisionOf(p.method).by === 'confirmation') {
      await transition(tx, closed, 'fail', 'system', {}, now, { failedReason: 'directNotConfirmed' }, { reason: 'directNotConfirmed' })
      await notify(tx, { orgId: p.ownerOrgId, kind: 'procurementFailed', params: { number: p.number ?? '', title: p.title, reason: 'directNotConfirmed' }, link: `/owner/procurements/${p.id}`, at: now })
      return 'failed'
    }
    const standing = await revealBids(tx, closed, now)
    if (!standing.length) {
      await transition(tx, closed, 'fail', 'system', {}, now, { failedReason: 'noBids' }, { reason: 'noBids' })
      await notify(tx, { orgId: p.ownerOrgId, kind: 'procurementFailed', params: { number: p.number ?? '', title: p.title, reason: 'noBids' }, link: `/owner/procurements/${p.id}`, at: now })
      return 'failed'
    }
    const opened = await transition(tx, closed, 'open', 'system', {}, now, { openedAt: now }, { bids: standing.length })
    await notify(tx, { orgId: p.ownerOrgId, kind: 'bidsOpened', params: { number: p.number ?? '', title: p.title, n: standing.length }, link: `/owner/procurements/${p.id}`, at: now })
    return decideAtOpening(tx, scheduler, opened, standing, now)
  })
}

/** Catches up on every deadline that passed while no job ran (start-up, and after a lost job). */
export async function sweepDeadlines(db: Db, clock: Clock, scheduler: Scheduler) {
  const due = await db
    .select({ id: procurements.id })
    .from(procurements)
    .where(and(eq(procurements.status, 'published'), sql`${procurements.bidDeadline} <= ${clock.now().toISOString()}::timestamptz`))
    .orderBy(asc(procurements.bidDeadline))
  let moved = 0
  for (const { id } of due) if (await closeIfDue(db, clock, scheduler, id)) moved++
  return moved
}

/**
 * 重新公告: a failed procurement is repeated as a new draft with the same terms, its items pinned
 * to today's catalog versions, and a link back. The failed one stays failed.
 */
export async function reannounce(db: Db, clock: Clock, actor: OwnerActor, id: string) {
  return db.transaction(async (tx) => {
    const p = await lockOwn(tx, actor.orgId, id)
    if (p.status !== 'failed') throw new DomainError('errors.illegalStep', undefined, { action: 'reannounce', from: p.status })
    return copyAsDraft(tx, p, actor, actor.userId, clock.now())
  })
}

/**
 * The new draft of a re-announcement: the same terms, items pinned to today's catalog versions, a
 * link back. Made by the owner for a failed procurement, or by an upheld complaint's order for an
 * annulled one (then in the name of the procurement's author, the supervisor as the actor).
 */
export async function copyAsDraft(tx: Db, p: Procurement, actor: Actor, createdBy: UserId, now: Date) {
  const { id: _id, number: _n, status: _s, termsVersion: _v, publishedAt: _pa, bidDeadline: _d, closedAt: _c, openedAt: _o, cancelledAt: _ca, cancelReason: _cr, failedReason: _f, previousId: _p, createdAt: _ct, updatedAt: _u, drawSecret: _ds, drawCommitment: _dc, ...terms } = p
  const [row] = await tx.insert(procurements).values({ ...terms, createdBy, previousId: p.id, createdAt: now, updatedAt: now }).returning()
  const items = await tx
    .select({ id: serviceItems.id, code: serviceItems.code, version: serviceItems.version })
    .from(procurementItems)
    .innerJoin(serviceItems, eq(serviceItems.id, procurementItems.itemId))
    .where(eq(procurementItems.procurementId, p.id))
    .orderBy(asc(procurementItems.sortOrder))
  await writeItems(tx, row!.id, items)
  await appendAudit(tx, { actor, action: 'procurement.create', entityType: 'procurement', entityId: row!.id, after: { previousId: p.id }, at: now })
  await appendAudit(tx, { actor, action: 'procurement.reannounce', entityType: 'procurement', entityId: p.id, after: { nextId: row!.id }, at: now })
  return row!
}
