import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { verifyRecord } from '../draw'
import { RANKERS, abnormallyLow, rankerOf, type Candidate, type MethodInput } from '.'
import { OPTIMAL_BASES } from './optimal-price'

const hex = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))
/** Bids as they stand at an opening: distinct agencies (USCC keys), prices in fen (with frequent ties), days. */
const bidsArb = (min = 1, max = 12) =>
  fc
    .uniqueArray(
      fc.record({ key: fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{18}$/), nonce: hex, price: fc.integer({ min: 1, max: 40 }), days: fc.integer({ min: 1, max: 30 }) }),
      { minLength: min, maxLength: max, selector: (b) => b.key },
    )
    .map((rows) => rows.map((r, i): Candidate => ({ bidId: `bid-${i}`, key: r.key, nonce: r.nonce, priceFen: r.price * 50_000, committedDays: r.days, submittedAt: new Date(Date.UTC(2026, 10, 20, 1, i)) })))
const inputArb = (min = 1) =>
  fc.record({ candidates: bidsArb(min), secret: hex, funding: fc.constantFrom('public' as const, 'private' as const) }).map(
    ({ candidates, secret, funding }): MethodInput => ({
      candidates,
      fundingSource: funding,
      rules: { minDrawBids: 3, abnormallyLowPercent: 30 },
      draw: { procurementId: '6f1c2b9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', secret, committedAt: new Date('2026-11-16T01:00:00Z') },
      params: {},
    }),
  )
const shuffled = <T>(xs: readonly T[], seed: number) => [...xs].map((x, i) => ({ x, k: (i * 7919 + seed * 104729) % 1000003 })).sort((a, b) => a.k - b.k).map((e) => e.x)

describe.each(RANKERS.map((m) => [m.method, m] as const))('%s', (_name, method) => {
  it('ranks every eligible bid exactly once, and its winner is one of them, within its bounds', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const result = method.select(input)
        if (result.outcome === 'failed') return
        // A method the owner chooses from ranks its short list only: each once, every one a bid.
        if (result.awaitChoice) expect(new Set(result.order).size).toBe(result.order.length)
        if (result.awaitChoice) expect(result.order.every((id) => input.candidates.some((c) => c.bidId === id))).toBe(true)
        else expect([...result.order].sort()).toEqual(input.candidates.map((c) => c.bidId).sort())
        const winner = input.candidates.find((c) => c.bidId === result.order[0])!
        expect(winner).toBeDefined()
        for (const id of result.abnormallyLow) expect(input.candidates.some((c) => c.bidId === id)).toBe(true)
        for (const d of result.draws) expect(verifyRecord(d).ok).toBe(true)
      }),
    )
  })

  it('does not depend on the order the bids arrive in: only the draw decides what the rules leave open', () => {
    fc.assert(
      fc.property(inputArb(), fc.nat(1000), (input, seed) => {
        const a = method.select(input)
        const b = method.select({ ...input, candidates: shuffled(input.candidates, seed) })
        expect(b).toEqual(a)
      }),
    )
  })
})

describe('lowest price', () => {
  it('orders by price; bids of equal price are ordered by their own draw and nothing else', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const result = rankerOf('lowest_price').select(input)
        if (result.outcome !== 'ranked') throw new Error('lowest price never fails')
        const price = new Map(input.candidates.map((c) => [c.bidId, c.priceFen]))
        const key = new Map(input.candidates.map((c) => [c.bidId, c.key]))
        const prices = result.order.map((id) => price.get(id)!)
        expect(prices).toEqual([...prices].sort((x, y) => x - y))
        const groups = new Map<number, string[]>()
        for (const id of result.order) groups.set(price.get(id)!, [...(groups.get(price.get(id)!) ?? []), key.get(id)!])
        const tied = [...groups.values()].filter((g) => g.length > 1)
        expect(result.draws.map((d) => d.purpose)).toEqual(tied.map((_, i) => `tiebreak-${i + 1}`))
        tied.forEach((g, i) => expect(result.draws[i]!.order).toEqual(g))
      }),
    )
  })

  it('flags a bid exactly when it is more than the share below the mean of the others', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 90 }), (prices, pct) => {
        const bids = prices.map((p, i) => ({ bidId: String(i), priceFen: p }))
        const flagged = new Set(abnormallyLow(bids, pct))
        const total = prices.reduce((s, p) => s + p, 0)
        prices.forEach((p, i) => {
          const othersMean = prices.length > 1 ? (total - p) / (prices.length - 1) : Infinity
          const expected = prices.length > 1 && p < othersMean * (1 - pct / 100) && Math.abs(p - othersMean * (1 - pct / 100)) > 1e-6
          if (Math.abs(p - othersMean * (1 - pct / 100)) > 1e-6) expect(flagged.has(String(i))).toBe(expected)
        })
      }),
    )
  })
})

describe('optimal price', () => {
  it('the winner is nearest the drawn reference; a tie goes to the lower price, then to a draw', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const result = rankerOf('optimal_price').select(input)
        if (result.outcome !== 'ranked') throw new Error('optimal price never fails')
        const base = result.draws[0]!
        expect(base.purpose).toBe('optimal-base')
        expect(result.detail.basePercent).toBe(OPTIMAL_BASES[base.pick!.index])
        const prices = input.candidates.map((c) => c.priceFen).sort((a, b) => a - b)
        const kept = prices.length >= 3 ? prices.slice(1, -1) : prices
        const reference = (kept.reduce((s, p) => s + p, 0) / kept.length) * (Number(result.detail.basePercent) / 100)
        const price = new Map(input.candidates.map((c) => [c.bidId, c.priceFen]))
        const dist = result.order.map((id) => Math.abs(price.get(id)! - reference))
        for (let i = 1; i < dist.length; i++) {
          expect(dist[i]! >= dist[i - 1]! - 1e-6).toBe(true)
          if (Math.abs(dist[i]! - dist[i - 1]!) < 1e-6) expect(price.get(result.order[i]!)! >= price.get(result.order[i - 1]!)!).toBe(true)
        }
      }),
    )
  })

  it('the four bases come up about equally often', () => {
    const counts = [0, 0, 0, 0]
    const candidates: Candidate[] = [1, 2, 3].map((i) => ({ bidId: `b${i}`, key: `91450800MA5K${i}XXXXX`, nonce: randomBytes(32).toString('hex'), priceFen: 5_000_000 + i, committedDays: 5, submittedAt: new Date() }))
    for (let n = 0; n < 4000; n++) {
      const result = rankerOf('optimal_price').select({ candidates, fundingSource: 'public', rules: { minDrawBids: 3, abnormallyLowPercent: 30 }, draw: { procurementId: `p-${n}`, secret: randomBytes(32).toString('hex'), committedAt: new Date() }, params: {} })
      if (result.outcome === 'ranked') counts[OPTIMAL_BASES.indexOf(result.detail.basePercent as 95)]!++
    }
    // Each expected 1,000; 4 standard deviations is about ±110.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120)
  })
})

describe('random draw', () => {
  it('fails on public money below the minimum, and otherwise offers in the draw’s order', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const result = rankerOf('random_draw').select(input)
        if (input.fundingSource === 'public' && input.candidates.length < 3) {
          expect(result).toMatchObject({ outcome: 'failed', reason: 'tooFewBids' })
          return
        }
        if (result.outcome !== 'ranked') throw new Error('expected a ranking')
        const key = new Map(input.candidates.map((c) => [c.bidId, c.key]))
        expect(result.order.map((id) => key.get(id))).toEqual(result.draws[0]!.order)
        expect(result.draws[0]!.winner).toBe(key.get(result.order[0]!))
      }),
    )
  })
})

describe('scoring (综合评分)', () => {
  const bid = (i: number, key: string, yuan: number, days: number): Candidate => ({ bidId: `bid-${i}`, key, nonce: 'ab'.repeat(32), priceFen: yuan * 100, committedDays: days, submittedAt: new Date(Date.UTC(2026, 10, 20, 1, i)) })
  const base = (candidates: Candidate[], credit: Record<string, number>, weights?: { price: number; credit: number; days: number }): MethodInput => ({
    candidates,
    fundingSource: 'public',
    rules: { minDrawBids: 3, abnormallyLowPercent: 30 },
    draw: { procurementId: '6f1c2b9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', secret: 'cd'.repeat(32), committedAt: new Date('2026-11-16T01:00:00Z') },
    params: weights ? { weights } : {},
    credit: new Map(Object.entries(credit)),
  })
  const [A, B, C] = ['91450800MA5L000001', '91450800MA5L000002', '91450800MA5L000003']

  it('publishes each bid’s points to the hundredth, and ranks by the total', () => {
    const result = rankerOf('scoring').select(base([bid(0, A, 80_000, 10), bid(1, B, 100_000, 8), bid(2, C, 90_000, 12)], { [A!]: 100, [B!]: 90, [C!]: 70 }))
    if (result.outcome !== 'ranked') throw new Error('not ranked')
    expect(result.order).toEqual(['bid-0', 'bid-1', 'bid-2'])
    expect((result.detail.table as Array<Record<string, number>>).map((l) => [l.price, l.creditPoints, l.days, l.total])).toEqual([
      [6000, 3000, 800, 9800],
      [4800, 2700, 1000, 8500],
      [5333, 2100, 667, 8100],
    ])
    expect(result.detail).toMatchObject({ weights: { price: 60, credit: 30, days: 10 }, lowestFen: 8_000_000, fewestDays: 8 })
    expect(result.draws).toEqual([])
  })

  it('lets credit decide under a heavy credit weight', () => {
    const result = rankerOf('scoring').select(base([bid(0, A, 80_000, 10), bid(1, B, 100_000, 8)], { [A!]: 60, [B!]: 100 }, { price: 30, credit: 60, days: 10 }))
    if (result.outcome !== 'ranked') throw new Error('not ranked')
    expect(result.order).toEqual(['bid-1', 'bid-0'])
    expect((result.detail.table as Array<Record<string, number>>).map((l) => l.total)).toEqual([9400, 7400])
  })

  it('breaks an equal total by a published draw', () => {
    const result = rankerOf('scoring').select(base([bid(0, A, 80_000, 10), bid(1, B, 80_000, 10)], { [A!]: 95, [B!]: 95 }))
    if (result.outcome !== 'ranked') throw new Error('not ranked')
    expect(result.draws.map((d) => d.purpose)).toEqual(['tiebreak-1'])
    expect(verifyRecord(result.draws[0]!).ok).toBe(true)
  })
})

describe('credit shortlist (信用择优)', () => {
  const bid = (i: number, key: string): Candidate => ({ bidId: `bid-${i}`, key, nonce: `${i}`.padStart(2, '0').repeat(32), priceFen: 5_000_000 + i * 100_000, committedDays: 10, submittedAt: new Date(Date.UTC(2026, 10, 20, 1, i)) })
  const keys = ['91450800MA5L000001', '91450800MA5L000002', '91450800MA5L000003', '91450800MA5L000004', '91450800MA5L000005', '91450800MA5L000006']
  const input = (credit: number[], params: Record<string, number>): MethodInput => ({
    candidates: keys.map((k, i) => bid(i, k)),
    fundingSource: 'public',
    rules: { minDrawBids: 3, abnormallyLowPercent: 30 },
    draw: { procurementId: '6f1c2b9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', secret: 'cd'.repeat(32), committedAt: new Date('2026-11-16T01:00:00Z') },
    params,
    credit: new Map(keys.map((k, i) => [k, credit[i]!])),
  })

  it('takes the best credit scores for the long list and draws the short list from it, for the owner to choose', () => {
    const result = rankerOf('credit_shortlist').select(input([100, 95, 99, 80, 98, 70], { longList: 3, shortList: 2 }))
    if (result.outcome !== 'ranked') throw new Error('not ranked')
    expect(result.awaitChoice).toBe(true)
    expect((result.detail.long as Array<{ key: string; credit: number }>).map((l) => l.credit)).toEqual([100, 99, 98])
    expect(result.draws.map((d) => d.purpose)).toEqual(['shortlist'])
    const draw = result.draws[0]!
    expect(verifyRecord(draw).ok).toBe(true)
    expect(draw.order.slice(0, 2)).toEqual(result.detail.short)
    expect(result.order).toHaveLength(2)
  })

  it('settles a tie across the cut by a draw of its own', () => {
    const result = rankerOf('credit_shortlist').select(input([100, 95, 95, 95, 80, 70], { longList: 2, shortList: 2 }))
    if (result.outcome !== 'ranked') throw new Error('not ranked')
    expect(result.draws.map((d) => d.purpose)).toEqual(['longlist', 'shortlist'])
    const tie = result.draws[0]!
    expect(tie.candidates.map((c) => c.key)).toEqual([keys[1], keys[2], keys[3]])
    expect((result.detail.long as Array<{ key: string }>).map((l) => l.key)).toEqual([keys[0], tie.order[0]])
  })
})
