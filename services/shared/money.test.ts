import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fenToYuanInput, parseYuan } from './money'

describe('yuan input', () => {
  it('parses what people type', () => {
    expect(parseYuan('12,345.67')).toBe(1_234_567)
    expect(parseYuan('¥800')).toBe(80_000)
    expect(parseYuan(' 0.1 ')).toBe(10)
    expect(parseYuan('5000元')).toBe(500_000)
    expect(parseYuan('9735790')).toBe(973_579_000)
  })
  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '-5', '1.234', '1,23', '1e5', '12.3.4', '99999999999']) expect(parseYuan(bad), bad).toBeNull()
  })
  it('property: fen → yuan text → fen is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (fen) => {
        expect(parseYuan(fenToYuanInput(fen))).toBe(fen)
      }),
    )
  })
})
