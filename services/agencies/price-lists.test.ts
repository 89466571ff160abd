import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { priceChanges } from './price-lists'

describe('priceChanges', () => {
  it('names added, removed and re-priced rows, and nothing else', () => {
    const v1 = [
      { itemId: 'a', content: '环评报告书', feeFen: 6_800_000 },
      { itemId: 'b', content: '环评报告表', feeFen: 1_500_000 },
      { itemId: 'c', content: '登记表', feeFen: 100_000 },
    ]
    const v2 = [
      { itemId: 'a', content: '环评报告书', feeFen: 6_300_000 },
      { itemId: 'b', content: '环评报告表', feeFen: 1_500_000 },
      { itemId: 'd', content: '竣工验收', feeFen: 2_000_000 },
    ]
    expect(priceChanges(v1, v2)).toEqual([
      { kind: 'changed', itemId: 'a', content: '环评报告书', fromFen: 6_800_000, toFen: 6_300_000 },
      { kind: 'added', itemId: 'd', content: '竣工验收', toFen: 2_000_000 },
      { kind: 'removed', itemId: 'c', content: '登记表', fromFen: 100_000 },
    ])
  })

  it('a list compared with itself has no changes; against nothing, every row is added', () => {
    const row = fc.record({ itemId: fc.constantFrom('a', 'b', 'c'), content: fc.string({ maxLength: 4 }), feeFen: fc.integer({ min: 1, max: 10 ** 9 }) })
    const list = fc.uniqueArray(row, { selector: (r) => `${r.itemId}|${r.content}`, maxLength: 8 })
    fc.assert(
      fc.property(list, (rows) => {
        expect(priceChanges(rows, rows)).toEqual([])
        expect(priceChanges([], rows).map((c) => c.kind)).toEqual(rows.map(() => 'added'))
      }),
    )
  })
})
