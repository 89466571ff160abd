import * as z from 'zod'

/**
 * The client of the payment provider's HTTP API (its base URL and key from the environment):
 * create a payment into escrow, read it, release it to the payee, refund it to the payer. Amounts
 * are integer fen. Every call has a time limit; a call that is safe to repeat (a read, or a write
 * carrying an idempotency key, which the provider answers once) is retried on a timeout, a network
 * error, a 429 or a 5xx, with exponential backoff and full jitter. Errors are typed by what the
 * caller should do about them.
 */
export const providerPaymentSchema = z.object({
  id: z.string().min(1).max(100),
  reference: z.string().min(1).max(100),
  amount: z.number().int().positive(),
  currency: z.literal('CNY'),
  status: z.enum(['pending', 'held', 'declined', 'settled']),
  released: z.number().int().min(0),
  refunded: z.number().int().min(0),
  decline_code: z.string().max(100).nullable(),
})
export type ProviderPayment = z.infer<typeof providerPaymentSchema>

/**
 * declined: the provider refused the money (402), final for this payment; rejected: it refused the
 * request (another 4xx), a fault of ours; not_found; unavailable: 5xx or no connection, after the
 * retries; timeout: no answer in time, after the retries (the outcome is unknown: reconcile);
 * protocol: an answer we cannot read.
 */
export type ProviderErrorKind = 'declined' | 'rejected' | 'not_found' | 'unavailable' | 'timeout' | 'protocol'

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message)
    this.name = 'ProviderError'
  }
  /** Whether the provider may have done it anyway: the payment's state is then asked again later. */
  get outcomeUnknown() {
    return this.kind === 'timeout' || this.kind === 'unavailable' || this.kind === 'protocol'
  }
}

export interface ProviderOptions {
  baseUrl: string
  apiKey: string
  /** per attempt */
  timeoutMs?: number
  /** attempts in all, for calls safe to repeat */
  attempts?: number
  backoffMs?: number
  maxBackoffMs?: number
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

interface Call {
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  idempotencyKey?: string
}

const RETRY_STATUS = (status: number) => status === 429 || status >= 500

export class PaymentProvider {
  readonly baseUrl: string
  readonly #o: Required<Omit<ProviderOptions, 'baseUrl'>>
  /** how many HTTP attempts this client has made (for the fault tests and the office's page) */
  attemptsMade = 0

  constructor(options: ProviderOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#o = {
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? 5000,
      attempts: options.attempts ?? 4,
      backoffMs: options.backoffMs ?? 200,
      maxBackoffMs: options.maxBackoffMs ?? 3000,
      fetch: options.fetch ?? ((...args) => fetch(...args)),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
    }
  }

  /** A payment into escrow; `reference` is our payment's id and its idempotency key, so a repeat returns the same payment. */
  createPayment(input: { reference: string; amount: number; payer: string; payee: string; description: string }): Promise<ProviderPayment> {
    return this.#payment({ method: 'POST', path: '/v1/payments', body: { ...input, currency: 'CNY' }, idempotencyKey: `create:${input.reference}` })
  }

  getPayment(id: string): Promise<ProviderPayment> {
    return this.#payment({ method: 'GET', path: `/v1/payments/${encodeURIComponent(id)}` })
  }

  /** Releases (captures) `amount` of a held payment to its payee. */
  release(id: string, amount: number, key: string): Promise<ProviderPayment> {
    return this.#payment({ method: 'POST', path: `/v1/payments/${encodeURIComponent(id)}/release`, body: { amount }, idempotencyKey: key })
  }

  /** Refunds `amount` of a held payment to its payer. */
  refund(id: string, amount: number, key: string): Promise<ProviderPayment> {
    return this.#payment({ method: 'POST', path: `/v1/payments/${encodeURIComponent(id)}/refund`, body: { amount }, idempotencyKey: key })
  }

  async #payment(call: Call): Promise<ProviderPayment> {
    const body = await this.request(call)
    const parsed = providerPaymentSchema.safeParse(body)
    if (!parsed.success) throw new ProviderError('protocol', `unexpected payment from ${call.method} ${call.path}`)
    return parsed.data
  }

  /** One call, retried while it is safe to repeat and worth repeating. */
  async request(call: Call): Promise<unknown> {
    const safe = call.method === 'GET' || !!call.idempotencyKey
    const attempts = safe ? this.#o.attempts : 1
    let last: ProviderError | null = null
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        // Full jitter: a random wait up to the exponential step, so many clients do not retry in step.
        const cap = Math.min(this.#o.maxBackoffMs, this.#o.backoffMs * 2 ** (attempt - 2))
        await this.#o.sleep(Math.floor(this.#o.random() * cap))
      }
      try {
        return await this.#attempt(call)
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error
        last = error
        const again = error.kind === 'timeout' || (error.kind === 'unavailable' && (error.status === null || RETRY_STATUS(error.status)))
        if (!again) throw error
      }
    }
    throw last!
  }

  async #attempt(call: Call): Promise<unknown> {
    this.attemptsMade++
    const headers: Record<string, string> = { authorization: `Bearer ${this.#o.apiKey}`, accept: 'application/json' }
    if (call.body !== undefined) headers['content-type'] = 'application/json'
    if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey
    let response: Response
    try {
      response = await this.#o.fetch(`${this.baseUrl}${call.path}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      })
    } catch (error) {
      const name = (error as Error)?.name
      if (name === 'TimeoutError' || name === 'AbortError') throw new ProviderError('timeout', `${call.method} ${call.path}: no answer in ${this.#o.timeoutMs} ms`)
      throw new ProviderError('unavailable', `${call.method} ${call.path}: ${(error as Error)?.message ?? 'network error'}`)
    }
    let body: unknown
    try {
      const text = await response.text()
      body = text ? JSON.parse(text) : null
    } catch (error) {
      if ((error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') throw new ProviderError('timeout', `${call.method} ${call.path}: the answer stopped`)
      if (!response.ok) body = null
      else throw new ProviderError('protocol', `${call.method} ${call.path}: not JSON`, response.status)
    }
    if (response.ok) return body
    const code = (body as { error?: { code?: unknown } } | null)?.error?.code
    const said = typeof code === 'string' ? code.slice(0, 100) : null
    if (response.status === 402) throw new ProviderError('declined', `${call.method} ${call.path}: declined (${said ?? 'no code'})`, 402, said)
    if (response.status === 404) throw new ProviderError('not_found', `${call.method} ${call.path}: not found`, 404, said)
    if (RETRY_STATUS(response.status)) throw new ProviderError('unavailable', `${call.method} ${call.path}: ${response.status}`, response.status, said)
    throw new ProviderError('rejected', `${call.method} ${call.path}: ${response.status} ${said ?? ''}`.trim(), response.status, said)
  }
}
