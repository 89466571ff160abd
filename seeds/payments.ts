import type { Db } from '../db/client'
import type { ProcurementId, User } from '../db/schema'
import { loadConfig } from '../services/config'
import type { Scheduler } from '../services/jobs'
import { LocalProvider, PaymentProvider, SIGNATURE_HEADER, fundMilestone, handleWebhook, releaseHeld, settleTerminated } from '../services/payments'
import { ManualClock, type Clock } from '../services/shared/clock'

/**
 * The demo's money goes through the local provider, as the running site's does: the seed calls it
 * in-process (no server runs yet) and hands its webhooks to the site's handler, signed with the
 * secret the site will accept. The provider's records stay in the database, so the site's own
 * local provider finds these payments when it starts (a release after an acceptance in the demo).
 */
export function paymentRig(db: Db, scheduler: Scheduler) {
  const config = loadConfig({ ...process.env, NODE_ENV: 'development' })
  const secrets = config.PAYMENT_WEBHOOK_SECRETS.split(',').map((s) => s.trim()).filter(Boolean)
  const clock = new ManualClock(new Date(0))
  const local = new LocalProvider({
    db,
    clock,
    apiKey: config.PAYMENT_API_KEY,
    secrets,
    webhookUrl: 'in-process',
    send: async (_url, init) => {
      const reply = await handleWebhook(db, clock, scheduler, secrets, init.body, init.headers[SIGNATURE_HEADER] ?? null)
      return { ok: reply.status === 200, status: reply.status }
    },
  })
  const base = 'http://seed.invalid/local-provider'
  const client = new PaymentProvider({
    baseUrl: base,
    apiKey: config.PAYMENT_API_KEY,
    fetch: ((url: string, init?: RequestInit) => local.handle(new Request(url, init), new URL(url).pathname.slice('/local-provider'.length))) as typeof fetch,
    sleep: async () => {},
  })
  return {
    client,
    /** The owner funds a milestone at `c`; the provider funds it at once. */
    async fund(c: Clock, owner: User, id: ProcurementId, seq = 1) {
      clock.set(c.now())
      await fundMilestone(db, c, client, scheduler, { userId: owner.id, orgId: owner.orgId }, id, seq)
      await local.flush()
    },
    /** The release job of an acceptance at `c`, run then rather than when the site starts. */
    async release(c: Clock, id: ProcurementId) {
      clock.set(c.now())
      await releaseHeld(db, c, client, scheduler, id)
      await local.flush()
    },
    /** The settlement job of a termination at `c`, run then. */
    async settle(c: Clock, id: ProcurementId) {
      clock.set(c.now())
      await settleTerminated(db, c, client, scheduler, id)
      await local.flush()
    },
  }
}
