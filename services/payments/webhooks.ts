import { eq } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { paymentEvents, payments } from '../../db/schema'
import type { Scheduler } from '../jobs'
import type { Clock } from '../shared/clock'
import { isUuid } from '../shared/schemas'
import { applySnapshot } from './payments'
import { providerPaymentSchema } from './provider'
import { signatureProblem } from './signature'

export const WEBHOOK_EVENT_TYPES = ['payment.pending', 'payment.held', 'payment.declined', 'payment.released', 'payment.refunded'] as const

export const webhookEventSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  created: z.number().int().positive(),
  data: z.object({ object: providerPaymentSchema }),
})
export type WebhookEvent = z.infer<typeof webhookEventSchema>

export interface WebhookReply {
  status: 200 | 400
  body: { received: true; duplicate?: true; applied?: boolean } | { error: string }
}

/**
 * A provider's webhook, from its raw body and signature header. A bad signature, a stale one or a
 * body we cannot read gets 400 and changes nothing. Otherwise the event's id is stored in the same
 * transaction as its effect: a duplicate is acknowledged and does nothing, an event older than
 * what we know moves nothing back (the snapshot it carries is applied forward only), and an event
 * for a payment that is not ours is acknowledged and kept.
 */
export async function handleWebhook(db: Db, clock: Clock, scheduler: Scheduler, secrets: readonly string[], rawBody: string, header: string | null): Promise<WebhookReply> {
  const now = clock.now()
  const problem = signatureProblem(header, rawBody, secrets, now)
  if (problem) return { status: 400, body: { error: `signature ${problem}` } }
  let event: WebhookEvent
  try {
    const parsed = webhookEventSchema.safeParse(JSON.parse(rawBody))
    if (!parsed.success) return { status: 400, body: { error: 'unreadable event' } }
    event = parsed.data
  } catch {
    return { status: 400, body: { error: 'not JSON' } }
  }
  const reference = event.data.object.reference
  return db.transaction(async (tx) => {
    const [payment] = isUuid(reference) ? await tx.select().from(payments).where(eq(payments.id, reference)).for('update') : []
    const [stored] = await tx
      .insert(paymentEvents)
      .values({ id: event.id, type: event.type, paymentId: payment?.id ?? null, applied: false, occurredAt: new Date(event.created * 1000), receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.id })
    if (!stored) return { status: 200, body: { received: true, duplicate: true } } as const
    if (!payment) return { status: 200, body: { received: true, applied: false } } as const
    const applied = await applySnapshot(tx, scheduler, payment, event.data.object, now, `webhook ${event.id}`)
    if (applied) await tx.update(paymentEvents).set({ applied }).where(eq(paymentEvents.id, event.id))
    return { status: 200, body: { received: true, applied } } as const
  })
}
