import path from 'node:path'
import { migrate, openDatabase, pgPool, type Database, type Db } from '../../db/client'
import { loadSigner, publishAnchor, type AnchorSigner } from '../../services/audit'
import { seedDemo } from '../../seeds/demo'
import { installReferenceData } from '../../seeds/reference'
import { ConfigError, loadConfig, type Config } from '../../services/config'
import { agencyHandlers, scheduleQualificationExpiry } from '../../services/agencies'
import { JobQueue } from '../../services/jobs'
import { maintenanceHandlers, scheduleNightlyPurge } from '../../services/maintenance'
import { procurementHandlers, scheduleOverdueCheck, sweepDeadlines } from '../../services/procurement'
import { renderOutbox } from '../../services/notifications'
import { AttemptLimiter, MemoryBroadcaster, PgBroadcaster, type Broadcaster } from '../../services/selection'
import type { JobHandler, JobQueue as Queue } from '../../services/jobs'
import { emailRenderer } from './email.server'
import { OffsetClock, systemClock, type Clock } from '../../services/shared/clock'

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
}

/**
 * The one App of this process. Kept on globalThis so `remix dev` rebuilds reuse it: a second
 * PGlite on the same directory would lose writes.
 */
const globalForApp = globalThis as unknown as { __zjcsApp?: Promise<App> }

export function getApp(): Promise<App> {
  globalForApp.__zjcsApp ??= boot().catch((error: unknown) => {
    const message = error instanceof ConfigError ? error.message : `Start-up failed: ${error instanceof Error ? error.message : String(error)}`
    console.error(message)
    process.exit(1)
  })
  return globalForApp.__zjcsApp
}

async function boot(): Promise<App> {
  const config = loadConfig()
  const started = Date.now()
  const database = config.DATABASE_URL ? await openDatabase({ url: config.DATABASE_URL }) : await openDatabase({ dataDir: config.DATA_DIR })
  await migrate(database)
  const testClock = config.TEST_CLOCK === 'true' ? new OffsetClock(config.TEST_CLOCK_START) : undefined
  const clock: Clock = testClock ?? systemClock
  const db = database.db
  await installReferenceData(db)
  if (config.SEED === 'demo') {
    const { created } = await seedDemo(db, clock)
    if (created) console.log('[boot] demo data created')
  }
  // Beside the data, never in it: a copy of the database (a backup, a stolen disk image of it) must not carry the key.
  const anchorSigner = loadSigner(config.AUDIT_KEY_FILE ?? path.join(`${path.resolve(config.DATA_DIR)}.keys`, 'audit-anchor-key.pem'))
  const broadcaster: Broadcaster = database.kind === 'postgres' ? await new PgBroadcaster(pgPool(database)).start() : new MemoryBroadcaster()
  const queue = new JobQueue(db, clock, { ...maintenanceHandlers, ...agencyHandlers, ...procurementHandlers, ...auctionBoardHandlers(broadcaster), ...outboxHandlers(config.PUBLIC_URL), ...anchorHandlers(anchorSigner) })
  await scheduleOutbox(queue, clock)
  await scheduleAnchor(queue, clock)
  await scheduleNightlyPurge(queue, clock)
  await scheduleQualificationExpiry(queue, clock)
  await scheduleOverdueCheck(queue, clock)
  // Deadlines that passed while the app was down, even if their job was lost.
  const caughtUp = await sweepDeadlines(db, clock, queue)
  if (caughtUp) console.log(`[boot] closed ${caughtUp} procurements whose deadline passed while down`)
  queue.start(config.JOB_POLL_MS)
  const where = database.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'
  console.log(`[boot] ready on ${where} in ${Date.now() - started} ms`)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    console.log(`[boot] ${signal}: closing the database`)
    await queue.stop().catch(() => {})
    await broadcaster.close().catch(() => {})
    await database.close().catch(() => {})
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
  return { config, database, db, clock, testClock, queue, broadcaster, auctionLimiter: new AttemptLimiter(), anchorSigner }
}

/** An auction's end is news for its live boards: the finish job tells them once the result is written. */
function auctionBoardHandlers(broadcaster: Broadcaster): Record<string, JobHandler> {
  return {
    'auction.finish': async (payload, ctx) => {
      await procurementHandlers['auction.finish']!(payload, ctx)
      await broadcaster.publish((payload as { id: string }).id)
    },
  }
}

/** Every 2 minutes the outbox job renders new notifications into emails; each run books the next slot. */
const OUTBOX_EVERY_MS = 2 * 60_000

async function scheduleOutbox(queue: Queue, clock: Clock) {
  const slot = Math.ceil((clock.now().getTime() + 1) / OUTBOX_EVERY_MS) * OUTBOX_EVERY_MS
  await queue.enqueue({ name: 'email.outbox', runAt: new Date(slot), key: `email.outbox:${new Date(slot).toISOString()}` })
}

function outboxHandlers(publicUrl: string): Record<string, JobHandler> {
  const render = emailRenderer(publicUrl)
  return {
    'email.outbox': async (_payload, { db, clock, queue }) => {
      await renderOutbox(db, clock, render)
      await scheduleOutbox(queue, clock)
    },
  }
}

/** On the hour, every hour, the chain's head is signed and published (if it moved); each run books the next hour. */
const ANCHOR_EVERY_MS = 3_600_000

async function scheduleAnchor(queue: Queue, clock: Clock) {
  const slot = Math.ceil((clock.now().getTime() + 1) / ANCHOR_EVERY_MS) * ANCHOR_EVERY_MS
  await queue.enqueue({ name: 'audit.anchor', runAt: new Date(slot), key: `audit.anchor:${new Date(slot).toISOString()}` })
}

function anchorHandlers(signer: AnchorSigner): Record<string, JobHandler> {
  return {
    'audit.anchor': async (_payload, { db, clock, queue }) => {
      await publishAnchor(db, clock.now(), signer)
      await scheduleAnchor(queue, clock)
    },
  }
}
