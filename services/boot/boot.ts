import path from 'node:path'
import { migrate, pgPool, type Database, type Db } from '../../db/client'
import { loadSigner, type AnchorSigner } from '../audit'
import { loadConfig, type Config } from '../config'
import { clockOf, openConfigured } from '../database'
import { JobQueue } from '../jobs'
import type { EmailRenderer } from '../notifications'
import { LocalProvider, PaymentProvider } from '../payments'
import { sweepDeadlines } from '../procurement'
import { installReferenceData } from '../reference'
import { AttemptLimiter, MemoryBroadcaster, PgBroadcaster, type Broadcaster } from '../selection'
import type { Clock, OffsetClock } from '../shared/clock'
import { jobHandlers, scheduleRecurringJobs } from './jobs'

export interface App {
  config: Config
  database: Database
  db: Db
  clock: Clock
  /** Present only with TEST_CLOCK=true. */
  testClock?: OffsetClock
  queue: JobQueue
  /** tells live auction boards that something changed (LISTEN/NOTIFY on PostgreSQL) */
  broadcaster: Broadcaster
  /** at most one auction bid attempt per second per bidder */
  auctionLimiter: AttemptLimiter
  /** signs the audit chain's published heads (its public key is on /audit/anchors) */
  anchorSigner: AnchorSigner
  /** the payment provider's client */
  payments: PaymentProvider
  /** the webhook signing secrets accepted (current first) */
  webhookSecrets: string[]
  /** the local provider this process serves under /local-provider, when no real one is configured */
  localProvider: LocalProvider | null
}

export interface BootOptions {
  /** How the outbox turns a notification into an email, with links to the site at `publicUrl`: the web layer's words, in the reader's language. */
  emailRenderer: (publicUrl: string) => EmailRenderer
  env?: Record<string, string | undefined>
}

/**
 * The composition root: the configuration, the database (migrated, with the reference data), the
 * clock, the broadcaster and the job queue with every handler and recurring job. The demo data is
 * not its business: `npm run seed` puts it in.
 */
export async function bootApp({ emailRenderer, env }: BootOptions): Promise<App> {
  const config = loadConfig(env)
  const started = Date.now()
  const database = await openConfigured(config)
  await migrate(database)
  const { clock, testClock } = clockOf(config)
  const db = database.db
  await installReferenceData(db)
  // Beside the data, never in it: a copy of the database (a backup, a stolen disk image of it) must not carry the key.
  const anchorSigner = loadSigner(config.AUDIT_KEY_FILE ?? path.join(`${path.resolve(config.DATA_DIR)}.keys`, 'audit-anchor-key.pem'))
  const broadcaster: Broadcaster = database.kind === 'postgres' ? await new PgBroadcaster(pgPool(database)).start() : new MemoryBroadcaster()
  // The provider: a real one at PAYMENT_PROVIDER_URL, or the local one this process serves (over
  // loopback HTTP, so the client is the same either way).
  const self = `http://127.0.0.1:${config.PORT}`
  const webhookSecrets = config.PAYMENT_WEBHOOK_SECRETS.split(',').map((s) => s.trim()).filter(Boolean)
  const localProvider = config.PAYMENT_PROVIDER_URL ? null : new LocalProvider({ db, clock, apiKey: config.PAYMENT_API_KEY, secrets: webhookSecrets, webhookUrl: `${self}/webhooks/payments`, auto: true })
  const payments = new PaymentProvider({ baseUrl: config.PAYMENT_PROVIDER_URL ?? `${self}/local-provider`, apiKey: config.PAYMENT_API_KEY, timeoutMs: config.PAYMENT_TIMEOUT_MS })
  const queue = new JobQueue(db, clock, jobHandlers({ broadcaster, renderEmail: emailRenderer(config.PUBLIC_URL), anchorSigner, payments }), { concurrency: database.kind === 'postgres' ? config.JOB_CONCURRENCY : 1 })
  await scheduleRecurringJobs(queue, clock)
  // Deadlines that passed while the app was down, even if their job was lost.
  const caughtUp = await sweepDeadlines(db, clock, queue)
  if (caughtUp) console.log(`[boot] closed ${caughtUp} procurements whose deadline passed while down`)
  queue.start(config.JOB_POLL_MS)
  const where = database.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'
  console.log(`[boot] ready on ${where} in ${Date.now() - started} ms${localProvider ? '; payments go to the local provider (simulated money)' : ''}`)
  return { config, database, db, clock, testClock, queue, broadcaster, auctionLimiter: new AttemptLimiter(), anchorSigner, payments, webhookSecrets, localProvider }
}

/** Stops taking jobs, closes the live boards' channel, then the database. */
export async function closeApp(app: App): Promise<void> {
  await app.queue.stop().catch(() => {})
  await app.broadcaster.close().catch(() => {})
  await app.database.close().catch(() => {})
}
