import { describe, expect, it } from 'vitest'
import { qualificationInputSchema } from './qualifications'

describe('the qualification form', () => {
  it('gives a field error, not an exception, for an impossible day', () => {
    const form = qualificationInputSchema.safeParse({ specialtyCode: 'eia', level: '2', certificateNo: 'HP-1234', issuer: '生态环境厅', validFrom: '2026-13-45', validTo: '2029-01-01' })
    expect(form.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['validFrom', 'errors.date']])
  })
})
