import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, pgPool, type Database } from '../../db/client'
import { MemoryBroadcaster, PgBroadcaster } from '../../services/selection'
import { ADMIN_URL } from '../support/db-global'

/**
 * Two app processes on one PostgreSQL, each with its own pool and its own listening connection:
 * news published by one reaches the boards of the other (LISTEN/NOTIFY), and only the boards
 * of the auction it names.
 */
let first: Database
let second: Database
beforeAll(async () => {
  first = await openDatabase({ url: ADMIN_URL, poolSize: 2 })
  second = await openDatabase({ url: ADMIN_URL, poolSize: 2 })
})
afterAll(async () => {
  await first?.close()
  await second?.close()
})

describe('live boards across processes', () => {
  it('hear every process’s news through LISTEN/NOTIFY, per auction', async () => {
    const a = await new PgBroadcaster(pgPool(first)).start()
    const b = await new PgBroadcaster(pgPool(second)).start()
    const heard: string[] = []
    const stop = b.subscribe('auction-1', () => heard.push('auction-1'))
    b.subscribe('auction-2', () => heard.push('auction-2'))
    await a.publish('auction-1')
    await a.publish('auction-1')
    await expect.poll(() => heard.length).toBe(2)
    stop()
    await a.publish('auction-1')
    await a.publish('auction-2')
    await expect.poll(() => heard).toEqual(['auction-1', 'auction-1', 'auction-2'])
    await a.close()
    await b.close()
  })

  it('hear it in-process on the embedded database', async () => {
    const m = new MemoryBroadcaster()
    let n = 0
    m.subscribe('x', () => n++)
    await m.publish('x')
    await m.publish('y')
    expect(n).toBe(1)
  })
})
