import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commitmentOf, drawOrder, drawSeed, makeRecord, pickIndex, seedMessage, verifyRecord, type SeedInput } from './draw'

const hex = (label: string) => createHash('sha256').update(label).digest('hex')
const hexArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))
const seedArb: fc.Arbitrary<SeedInput> = fc.record({
  procurementId: fc.uuid(),
  purpose: fc.constantFrom('award', 'tiebreak-1', 'optimal-base', 'spotcheck-2027Q1'),
  secret: hexArb,
  nonces: fc.array(hexArb, { maxLength: 6 }),
  beacon: fc.constantFrom('', 'drand:4242:5f0c…'.replace('…', 'ab')),
})

describe('zjcs-draw-v1', () => {
  it('hashes exactly the published string', () => {
    const input = { procurementId: 'p-1', purpose: 'award', secret: hex('s'), nonces: [hex('b'), hex('a')], beacon: '' }
    expect(seedMessage(input)).toBe(`zjcs-draw-v1|p-1|award|${hex('s')}|${[hex('a'), hex('b')].sort().join(',')}|`)
    expect(drawSeed(input).toString('hex')).toBe(createHash('sha256').update(seedMessage(input)).digest('hex'))
    expect(commitmentOf(hex('s'))).toBe(createHash('sha256').update(Buffer.from(hex('s'), 'hex')).digest('hex'))
  })

  it('changing any input changes the seed', () => {
    fc.assert(
      fc.property(seedArb, hexArb, fc.nat(5), (input, other, which) => {
        const base = drawSeed(input).toString('hex')
        const changed: SeedInput[] = [
          { ...input, procurementId: `${input.procurementId}x` },
          { ...input, purpose: `${input.purpose}-2` },
          { ...input, secret: other === input.secret ? hex(other) : other },
          { ...input, nonces: [...input.nonces, other] },
          { ...input, beacon: `${input.beacon}1` },
          { ...input, nonces: input.nonces.length ? [hex(input.nonces[0]!), ...input.nonces.slice(1)] : [other] },
        ]
        expect(drawSeed(changed[which]!).toString('hex')).not.toBe(base)
      }),
    )
  })

  it('the order of nonces given does not matter; their set does', () => {
    fc.assert(
      fc.property(seedArb, (input) => {
        expect(drawSeed({ ...input, nonces: [...input.nonces].reverse() })).toEqual(drawSeed(input))
      }),
    )
  })

  it('every record it makes verifies, and any tampering is caught', () => {
    fc.assert(
      fc.property(seedArb, fc.uniqueArray(fc.stringMatching(/^91450[0-9A-Z]{13}$/), { minLength: 1, maxLength: 8 }), (input, keys) => {
        const record = makeRecord({ ...input, committedAt: new Date('2026-11-23T02:00:00Z'), candidates: keys.map((key, i) => ({ key, nonce: input.nonces[i] ?? '' })), pickAmong: 4 })
        expect(verifyRecord(record).ok).toBe(true)
        expect(record.winner).toBe(record.order[0])
        expect(verifyRecord({ ...record, winner: record.order.at(-1) }).ok).toBe(keys.length === 1)
        expect(verifyRecord({ ...record, secret: hex(record.secret) }).ok).toBe(false)
        expect(verifyRecord({ ...record, pick: { k: 4, index: (record.pick!.index + 1) % 4 } }).ok).toBe(false)
      }),
    )
  })

  it('100,000 draws over 5 candidates are uniform (chi-square, p > 0.01)', () => {
    const keys = ['A', 'B', 'C', 'D', 'E'].map((k) => ({ key: `914508000000000${k}XX` }))
    const wins = new Map<string, number>(keys.map((k) => [k.key, 0]))
    const picks = [0, 0, 0, 0]
    for (let i = 0; i < 100_000; i++) {
      // Deterministic secrets, so the test is reproducible; each is an independent SHA-256 output.
      const seed = drawSeed({ procurementId: `p-${i}`, purpose: 'award', secret: hex(`secret-${i}`), nonces: [] })
      const first = drawOrder(seed, keys)[0]!.key
      wins.set(first, wins.get(first)! + 1)
      picks[pickIndex(seed, 4)]!++
    }
    const chi = (counts: number[]) => {
      const expected = counts.reduce((a, b) => a + b, 0) / counts.length
      return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0)
    }
    // Critical values at p = 0.01: 13.277 for 4 degrees of freedom, 11.345 for 3.
    expect(chi([...wins.values()])).toBeLessThan(13.277)
    expect(chi(picks)).toBeLessThan(11.345)
  }, 60_000)

  it('agrees byte for byte with the independent Python verifier', () => {
    const record = makeRecord({
      procurementId: '6f1c2a9e-4b7d-4c1e-9a35-2d8f1e0b7c44',
      purpose: 'award',
      secret: hex('published secret'),
      committedAt: new Date('2026-11-23T02:00:00Z'),
      candidates: [
        { key: '91450802MA5KXXXX01', nonce: hex('n1') },
        { key: '91450804MA5KYYYY02', nonce: hex('n2') },
        { key: '91450881MA5KZZZZ03', nonce: hex('n3') },
      ],
      pickAmong: 4,
    })
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'draw-')), 'record.json')
    fs.writeFileSync(file, JSON.stringify(record))
    const out = execFileSync('python3', [path.resolve(__dirname, '../../docs/draw/verify_draw.py'), file], { encoding: 'utf8' }).trim().split('\n')
    expect(out[1]).toBe('OK')
    const python = JSON.parse(out[0]!) as { commitment: string; scores: Record<string, string>; order: string[]; winner: string; pick: { k: number; index: number } }
    expect(python.commitment).toBe(record.commitment)
    expect(python.order).toEqual(record.order)
    expect(python.winner).toBe(record.winner)
    expect(python.pick).toEqual(record.pick)
    for (const c of record.candidates) expect(python.scores[c.key]).toBe(c.score)
  })
})
