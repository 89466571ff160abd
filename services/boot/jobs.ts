import { publishAnchor, type AnchorSigner } from '../audit'
import { agencyHandlers, scheduleQualificationExpiry } from '../agencies'
import { creditHandlers, scheduleCreditRoll } from '../credit'
import type { JobHandler, JobQueue } from '../jobs'
import { maintenanceHandlers, scheduleNightlyPurge } from '../maintenance'
import { OUTBOX_BATCH, renderOutbox, type EmailRenderer } from '../notifications'
import { paymentHandlers, schedulePaymentJobs, type PaymentProvider } from '../payments'
import { procurementHandlers, scheduleOverdueCheck } from '../procurement'
import type { Broadcaster } from '../selection'
import type { Clock } from '../shared/clock'
import { scheduleRedFlags, supervisionHandlers } from '../supervision/jobs'

/** Every job the queue runs, by name. */
export function jobHandlers(deps: { broadcaster: Broadcaster; renderEmail: EmailRenderer; anchorSigner: AnchorSigner; payments: PaymentProvider }): Record<string, JobHandler> {
  return {
    ...maintenanceHandlers,
    ...agencyHandlers,
    ...procurementHandlers,
    ...creditHandlers,
    ...supervisionHandlers,
    ...paymentHandlers(deps.payments),
    // An auction's end is news for its live boards: the finish job tells them once the result is written.
    'auction.finish': async (payload, ctx) => {
      await procurementHandlers['auction.finish']!(payload, ctx)
      await deps.broadcaster.publish((payload as { id: string }).id)
    },
    'email.outbox': async (_payload, { db, clock, queue }) => {
      // The whole backlog, a batch at a time (up to 25 batches a run), so a new email (an
      // invitation, say) never waits runs behind older ones.
      for (let batch = 0; batch < 25; batch++) if ((await renderOutbox(db, clock, deps.renderEmail)).notifications < OUTBOX_BATCH) break
      await scheduleOutbox(queue, clock)
    },
    'audit.anchor': async (_payload, { db, clock, queue }) => {
      await publishAnchor(db, clock.now(), deps.anchorSigner)
      await scheduleAnchor(queue, clock)
    },
  }
}

/** The jobs that book their own next run; each is booked once more at start, idempotently by its key. */
export async function scheduleRecurringJobs(queue: JobQueue, clock: Clock) {
  await scheduleOutbox(queue, clock)
  await scheduleAnchor(queue, clock)
  await scheduleNightlyPurge(queue, clock)
  await scheduleQualificationExpiry(queue, clock)
  await scheduleOverdueCheck(queue, clock)
  await scheduleCreditRoll(queue, clock)
  await scheduleRedFlags(queue, clock)
  await schedulePaymentJobs(queue, clock)
}

/** Every 2 minutes the outbox job renders new notifications into emails. */
const OUTBOX_EVERY_MS = 2 * 60_000
/** On the hour, every hour, the chain's head is signed and published (if it moved). */
const ANCHOR_EVERY_MS = 3_600_000

function scheduleOutbox(queue: JobQueue, clock: Clock) {
  return scheduleEvery(queue, clock, 'email.outbox', OUTBOX_EVERY_MS)
}

function scheduleAnchor(queue: JobQueue, clock: Clock) {
  return scheduleEvery(queue, clock, 'audit.anchor', ANCHOR_EVERY_MS)
}

async function scheduleEvery(queue: JobQueue, clock: Clock, name: string, everyMs: number) {
  const slot = new Date(Math.ceil((clock.now().getTime() + 1) / everyMs) * everyMs)
  await queue.enqueue({ name, runAt: slot, key: `${name}:${slot.toISOString()}` })
}
