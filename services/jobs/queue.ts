import { and, asc, count, desc, eq, lt, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { jobs, type Job } from '../../db/schema'
import type { Clock } from '../shared/clock'

/**
 * The PostgreSQL-backed job queue. Jobs run at least once, so every handler must be idempotent:
 * running it twice changes nothing more than running it once. "Now" comes from the injected clock,
 * never from the database, so tests move time by moving the clock.
 */
export interface JobContext {
  db: Db
  clock: Clock
  job: Job
  queue: JobQueue
}
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>

export interface EnqueueInput {
  name: string
  runAt: Date
  payload?: Record<string, unknown>
  /** Same key, same job: a second enqueue is a no-op. */
  key?: string
  maxAttempts?: number
}

/** What schedules work for later: the job queue (an interface, so services need no running queue). */
export interface Scheduler {
  enqueue(input: EnqueueInput, db?: Db): Promise<void>
}

export interface QueueOptions {
  /** How long a claimed job is ours before another worker may take it over (crash recovery). */
  leaseMs?: number
  /** Backoff base for retries: attempt n waits base × 2^(n-1). */
  retryBaseMs?: number
  /** How many jobs this process runs at once (each claimed on its own); 1 runs them one after another. */
  concurrency?: number
  log?: (message: string) => void
}

export class JobQueue {
  #timer: ReturnType<typeof setInterval> | undefined
  #running: Promise<number> | undefined
  readonly leaseMs: number
  readonly retryBaseMs: number
  readonly concurrency: number
  readonly #log: (message: string) => void

  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly handlers: Record<string, JobHandler>,
    options: QueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000
    this.retryBaseMs = options.retryBaseMs ?? 30_000
    this.concurrency = Math.max(1, options.concurrency ?? 1)
    this.#log = options.log ?? ((m) => console.log(m))
  }

  /** Enqueue inside the caller's transaction when the job belongs to a change. */
  async enqueue(input: EnqueueInput, db: Db = this.db): Promise<void> {
    if (!this.handlers[input.name]) throw new Error(`no handler for job ${input.name}`)
    await db
      .insert(jobs)
      .values({
        name: input.name,
        runAt: input.runAt,
        payload: input.payload ?? {},
        key: input.key ?? null,
        maxAttempts: input.maxAttempts ?? 5,
      })
      .onConflictDoNothing({ target: jobs.key })
  }

  /**
   * Claims one job whose lease ran out (its worker died), else the earliest due: each one
   * statement on a small partial index, so no two workers get the same job and a claim costs the
   * same however many jobs are waiting or done.
   */
  async #claim(now: Date): Promise<Job | undefined> {
    const at = now.toISOString()
    return (await this.#claimFirst(sql`status = 'running' and locked_until < ${at}::timestamptz`, sql`locked_until, id`, now)) ?? (await this.#claimFirst(sql`status = 'pending' and run_at <= ${at}::timestamptz`, sql`run_at, id`, now))
  }

  async #claimFirst(where: SQL, order: SQL, now: Date): Promise<Job | undefined> {
    // The claim returns the job itself: one round trip.
    const [job] = await this.db
      .update(jobs)
      .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, lockedUntil: new Date(now.getTime() + this.leaseMs), updatedAt: now })
      .where(sql`${jobs.id} = (select id from ${jobs} where ${where} order by ${order} limit 1 for update skip locked)`)
      .returning()
    return job
  }

  async #execute(job: Job): Promise<void> {
    const handler = this.handlers[job.name]
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`)
      await handler(job.payload, { db: this.db, clock: this.clock, job, queue: this })
      const now = this.clock.now()
      await this.db
        .update(jobs)
        .set({ status: 'done', completedAt: now, lockedUntil: null, lastError: null, updatedAt: now })
        .where(eq(jobs.id, job.id))
    } catch (error) {
      const now = this.clock.now()
      const message = error instanceof Error ? error.message : String(error)
      const giveUp = job.attempts >= job.maxAttempts
      const runAt = new Date(now.getTime() + this.retryBaseMs * 2 ** (job.attempts - 1))
      await this.db
        .update(jobs)
        .set({ status: giveUp ? 'failed' : 'pending', runAt: giveUp ? job.runAt : runAt, lockedUntil: null, lastError: message, updatedAt: now })
        .where(eq(jobs.id, job.id))
      this.#log(`[jobs] ${job.name}#${job.id} attempt ${job.attempts} failed${giveUp ? ' for good' : ''}: ${message}`)
    }
  }

  /**
   * Runs every job due at the clock's now (the start-up sweep and each poll), up to `max`, with
   * `concurrency` workers each claiming its own. Returns how many ran.
   */
  runDue(max = 100): Promise<number> {
    // One sweep at a time per process; a poll that finds a sweep under way joins it.
    this.#running ??= (async () => {
      let claimed = 0
      const worker = async () => {
        while (claimed < max) {
          const job = await this.#claim(this.clock.now())
          if (!job) return
          claimed++
          await this.#execute(job)
        }
      }
      try {
        await Promise.all(Array.from({ length: this.concurrency }, worker))
      } finally {
        this.#running = undefined
      }
      return claimed
    })()
    return this.#running
  }

  /** Sweeps at once (what fell due while the app was down), then polls; a sweep that stopped at its limit is followed by another at once. */
  start(pollMs = 2_000): void {
    if (this.#timer) return
    const SWEEP = 100
    const tick = (): Promise<unknown> =>
      this.runDue(SWEEP)
        .then((ran) => (ran >= SWEEP && this.#timer ? tick() : undefined))
        .catch((error) => this.#log(`[jobs] sweep failed: ${error instanceof Error ? error.message : error}`))
    void tick()
    this.#timer = setInterval(tick, pollMs)
    this.#timer.unref?.()
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
    await this.#running
  }
}

export async function jobStats(db: Db) {
  return db.select({ name: jobs.name, status: jobs.status, n: count() }).from(jobs).groupBy(jobs.name, jobs.status).orderBy(asc(jobs.name))
}

export const JOB_PAGE_SIZE = 30

/** The jobs page's filters and cursor (the last row's id); anything malformed is ignored. */
export interface JobQuery {
  name?: string
  status?: Job['status']
  /** jobs with a smaller id than this: the next page */
  before?: number
}

/** The jobs, newest first, a page at a time by id (a page costs the same however deep), filtered by kind and state. */
export async function recentJobs(db: Db, limit = 30, query: JobQuery = {}) {
  const where = [
    query.name ? eq(jobs.name, query.name) : undefined,
    query.status ? eq(jobs.status, query.status) : undefined,
    query.before ? lt(jobs.id, query.before) : undefined,
  ]
  return db.select().from(jobs).where(and(...where)).orderBy(desc(jobs.id)).limit(limit)
}
