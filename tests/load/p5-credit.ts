import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { sql } from 'drizzle-orm'
import { openDatabase } from '../../db/client'
import type { Job, OrgId } from '../../db/schema'
import { currentCreditTable, recordCreditEvent } from '../../services/credit'
import { creditHandlers } from '../../services/credit/scores'
import type { JobQueue } from '../../services/jobs'
import { systemClock } from '../../services/shared/clock'
import { loadOf, type Load } from './harness'

export interface CreditFigures {
  /** the full recompute, as publishing a new table runs it: every batch job in turn */
  seconds: number
  organizations: number
  batches: number
  events: number
  /** one event recorded and its organization rescored, in the step's transaction (rolled back) */
  one: Load
}

class Rollback extends Error {}

/**
 * P5: the full recompute runs the `credit.recompute` job's batches one after another, as the queue
 * would (each batch enqueues the next); one event is `recordCreditEvent` for an agency with its
 * three years of events, timed inside a transaction that is then rolled back, so the bench's data
 * keeps no invented yellow cards.
 */
export async function measureCredit(url: string, samples = 330): Promise<CreditFigures> {
  const database = await openDatabase({ url, poolSize: 2 })
  const { db } = database
  try {
    const { version } = await currentCreditTable(db)
    let payload: Record<string, unknown> | null = { version }
    let batches = 0
    const queue = { enqueue: async (input: { payload?: Record<string, unknown> }) => void (payload = input.payload ?? null) } as unknown as JobQueue
    const started = performance.now()
    while (payload) {
      const current: Record<string, unknown> = payload
      payload = null
      await creditHandlers['credit.recompute']!(current, { db, clock: systemClock, queue, job: {} as Job })
      batches++
    }
    const seconds = (performance.now() - started) / 1000
    const counts = (await db.execute(sql`select (select count(*) from credit_scores)::int orgs, (select count(*) from credit_events)::int events`)) as unknown as { rows: Array<{ orgs: number; events: number }> }
    const agencies = ((await db.execute(sql`select id from organizations where kind = 'agency' order by md5(id::text) limit ${samples}`)) as unknown as { rows: Array<{ id: OrgId }> }).rows
    // The recompute's 22,000 rewritten scores go to disk first, so one event is timed on a quiet disk (a superuser's request; skipped otherwise).
    await db.execute(sql`checkpoint`).catch(() => {})
    const times: number[] = []
    // The first tenth warms the code path (as every figure here is taken after a warm-up) and is not counted.
    const warm = Math.floor(agencies.length / 10)
    for (const [n, { id }] of agencies.entries()) {
      await db
        .transaction(async (tx) => {
          const t0 = performance.now()
          await recordCreditEvent(tx, { kind: 'yellow_card', orgId: id, detail: { sanctionId: randomUUID(), decisionNo: 'BENCH' } }, new Date())
          if (n >= warm) times.push(performance.now() - t0)
          throw new Rollback()
        })
        .catch((error) => {
          if (!(error instanceof Rollback)) throw error
        })
    }
    return { seconds, organizations: counts.rows[0]!.orgs, batches, events: counts.rows[0]!.events, one: loadOf(times, 1) }
  } finally {
    await database.close()
  }
}
