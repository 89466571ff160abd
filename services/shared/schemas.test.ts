import { describe, expect, it } from 'vitest'
import { isoDay, isUuid } from './schemas'

describe('shared form checks', () => {
  it('accepts real days and gives a field error, not an exception, for impossible ones', () => {
    expect(isoDay.safeParse('2028-02-29').success).toBe(true)
    for (const bad of ['2026-02-30', '2026-13-45', '9999-99-99', '2026-1-5', '']) expect(isoDay.safeParse(bad).error?.issues[0]?.message, bad).toBe('errors.date')
  })
  it('recognizes ids by their shape', () => {
    expect(isUuid('0b6f8f3e-2b1a-4c5d-9e7f-0123456789ab')).toBe(true)
    for (const bad of ['', 'new', '0b6f8f3e2b1a4c5d9e7f0123456789ab----', "x' or 1=1"]) expect(isUuid(bad), bad).toBe(false)
  })
})
