import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { idNumberCheckChar, idNumberProblem, maskIdNumber } from './id-number'

describe('identity numbers (GB 11643-1999)', () => {
  it('accepts the standard example and refuses a wrong check character', () => {
    // The worked example of GB 11643-1999, appendix: 11010519491231002X.
    expect(idNumberProblem('11010519491231002X')).toBeNull()
    expect(idNumberProblem('110105194912310021')).toBe('check')
  })

  it('names what is wrong', () => {
    expect(idNumberProblem('1101051949123100')).toBe('format')
    expect(idNumberProblem('11010519491231002x')).toBe('format')
    expect(idNumberProblem('110105194902300021')).toBe('birthDate')
  })

  it('any 17 digits with a valid birth date and their check character pass; any other last character fails', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), fc.date({ min: new Date('1940-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }), fc.stringMatching(/^\d{3}$/), (region, birth, seq) => {
        const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`
        const good = first17 + idNumberCheckChar(first17)
        expect(idNumberProblem(good)).toBeNull()
        for (const c of '0123456789X') if (c !== good[17]) expect(idNumberProblem(first17 + c)).toBe('check')
      }),
    )
  })

  it('masks all but the region prefix and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X')
  })
})
