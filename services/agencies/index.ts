import { and, eq, gte, inArray, lt, lte } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { agencyCommitments, qualifications, qualificationSpecialties, serviceItemSpecialties, type OrgId, type ServiceItemId } from '../../db/schema'
import { appendAudit } from '../audit'
import { shanghaiDate, shanghaiInstant, shiftDays } from '../calendar'
import type { JobHandler, JobQueue } from '../jobs'
import { notify } from '../notifications'
import type { Clock } from '../shared/clock'
import { assessConsortium, assessEligibility, type EligibilityResult, type PartyFacts, type QualificationFact, type Requirement } from './eligibility'
import { qualificationStep } from './qualification-state'

export * from './eligibility'
export * from './qualification-state'
export * from './qualifications'
export * from './price-lists'
export * from './directory'
export * from './practitioners'
export * from './admission'

/**
 * "Is agency X eligible for item Y with requirements R, today?" — the one question every
 * procurement, bid and selection asks. Reasons come back when it is not.
 */
export async function checkEligibility(
  db: Db,
  input: { orgId: OrgId; itemId: ServiceItemId; requirement?: Requirement | null; today: string },
): Promise<EligibilityResult> {
  const facts = await eligibilityFacts(db, input.orgId)
  const [specialties] = await itemSpecialties(db, [input.itemId])
  return assessEligibility({ ...facts, itemSpecialties: specialties!.specialties, requirement: input.requirement, today: input.today })
}

/** What eligibility is judged on, for one organization: its qualifications and whether it submitted for admission. */
export async function eligibilityFacts(db: Db, orgId: OrgId): Promise<{ qualifications: QualificationFact[]; submitted: boolean }> {
  // One query after another: callers pass their transaction, and one connection runs one query at a time.
  const held = await db
    .select({
      id: qualifications.id,
      specialtyCode: qualifications.specialtyCode,
      level: qualifications.level,
      status: qualifications.status,
      validFrom: qualifications.validFrom,
      validTo: qualifications.validTo,
    })
    .from(qualifications)
    .where(eq(qualifications.orgId, orgId))
  const submitted = await db.select({ id: agencyCommitments.id }).from(agencyCommitments).where(eq(agencyCommitments.orgId, orgId)).limit(1)
  return { qualifications: held, submitted: submitted.length > 0 }
}

/** The specialties that can serve each item (from the catalog), in the order asked. */
export async function itemSpecialties(db: Db, itemIds: ServiceItemId[]) {
  const rows = itemIds.length ? await db.select({ itemId: serviceItemSpecialties.itemId, code: serviceItemSpecialties.specialtyCode }).from(serviceItemSpecialties).where(inArray(serviceItemSpecialties.itemId, itemIds)) : []
  return itemIds.map((itemId) => ({ itemId: itemId as string, specialties: rows.filter((r) => r.itemId === itemId).map((r) => r.code) }))
}

/** A consortium's parties judged together (see `assessConsortium`). */
export async function checkConsortium(db: Db, input: { parties: Array<{ orgId: OrgId; itemIds: string[] }>; itemIds: ServiceItemId[]; requirement?: Requirement | null; today: string }) {
  const parties: PartyFacts[] = []
  for (const party of input.parties) parties.push({ orgId: party.orgId, itemIds: party.itemIds, ...(await eligibilityFacts(db, party.orgId)) })
  return assessConsortium({ parties, items: await itemSpecialties(db, input.itemIds), requirement: input.requirement, today: input.today })
}

/** Warnings go out this many calendar days before a qualification's last valid day. */
export const EXPIRY_WARNINGS = [30, 7] as const

/**
 * The daily expiry run. It warns agencies 30 and 7 days ahead, and moves verified qualifications
 * past their last day to `expired` (audited). Idempotent: a second run on the same day (or after
 * a restart) finds nothing new to do.
 */
export async function runQualificationExpiry(db: Db, clock: Clock) {
  const now = clock.now()
  const today = shanghaiDate(now)
  const horizon = shiftDays(today, EXPIRY_WARNINGS[0])
  // A fresh builder per query: drizzle's .where() changes the builder it is called on.
  const base = () =>
    db
      .select({ q: qualifications, specialtyZh: qualificationSpecialties.nameZh, specialtyEn: qualificationSpecialties.nameEn })
      .from(qualifications)
      .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, qualifications.specialtyCode))
  let warned = 0
  let expired = 0

  const expiring = await base().where(and(eq(qualifications.status, 'approved'), gte(qualifications.validTo, today), lte(qualifications.validTo, horizon)))
  for (const { q, specialtyZh, specialtyEn } of expiring) {
    const daysLeft = Math.round((Date.parse(q.validTo) - Date.parse(today)) / 86_400_000)
    // The nearest warning that applies: a qualification first seen 5 days out gets the 7-day one only.
    const threshold = [...EXPIRY_WARNINGS].reverse().find((d) => daysLeft <= d)!
    const sent = await notify(db, {
      orgId: q.orgId,
      kind: 'qualificationExpiring',
      params: { specialtyZh, specialtyEn, certificate: q.certificateNo, validTo: q.validTo, days: daysLeft },
      link: '/agency',
      dedupeKey: `qualification.expiring.${threshold}:${q.id}:${q.validTo}`,
      at: now,
    })
    if (sent) warned++
  }

  const past = await base().where(and(eq(qualifications.status, 'approved'), lt(qualifications.validTo, today)))
  for (const { q, specialtyZh, specialtyEn } of past) {
    await db.transaction(async (tx) => {
      const [changed] = await tx
        .update(qualifications)
        .set({ status: qualificationStep('expire', 'system', q.status), updatedAt: now })
        .where(and(eq(qualifications.id, q.id), eq(qualifications.status, 'approved')))
        .returning()
      if (!changed) return // another run got there first
      await appendAudit(tx, {
        actor: {},
        action: 'qualification.expire',
        entityType: 'qualification',
        entityId: q.id,
        before: { status: q.status, validTo: q.validTo },
        after: { status: 'expired' },
        at: now,
      })
      await notify(tx, {
        orgId: q.orgId,
        kind: 'qualificationExpired',
        params: { specialtyZh, specialtyEn, certificate: q.certificateNo, validTo: q.validTo },
        link: '/agency',
        dedupeKey: `qualification.expired:${q.id}:${q.validTo}`,
        at: now,
      })
      expired++
    })
  }
  return { today, warned, expired }
}

/** Today's run at 01:00 Shanghai time (at once if that has passed); each run books the next. */
export async function scheduleQualificationExpiry(queue: JobQueue, clock: Clock, day = shanghaiDate(clock.now())) {
  await queue.enqueue({ name: 'agencies.qualification-expiry', key: `agencies.qualification-expiry:${day}`, runAt: shanghaiInstant(day, '01:00') })
}

export const agencyHandlers: Record<string, JobHandler> = {
  'agencies.qualification-expiry': async (_payload, { db, clock, queue }) => {
    await runQualificationExpiry(db, clock)
    await scheduleQualificationExpiry(queue, clock, shiftDays(shanghaiDate(clock.now()), 1))
  },
}
