import { shanghaiDate, shanghaiInstant, shiftDays } from '../calendar'
import type { JobHandler, JobQueue } from '../jobs'
import type { ProcurementId } from '../../db/schema'
import type { Clock } from '../shared/clock'
import { flagLateFunding, reconcilePayments, releaseHeld, settleTerminated, syncPayment } from './payments'
import type { PaymentProvider } from './provider'

/** Every ten minutes, what waits on the provider is asked again. */
export const RECONCILE_EVERY_MS = 10 * 60_000

export async function schedulePaymentJobs(queue: JobQueue, clock: Clock) {
  const slot = new Date(Math.ceil((clock.now().getTime() + 1) / RECONCILE_EVERY_MS) * RECONCILE_EVERY_MS)
  await queue.enqueue({ name: 'payments.reconcile', runAt: slot, key: `payments.reconcile:${slot.toISOString()}` })
  const day = shanghaiDate(clock.now())
  const today = shanghaiInstant(day, '01:40')
  const next = today > clock.now() ? { day, at: today } : { day: shiftDays(day, 1), at: shanghaiInstant(shiftDays(day, 1), '01:40') }
  await queue.enqueue({ name: 'payments.overdue', runAt: next.at, key: `payments.overdue:${next.day}` })
}

/** The payment jobs, with the provider they talk to. Each is idempotent: running one twice changes nothing more. */
export function paymentHandlers(provider: PaymentProvider): Record<string, JobHandler> {
  return {
    'payments.check': async (payload, { db, clock, queue }) => void (await syncPayment(db, clock, provider, queue, (payload as { id: string }).id)),
    'payments.release': async (payload, { db, clock, queue }) => void (await releaseHeld(db, clock, provider, queue, (payload as { id: ProcurementId }).id)),
    'payments.settle': async (payload, { db, clock, queue }) => void (await settleTerminated(db, clock, provider, queue, (payload as { id: ProcurementId }).id)),
    'payments.reconcile': async (_payload, { db, clock, queue }) => {
      await reconcilePayments(db, clock, provider, queue)
      await schedulePaymentJobs(queue, clock)
    },
    'payments.overdue': async (_payload, { db, clock, queue }) => {
      await flagLateFunding(db, clock)
      await schedulePaymentJobs(queue, clock)
    },
  }
}
