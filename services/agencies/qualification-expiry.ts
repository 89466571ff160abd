import { and, eq, gte, lt, lte } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { qualifications, qualificationSpecialties } from '../../db/schema'
import { appendAudit } from '../audit'
import { shanghaiDate, shanghaiInstant, shiftDays } from '../calendar'
import type { JobHandler, JobQueue } from '../jobs'
import { notify } from '../notifications'
import type { Clock } from '../shared/clock'
import { qualificationStep } from './qualification-state'

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
