import { and, eq, lt } from 'drizzle-orm'
import type { Db } from '../db/client'
import { jobs, sessions, signInAttempts } from '../db/schema'
import { shanghaiDate, shanghaiInstant, shiftDays } from './calendar'
import type { JobHandler, JobQueue } from './jobs'
import type { Clock } from './shared/clock'

/** Sessions past their absolute end, sign-in attempts older than 30 days and jobs finished over a week ago are deleted nightly. */
export async function purgeExpired(db: Db, clock: Clock) {
  const now = clock.now()
  const deletedSessions = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })
  const cutoff = new Date(now.getTime() - 30 * 86_400_000)
  const deletedAttempts = await db.delete(signInAttempts).where(lt(signInAttempts.at, cutoff)).returning({ id: signInAttempts.id })
  // Finished jobs are kept a week for the office's job page; recurring ones would pile up otherwise.
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000)
  const deletedJobs = await db.delete(jobs).where(and(eq(jobs.status, 'done'), lt(jobs.completedAt, weekAgo))).returning({ id: jobs.id })
  return { sessions: deletedSessions.length, attempts: deletedAttempts.length, jobs: deletedJobs.length }
}

/** Enqueues tonight's purge at 03:00 Shanghai time; the key makes a second call for the same night a no-op. */
export async function scheduleNightlyPurge(queue: JobQueue, clock: Clock) {
  const tomorrow = shiftDays(shanghaiDate(clock.now()), 1)
  await queue.enqueue({ name: 'maintenance.purge', key: `maintenance.purge:${tomorrow}`, runAt: shanghaiInstant(tomorrow, '03:00') })
}

export const maintenanceHandlers: Record<string, JobHandler> = {
  'maintenance.purge': async (_payload, { db, clock, queue }) => {
    await purgeExpired(db, clock)
    await scheduleNightlyPurge(queue, clock)
  },
}
