import { shanghaiDate, shanghaiInstant } from '../calendar'
import { shiftDays } from '../calendar'
import type { JobHandler, JobQueue } from '../jobs'
import type { Clock } from '../shared/clock'
import { evaluateRedFlags } from './red-flags'

/** Every ten minutes the red-flag rules look at what changed (with a margin); every night, at everything. */
export const RED_FLAGS_EVERY_MS = 10 * 60_000

export async function scheduleRedFlags(queue: JobQueue, clock: Clock) {
  const slot = new Date(Math.ceil((clock.now().getTime() + 1) / RED_FLAGS_EVERY_MS) * RED_FLAGS_EVERY_MS)
  await queue.enqueue({ name: 'redflags.recent', runAt: slot, key: `redflags.recent:${slot.toISOString()}` })
  const tomorrow = shiftDays(shanghaiDate(clock.now()), 1)
  await queue.enqueue({ name: 'redflags.nightly', runAt: shanghaiInstant(tomorrow, '02:30'), key: `redflags.nightly:${tomorrow}` })
}

export const supervisionHandlers: Record<string, JobHandler> = {
  'redflags.recent': async (_payload, { db, clock, queue }) => {
    await evaluateRedFlags(db, clock, new Date(clock.now().getTime() - 2 * RED_FLAGS_EVERY_MS))
    await scheduleRedFlags(queue, clock)
  },
  'redflags.nightly': async (_payload, { db, clock, queue }) => {
    await evaluateRedFlags(db, clock)
    await scheduleRedFlags(queue, clock)
  },
}
