import { describe, expect, it } from 'vitest'
import { admissionState } from './admission-state'

const q = (status: 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'expired', validTo = '2027-12-31') => ({ status, validFrom: '2025-01-01', validTo })
const today = '2026-11-23'

describe('admissionState', () => {
  it('is draft until the commitment is accepted, whatever is held', () => {
    expect(admissionState({ submitted: false, qualifications: [q('approved')], today })).toBe('draft')
  })

  it('is approved with one valid verified qualification, even beside pending or rejected ones', () => {
    expect(admissionState({ submitted: true, qualifications: [q('rejected'), q('pending'), q('approved')], today })).toBe('approved')
  })

  it('otherwise takes the most hopeful state: pending, changes requested, expired, rejected', () => {
    expect(admissionState({ submitted: true, qualifications: [q('rejected'), q('expired'), q('changes_requested'), q('pending')], today })).toBe('pending')
    expect(admissionState({ submitted: true, qualifications: [q('rejected'), q('expired'), q('changes_requested')], today })).toBe('changes_requested')
    expect(admissionState({ submitted: true, qualifications: [q('rejected'), q('expired')], today })).toBe('expired')
    expect(admissionState({ submitted: true, qualifications: [q('rejected')], today })).toBe('rejected')
  })

  it('counts a verified qualification past its last day as expired before the nightly job has run', () => {
    expect(admissionState({ submitted: true, qualifications: [q('approved', '2026-11-22')], today })).toBe('expired')
    expect(admissionState({ submitted: true, qualifications: [q('approved', '2026-11-23')], today })).toBe('approved')
  })
})
