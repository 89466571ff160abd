import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { creditEvents, creditRuleVersions, creditScores, organizations, type OrgId } from '../../db/schema'
import { shanghaiDate, shanghaiInstant, shiftDays } from '../calendar'
import type { JobHandler, JobQueue } from '../jobs'
import type { Clock } from '../shared/clock'
import { currentCreditTable, SCORED_KINDS, type PublishedTable } from './rules'
import { addMonths, computeScore, type EventForScore } from './score'

/** How many organizations one recompute job scores in one transaction. */
export const RECOMPUTE_BATCH = 500

/**
 * Scores these organizations again from their events, under the table in force, and stores the
 * result. Each organization is locked for the transaction first, so two steps that both record an
 * event for it (or a step and a recompute) cannot each store a score that misses the other's.
 */
export async function refreshScores(tx: Db, orgIds: readonly OrgId[], now: Date, published?: PublishedTable): Promise<void> {
  if (!orgIds.length) return
  const ids = [...new Set(orgIds)].sort()
  const { version, table } = published ?? (await currentCreditTable(tx))
  const today = shanghaiDate(now)
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('credit:' || id, 0)) from unnest(${`{${ids.join(',')}}`}::text[]) id order by id`)
  // Only what can still count: from the day before the window opens, in Shanghai.
  const from = shanghaiInstant(shiftDays(addMonths(today, -table.windowMonths), -1))
  const rows = await tx
    .select({ id: creditEvents.id, orgId: creditEvents.orgId, kind: creditEvents.kind, occurredAt: creditEvents.occurredAt, voidedAt: creditEvents.voidedAt })
    .from(creditEvents)
    .where(and(inArray(creditEvents.orgId, ids), gt(creditEvents.occurredAt, from)))
  const byOrg = new Map<OrgId, EventForScore[]>(ids.map((id) => [id, []]))
  for (const r of rows) byOrg.get(r.orgId)!.push({ id: r.id, kind: r.kind, day: shanghaiDate(r.occurredAt), voided: r.voidedAt !== null })
  const values = ids.map((orgId) => {
    const { score, changesOn } = computeScore(byOrg.get(orgId)!, table, today)
    return { orgId, score, ruleVersion: version, computedAt: now, changesOn }
  })
  await tx
    .insert(creditScores)
    .values(values)
    .onConflictDoUpdate({ target: creditScores.orgId, set: { score: sql`excluded.score`, ruleVersion: sql`excluded.rule_version`, computedAt: sql`excluded.computed_at`, changesOn: sql`excluded.changes_on` } })
}

interface RecomputePayload {
  version: number
  after?: string
  done?: number
}

/** One batch of a version's recompute; the next batch is its own job, so a restart resumes where it stopped. */
async function recomputeBatch(payload: RecomputePayload, db: Db, clock: Clock, queue: JobQueue) {
  const published = await currentCreditTable(db)
  // A newer version recomputes everything itself: this one stops.
  if (published.version !== payload.version) return
  await db.transaction(async (tx) => {
    const now = clock.now()
    const batch = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(inArray(organizations.kind, [...SCORED_KINDS]), payload.after ? gt(organizations.id, payload.after as OrgId) : undefined))
      .orderBy(asc(organizations.id))
      .limit(RECOMPUTE_BATCH)
    await refreshScores(tx, batch.map((b) => b.id), now, published)
    const done = (payload.done ?? 0) + batch.length
    const finished = batch.length < RECOMPUTE_BATCH
    await tx
      .update(creditRuleVersions)
      .set({ recomputeDone: done, ...(finished ? { recomputedAt: now, recomputeTotal: done } : {}) })
      .where(eq(creditRuleVersions.version, payload.version))
    if (!finished) {
      const after = batch.at(-1)!.id
      await queue.enqueue({ name: 'credit.recompute', runAt: now, key: `credit.recompute:${payload.version}:${after}`, payload: { version: payload.version, after, done } }, tx)
    }
  })
}

/** The daily pass: the organizations whose oldest counted event left the window today are scored again. */
export async function rollScores(db: Db, clock: Clock): Promise<number> {
  let total = 0
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const now = clock.now()
      const due = await tx.select({ orgId: creditScores.orgId }).from(creditScores).where(lte(creditScores.changesOn, shanghaiDate(now))).orderBy(asc(creditScores.orgId)).limit(RECOMPUTE_BATCH)
      await refreshScores(tx, due.map((d) => d.orgId), now)
      return due.length
    })
    total += n
    if (n < RECOMPUTE_BATCH) return total
  }
}

export async function scheduleCreditRoll(queue: JobQueue, clock: Clock, day = shanghaiDate(clock.now())) {
  await queue.enqueue({ name: 'credit.roll', key: `credit.roll:${day}`, runAt: shanghaiInstant(day, '00:30') })
}

export const creditHandlers: Record<string, JobHandler> = {
  'credit.recompute': async (payload, { db, clock, queue }) => recomputeBatch(payload as RecomputePayload, db, clock, queue),
  'credit.roll': async (_payload, { db, clock, queue }) => {
    await rollScores(db, clock)
    await scheduleCreditRoll(queue, clock, shiftDays(shanghaiDate(clock.now()), 1))
  },
}
