import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { localProviderRecords } from '../../db/schema'
import type { Clock } from '../shared/clock'
import type { ProviderPayment } from './provider'
import { signatureHeader, SIGNATURE_HEADER } from './signature'

/**
 * The local payment provider: what `npm start` and the demo talk to when no PAYMENT_PROVIDER_URL is
 * set, served by the same process under /local-provider. It speaks the provider's API
 * (services/payments/provider.ts) and behaves like a real one: a payment is answered "pending"
 * and funded a moment later, a release or refund is answered at once and done a moment later, and
 * each change is told by a signed webhook, retried until the site acknowledges it. Its state is
 * its own (table local_provider_records), never read by the site. In development it can be told
 * to decline, to answer slowly, to be down, to send each webhook twice, or out of order
 * (`POST /local-provider/control`).
 */
export interface LocalBehaviour {
  /** fund nothing: each new payment is declined (by webhook) */
  decline: boolean
  /** how long the provider takes to fund, release or refund, in ms */
  delayMs: number
  /** each webhook is sent twice */
  duplicate: boolean
  /** webhooks are held back by a random extra delay, so they may arrive out of order */
  reorder: boolean
  /** every API call is answered 503 */
  down: boolean
}
export const behaviourSchema = z.object({ decline: z.boolean(), delayMs: z.number().int().min(0).max(600_000), duplicate: z.boolean(), reorder: z.boolean(), down: z.boolean() }).partial()
export const DEFAULT_BEHAVIOUR: LocalBehaviour = { decline: false, delayMs: 400, duplicate: false, reorder: false, down: false }

const createSchema = z.object({ reference: z.string().min(1).max(100), amount: z.number().int().positive().max(1e13), currency: z.literal('CNY'), payer: z.string().max(100), payee: z.string().max(100), description: z.string().max(500) })
const amountSchema = z.object({ amount: z.number().int().positive() })

type Stored = ProviderPayment & { payer: string; payee: string }
type Send = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<{ ok: boolean; status: number }>

export interface LocalProviderOptions {
  db: Db
  clock: Clock
  apiKey: string
  /** every secret is used to sign (so the site may rotate) */
  secrets: readonly string[]
  webhookUrl: string
  send?: Send
  /** false: scheduled work waits for flush() (seeds and tests); true: it runs on timers */
  auto?: boolean
  behaviour?: Partial<LocalBehaviour>
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const fail = (status: number, code: string) => json(status, { error: { code } })

export class LocalProvider {
  behaviour: LocalBehaviour
  readonly #o: LocalProviderOptions & { send: Send }
  #queue: Array<{ due: number; run: () => Promise<void> }> = []
  /** webhooks sent and acknowledged, for the dev page and tests */
  delivered = 0

  constructor(options: LocalProviderOptions) {
    this.#o = { ...options, send: options.send ?? ((url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })) }
    this.behaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour }
  }

  /** One API request; `path` is what follows the mount point (e.g. /v1/payments). */
  async handle(request: Request, path: string): Promise<Response> {
    if (request.headers.get('authorization') !== `Bearer ${this.#o.apiKey}`) return fail(401, 'unauthorized')
    if (path === '/control') {
      if (request.method === 'POST') {
        const parsed = behaviourSchema.safeParse(await request.json().catch(() => null))
        if (!parsed.success) return fail(400, 'invalid_behaviour')
        this.behaviour = { ...this.behaviour, ...parsed.data }
      }
      return json(200, this.behaviour)
    }
    if (this.behaviour.down) return fail(503, 'unavailable')
    const m = /^\/v1\/payments(?:\/([A-Za-z0-9_]{1,60})(?:\/(release|refund))?)?$/.exec(path)
    if (!m) return fail(404, 'no_such_route')
    const [, id, action] = m
    if (request.method === 'GET' && id && !action) {
      const found = await this.#get(this.#o.db, id)
      return found ? json(200, this.#public(found)) : fail(404, 'no_such_payment')
    }
    if (request.method !== 'POST') return fail(405, 'method_not_allowed')
    const key = request.headers.get('idempotency-key')
    if (!key || key.length > 200) return fail(400, 'idempotency_key_required')
    const body = await request.json().catch(() => null)
    const { status, answer, later } = await this.#o.db.transaction(async (tx) => {
      // One answer per key: a repeated request gets the first answer, and nothing happens twice.
      await tx.insert(localProviderRecords).values({ key: `idem:${key}`, body: {}, updatedAt: this.#o.clock.now() }).onConflictDoNothing()
      const [seen] = await tx.select().from(localProviderRecords).where(eq(localProviderRecords.key, `idem:${key}`)).for('update')
      const stored = seen?.body as { status?: number; body?: unknown } | undefined
      if (stored?.status) return { status: stored.status, answer: stored.body, later: undefined }
      const done = !id ? await this.#create(tx, body) : await this.#move(tx, id, action as 'release' | 'refund', body)
      await this.#put(tx, `idem:${key}`, { status: done.status, body: done.body })
      return { status: done.status, answer: done.body, later: 'later' in done ? done.later : undefined }
    })
    // After the commit, so the work finds what the answer promised.
    if (later) this.#later(this.behaviour.delayMs, later)
    return json(status, answer)
  }

  async #create(tx: Db, input: unknown) {
    const parsed = createSchema.safeParse(input)
    if (!parsed.success) return { status: 400, body: { error: { code: 'invalid_request' } } }
    const payment: Stored = { id: `pay_${randomBytes(12).toString('hex')}`, reference: parsed.data.reference, amount: parsed.data.amount, currency: 'CNY', status: 'pending', released: 0, refunded: 0, decline_code: null, payer: parsed.data.payer, payee: parsed.data.payee }
    await this.#put(tx, `payment:${payment.id}`, payment)
    const decline = this.behaviour.decline
    return {
      status: 201,
      body: this.#public(payment),
      later: () => this.#update(payment.id, (p) => (p.status === 'pending' ? (decline ? { ...p, status: 'declined', decline_code: 'insufficient_funds' } : { ...p, status: 'held' }) : null), decline ? 'payment.declined' : 'payment.held'),
    }
  }

  async #move(tx: Db, id: string, action: 'release' | 'refund', input: unknown) {
    const parsed = amountSchema.safeParse(input)
    if (!parsed.success) return { status: 400, body: { error: { code: 'invalid_request' } } }
    const payment = await this.#get(tx, id)
    if (!payment) return { status: 404, body: { error: { code: 'no_such_payment' } } }
    const left = payment.amount - payment.released - payment.refunded
    if (payment.status !== 'held' || parsed.data.amount > left) return { status: 409, body: { error: { code: 'invalid_state' } } }
    const amount = parsed.data.amount
    return {
      status: 200,
      body: this.#public(payment),
      later: () =>
        this.#update(id, (p) => {
          const next = action === 'release' ? { ...p, released: p.released + amount } : { ...p, refunded: p.refunded + amount }
          if (next.released + next.refunded > next.amount) return null
          return { ...next, status: next.released + next.refunded === next.amount ? 'settled' : 'held' }
        }, action === 'release' ? 'payment.released' : 'payment.refunded'),
    }
  }

  async #update(id: string, change: (p: Stored) => Stored | null, type: string) {
    const changed = await this.#o.db.transaction(async (tx) => {
      const current = await this.#get(tx, id, true)
      const next = current ? change(current) : null
      if (next) await this.#put(tx, `payment:${id}`, next)
      return next
    })
    if (changed) this.#emit(type, this.#public(changed))
  }

  #emit(type: string, object: ProviderPayment) {
    const event = { id: `evt_${randomBytes(12).toString('hex')}`, type, created: Math.floor(this.#o.clock.now().getTime() / 1000), data: { object } }
    const copies = this.behaviour.duplicate ? 2 : 1
    for (let i = 0; i < copies; i++) this.#later(this.behaviour.reorder ? Math.floor(Math.random() * 3 * (this.behaviour.delayMs + 100)) : 0, () => this.#deliver(event, 1))
  }

  /** Sends one webhook, signed at the moment it is sent; retried with backoff until acknowledged (6 tries). */
  async #deliver(event: { id: string; created: number }, attempt: number): Promise<void> {
    const body = JSON.stringify(event)
    const t = Math.floor(this.#o.clock.now().getTime() / 1000)
    let ok = false
    try {
      ok = (await this.#o.send(this.#o.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(this.#o.secrets, t, body) }, body })).ok
    } catch (error) {
      console.warn(`[local-provider] webhook ${event.id}: ${(error as Error).message}`)
    }
    if (ok) this.delivered++
    else if (attempt < 6) this.#later(500 * 2 ** (attempt - 1), () => this.#deliver(event, attempt + 1))
  }

  #later(ms: number, run: () => Promise<void>) {
    if (this.#o.auto) {
      const timer = setTimeout(() => void run().catch((error: unknown) => console.warn(`[local-provider] ${(error as Error).message}`)), ms)
      timer.unref?.()
    } else this.#queue.push({ due: ms, run })
  }

  /** Runs everything scheduled, in the order of its delay, until nothing is left (seeds and tests). */
  async flush(): Promise<void> {
    while (this.#queue.length) {
      const batch = this.#queue.sort((a, b) => a.due - b.due)
      this.#queue = []
      for (const item of batch) await item.run()
    }
  }

  async #get(db: Db, id: string, lock = false): Promise<Stored | null> {
    const query = db.select().from(localProviderRecords).where(eq(localProviderRecords.key, `payment:${id}`))
    const [row] = lock ? await query.for('update') : await query
    return row ? (row.body as Stored) : null
  }

  async #put(db: Db, key: string, body: unknown) {
    const updatedAt = this.#o.clock.now()
    await db.insert(localProviderRecords).values({ key, body, updatedAt }).onConflictDoUpdate({ target: localProviderRecords.key, set: { body, updatedAt } })
  }

  #public(p: Stored): ProviderPayment {
    return { id: p.id, reference: p.reference, amount: p.amount, currency: 'CNY', status: p.status, released: p.released, refunded: p.refunded, decline_code: p.decline_code }
  }
}
