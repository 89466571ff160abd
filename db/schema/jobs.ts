import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core'
import { timestamps, tstz } from './columns'

export const jobStatus = pgEnum('job_status', ['pending', 'running', 'done', 'failed'])
export type JobStatus = (typeof jobStatus.enumValues)[number]

/**
 * The job queue: work that must outlive a request (deadlines, expiries, retries).
 * `key` makes enqueueing idempotent: the same key is one job.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    key: text().unique(),
    payload: jsonb().notNull().default({}),
    runAt: tstz().notNull(),
    status: jobStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    lockedUntil: tstz(),
    lastError: text(),
    completedAt: tstz(),
    ...timestamps,
  },
  // A worker's claim reads one of these small indexes, whatever the number of jobs done: the
  // earliest due of those waiting, or a lease run out among those running.
  (t) => [index('jobs_due').on(t.runAt, t.id).where(sql`${t.status} = 'pending'`), index('jobs_leased').on(t.lockedUntil, t.id).where(sql`${t.status} = 'running'`)],
)
export type Job = typeof jobs.$inferSelect
