import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { jobs } from '../../db/schema'
import { JobQueue } from '../../services/jobs'
import { ManualClock } from '../../services/shared/clock'
import { freshDatabase } from '../support/db'

let database: Database
beforeAll(async () => {
  database = await freshDatabase()
})
afterAll(async () => database?.close())
beforeEach(async () => {
  await database.db.delete(jobs)
})

function queueWith(clock: ManualClock, handler: (payload: unknown) => Promise<void>) {
  return new JobQueue(database.db, clock, { work: handler }, { retryBaseMs: 1000, leaseMs: 60_000, log: () => {} })
}

describe('job queue', () => {
  it('runs a job only when the clock reaches it, once, and a same-key enqueue is a no-op', async () => {
    const clock = new ManualClock('2026-11-23T00:00:00Z')
    const seen: unknown[] = []
    const queue = queueWith(clock, async (p) => void seen.push(p))
    await queue.enqueue({ name: 'work', key: 'deadline:1', runAt: new Date('2026-11-23T08:00:00Z'), payload: { n: 1 } })
    await queue.enqueue({ name: 'work', key: 'deadline:1', runAt: new Date('2026-11-23T09:00:00Z'), payload: { n: 2 } })
    expect(await queue.runDue()).toBe(0)
    clock.set('2026-11-23T08:00:00Z')
    expect(await queue.runDue()).toBe(1)
    expect(await queue.runDue()).toBe(0)
    expect(seen).toEqual([{ n: 1 }])
    const [row] = await database.db.select().from(jobs)
    expect(row).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('retries with backoff, then gives up and keeps the error', async () => {
    const clock = new ManualClock('2026-11-23T00:00:00Z')
    let calls = 0
    const queue = queueWith(clock, async () => {
      calls++
      throw new Error('provider down')
    })
    await queue.enqueue({ name: 'work', runAt: clock.now(), maxAttempts: 3 })
    expect(await queue.runDue()).toBe(1)
    expect(await queue.runDue()).toBe(0) // waits 1 s
    clock.advance(1000)
    expect(await queue.runDue()).toBe(1)
    clock.advance(1999)
    expect(await queue.runDue()).toBe(0) // then 2 s
    clock.advance(1)
    expect(await queue.runDue()).toBe(1)
    clock.advance(3_600_000)
    expect(await queue.runDue()).toBe(0)
    expect(calls).toBe(3)
    const [row] = await database.db.select().from(jobs)
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'provider down' })
  })

  it('sweeps at start-up: overdue jobs run, and a job whose worker died runs again after its lease', async () => {
    const clock = new ManualClock('2026-11-23T00:00:00Z')
    const queue = queueWith(clock, async () => {})
    await queue.enqueue({ name: 'work', key: 'overdue', runAt: new Date('2026-11-20T00:00:00Z') })
    await queue.enqueue({ name: 'work', key: 'crashed', runAt: new Date('2026-11-22T00:00:00Z') })
    // The crashed one was claimed by a process that died mid-job.
    await database.db.update(jobs).set({ status: 'running', attempts: 1, lockedUntil: new Date('2026-11-22T00:01:00Z') }).where(eq(jobs.key, 'crashed'))
    expect(await queue.runDue()).toBe(2)
    const rows = await database.db.select().from(jobs)
    expect(rows.map((r) => r.status)).toEqual(['done', 'done'])
    expect(rows.find((r) => r.key === 'crashed')?.attempts).toBe(2)
  })

  it('gives a job to exactly one of two workers', async () => {
    const clock = new ManualClock('2026-11-23T00:00:00Z')
    let runs = 0
    const handler = async () => {
      runs++
      await new Promise((r) => setTimeout(r, 20))
    }
    const a = queueWith(clock, handler)
    const b = queueWith(clock, handler)
    for (let i = 0; i < 10; i++) await a.enqueue({ name: 'work', key: `k${i}`, runAt: clock.now() })
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()])
    expect(ranA + ranB).toBe(10)
    expect(runs).toBe(10)
  })

  it('runs as many jobs at once as its concurrency, and with another process beside it each job still runs once', async () => {
    const clock = new ManualClock('2026-11-23T00:00:00Z')
    const runs = new Map<string, number>()
    let inFlight = 0
    let release!: () => void
    // The first three wait for each other: they finish only if three run at once.
    const threeAtOnce = new Promise<void>((resolve) => (release = resolve))
    const handler = async (payload: unknown) => {
      const { k } = payload as { k: string }
      runs.set(k, (runs.get(k) ?? 0) + 1)
      if (++inFlight >= 3) release()
      await threeAtOnce
      inFlight--
    }
    const options = { retryBaseMs: 1000, leaseMs: 60_000, log: () => {}, concurrency: 3 }
    const a = new JobQueue(database.db, clock, { work: handler }, options)
    for (let i = 0; i < 3; i++) await a.enqueue({ name: 'work', key: `first${i}`, runAt: clock.now(), payload: { k: `first${i}` } })
    expect(await a.runDue()).toBe(3)
    const b = new JobQueue(database.db, clock, { work: handler }, options)
    for (let i = 0; i < 30; i++) await a.enqueue({ name: 'work', key: `k${i}`, runAt: clock.now(), payload: { k: `k${i}` } })
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()])
    expect(ranA + ranB).toBe(30)
    expect(runs.size).toBe(33)
    expect([...runs.values()].every((n) => n === 1)).toBe(true)
    const rows = await database.db.select().from(jobs)
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true)
  })

  it('refuses a job nobody can run', async () => {
    const queue = queueWith(new ManualClock('2026-11-23T00:00:00Z'), async () => {})
    await expect(queue.enqueue({ name: 'nobody', runAt: new Date() })).rejects.toThrow(/no handler/)
  })
})
