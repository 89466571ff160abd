import { describe, expect, it } from 'vitest'
import { sign, signatureHeader, signatureProblem } from './signature'

const body = '{"id":"evt_1","type":"payment.held"}'
const now = new Date('2026-12-07T02:00:00Z')
const t = now.getTime() / 1000

describe('webhook signatures', () => {
  it('takes a body signed with one of our secrets within 300 seconds either way', () => {
    expect(signatureProblem(signatureHeader(['whsec_a_0123456789'], t, body), body, ['whsec_a_0123456789'], now)).toBeNull()
    expect(signatureProblem(signatureHeader(['whsec_a_0123456789'], t - 300, body), body, ['whsec_a_0123456789'], now)).toBeNull()
    expect(signatureProblem(signatureHeader(['whsec_a_0123456789'], t + 300, body), body, ['whsec_a_0123456789'], now)).toBeNull()
    expect(signatureProblem(signatureHeader(['whsec_a_0123456789'], t - 301, body), body, ['whsec_a_0123456789'], now)).toBe('stale')
    expect(signatureProblem(signatureHeader(['whsec_a_0123456789'], t + 301, body), body, ['whsec_a_0123456789'], now)).toBe('stale')
  })
  it('signs "<t>.<raw body>" with HMAC-SHA256, so any change to the body or the time breaks it', () => {
    expect(sign('whsec_a_0123456789', 1765072800, body)).toMatch(/^[0-9a-f]{64}$/)
    const header = signatureHeader(['whsec_a_0123456789'], t, body)
    expect(signatureProblem(header, body.replace('held', 'settled'), ['whsec_a_0123456789'], now)).toBe('mismatch')
    expect(signatureProblem(header.replace(`t=${t}`, `t=${t + 1}`), body, ['whsec_a_0123456789'], now)).toBe('mismatch')
    expect(signatureProblem(header, body, ['whsec_b_0123456789'], now)).toBe('mismatch')
  })
  it('accepts any of several v1 values and any of several secrets during a rotation', () => {
    const both = signatureHeader(['whsec_new_0123456789', 'whsec_old_0123456789'], t, body)
    expect(both.split(',')).toHaveLength(3)
    expect(signatureProblem(both, body, ['whsec_old_0123456789'], now)).toBeNull()
    expect(signatureProblem(both, body, ['whsec_new_0123456789'], now)).toBeNull()
    expect(signatureProblem(signatureHeader(['whsec_old_0123456789'], t, body), body, ['whsec_new_0123456789', 'whsec_old_0123456789'], now)).toBeNull()
  })
  it('says what is wrong with a header it cannot read', () => {
    expect(signatureProblem(null, body, ['whsec_a_0123456789'], now)).toBe('missing')
    expect(signatureProblem('', body, ['whsec_a_0123456789'], now)).toBe('missing')
    expect(signatureProblem(`t=${t}`, body, ['whsec_a_0123456789'], now)).toBe('malformed')
    expect(signatureProblem('v1=' + 'a'.repeat(64), body, ['whsec_a_0123456789'], now)).toBe('malformed')
    expect(signatureProblem(`t=${t},v1=xyz`, body, ['whsec_a_0123456789'], now)).toBe('malformed')
  })
})
