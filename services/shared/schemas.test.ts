import { describe, expect, it } from 'vitest'
import { qualificationInputSchema } from '../agencies/qualifications'
import { isoDay, isUuid } from './schemas'

describe('shared form checks', () => {
  it('accepts real days and gives a field error, not an exception, for impossible ones', () => {
    expect(isoDay.safeParse('2028-02-29').success).toBe(true)
    for (const bad of ['2026-02-30', '2026-13-45', '9999-99-99', '2026-1-5', '']) expect(isoDay.safeParse(bad).error?.issues[0]?.message, bad).toBe('errors.date')
    const form = qualificationInputSchema.safeParse({ specialtyCode: 'eia', level: '2', certificateNo: 'HP-1234', issuer: '生态环境厅', validFrom: '2026-13-45', validTo: '2029-01-01' })
    expect(form.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['validFrom', 'errors.date']])
  })
  it('recognizes ids by their shape', () => {
    expect(isUuid('0b6f8f3e-2b1a-4c5d-9e7f-0123456789ab')).toBe(true)
    for (const bad of ['', 'new', '0b6f8f3e2b1a4c5d9e7f0123456789ab----', "x' or 1=1"]) expect(isUuid(bad), bad).toBe(false)
  })
})
