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
  /** How many moves of this auction this process has heard of: a read begun at an older count may miss the latest. */
  version(procurementId: string): number
  close(): Promise<void>
}

const CHANNEL = 'zjcs_auction'

export class MemoryBroadcaster implements Broadcaster {
  protected readonly emitter = new EventEmitter().setMaxListeners(0)
  private readonly heard = new Map<string, number>()
  async publish(procurementId: string) {
    this.deliver(procurementId)
  }
  /** Counts the news, then tells this process's listeners. */
  protected deliver(procurementId: string) {
    this.heard.set(procurementId, (this.heard.get(procurementId) ?? 0) + 1)
    this.emitter.emit(procurementId)
  }
  version(procurementId: string) {
    return this.heard.get(procurementId) ?? 0
  }
  subscribe(procurementId: string, listener: () => void) {
    this.emitter.on(procurementId, listener)
    return () => void this.emitter.off(procurementId, listener)
  }
  async close() {
    this.emitter.removeAllListeners()
    this.heard.clear()
  }
}

/**
 * One read for many watchers: a thousand boards open on one auction all ask for it again when a
 * move is heard, and they get one query's answer, not a thousand. Reads are shared only within a
 * generation (the moves heard, the turn): a read begun before a move never answers for after it.
 */
export class SharedReads<T> {
  private readonly inflight = new Map<string, { generation: string; promise: Promise<T> }>()
  read(key: string, generation: string, load: () => Promise<T>): Promise<T> {
    const current = this.inflight.get(key)
    if (current && current.generation === generation) return current.promise
    const promise = load().finally(() => {
      if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key)
    })
    this.inflight.set(key, { generation, promise })
    return promise
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
      if (message.channel === CHANNEL && message.payload) this.deliver(message.payload)
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
