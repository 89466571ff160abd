import { EventEmitter } from 'node:events'
import type pg from 'pg'

/**
 * Tells live boards that an auction changed. With several app processes on PostgreSQL the news
 * goes through LISTEN/NOTIFY (delivered on commit, to every process); on embedded PGlite there is
 * one process, so an in-process emitter is enough. Boards then re-read the state themselves:
 * the message carries only the procurement's id.
 */
export interface Broadcaster {
  publish(procurementId: string): Promise<void>
  subscribe(procurementId: string, listener: () => void): () => void
  close(): Promise<void>
}

const CHANNEL = 'zjcs_auction'

export class MemoryBroadcaster implements Broadcaster {
  protected readonly emitter = new EventEmitter().setMaxListeners(0)
  async publish(procurementId: string) {
    this.emitter.emit(procurementId)
  }
  subscribe(procurementId: string, listener: () => void) {
    this.emitter.on(procurementId, listener)
    return () => void this.emitter.off(procurementId, listener)
  }
  async close() {
    this.emitter.removeAllListeners()
  }
}

/** LISTEN on one dedicated connection; NOTIFY through the pool. Local subscribers hear every process's news. */
export class PgBroadcaster extends MemoryBroadcaster {
  private client: pg.PoolClient | null = null
  constructor(private readonly pool: pg.Pool) {
    super()
  }
  async start() {
    this.client = await this.pool.connect()
    this.client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.emitter.emit(message.payload)
    })
    await this.client.query(`LISTEN ${CHANNEL}`)
    return this
  }
  override async publish(procurementId: string) {
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, procurementId])
  }
  override async close() {
    await super.close()
    if (this.client) {
      await this.client.query(`UNLISTEN ${CHANNEL}`).catch(() => {})
      this.client.release()
      this.client = null
    }
  }
}
