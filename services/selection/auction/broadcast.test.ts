import { describe, expect, it } from 'vitest'
import { MemoryBroadcaster, SharedReads } from './broadcast'

describe('live boards share their reads', () => {
  it('a thousand watchers told of one move make one read; a move heard during it starts another', async () => {
    const broadcaster = new MemoryBroadcaster()
    const reads = new SharedReads<number>()
    let loads = 0
    let release: () => void = () => {}
    const load = () => {
      loads++
      const n = loads
      return new Promise<number>((resolve) => (release = () => resolve(n)))
    }
    const answers: Array<Promise<number>> = []
    broadcaster.subscribe('p1', () => void 0)
    for (let w = 0; w < 1000; w++) broadcaster.subscribe('p1', () => answers.push(reads.read('p1|', String(broadcaster.version('p1')), load)))
    await broadcaster.publish('p1')
    expect(broadcaster.version('p1')).toBe(1)
    expect(loads).toBe(1)
    // A second move while the first read is out: the watchers must not take the older answer.
    const first = release
    await broadcaster.publish('p1')
    expect(loads).toBe(2)
    first()
    release()
    const values = await Promise.all(answers)
    expect(values.slice(0, 1000).every((v) => v === 1)).toBe(true)
    expect(values.slice(1000).every((v) => v === 2)).toBe(true)
    // Once answered, the next read reads again.
    const again = reads.read('p1|', String(broadcaster.version('p1')), load)
    release()
    expect(await again).toBe(3)
    expect(broadcaster.version('other')).toBe(0)
  })
})
