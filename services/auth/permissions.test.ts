import { describe, expect, it } from 'vitest'
import { can, permissionsFor } from './permissions'
import { passwordProblem } from './password'

describe('permissions', () => {
  it('gives each kind of organization its own powers and admins their organization', () => {
    expect(can({ kind: 'owner', role: 'member' }, 'create:procurement:own')).toBe(true)
    expect(can({ kind: 'agency', role: 'admin' }, 'create:procurement:own')).toBe(false)
    expect(can({ kind: 'agency', role: 'member' }, 'create:bid:own')).toBe(true)
    expect(can({ kind: 'authority', role: 'member' }, 'review:qualification:scoped')).toBe(true)
    expect(can({ kind: 'owner', role: 'admin' }, 'read:audit:any')).toBe(false)
    expect(can({ kind: 'market_office', role: 'member' }, 'update:calendar:any')).toBe(true)
    expect(can({ kind: 'owner', role: 'member' }, 'manage:members:own')).toBe(false)
    expect(can({ kind: 'owner', role: 'admin' }, 'manage:members:own')).toBe(true)
    expect(can(null, 'read:organization:own')).toBe(false)
  })
  it('splits the market office between those who propose and those who approve', () => {
    expect(can({ kind: 'market_office', role: 'operator' }, 'update:sanction:any')).toBe(true)
    expect(can({ kind: 'market_office', role: 'operator' }, 'approve:sanction:any')).toBe(false)
    expect(can({ kind: 'market_office', role: 'operator' }, 'approve:direct:any')).toBe(false)
    expect(can({ kind: 'market_office', role: 'approver' }, 'approve:sanction:any')).toBe(true)
    expect(can({ kind: 'market_office', role: 'approver' }, 'update:sanction:any')).toBe(false)
    expect(can({ kind: 'market_office', role: 'approver' }, 'update:catalog:any')).toBe(false)
    expect(can({ kind: 'market_office', role: 'admin' }, 'approve:sanction:any')).toBe(true)
    expect(can({ kind: 'agency', role: 'member' }, 'create:petition:own')).toBe(true)
    expect(can({ kind: 'owner', role: 'admin' }, 'approve:sanction:any')).toBe(false)
  })
  it('never lets an agency review or an owner bid', () => {
    for (const role of ['admin', 'member'] as const) {
      expect(permissionsFor('agency', role).has('review:qualification:scoped')).toBe(false)
      expect(permissionsFor('owner', role).has('create:bid:own')).toBe(false)
    }
  })
})

describe('password strength', () => {
  it('names what is wrong', () => {
    expect(passwordProblem('short1!')).toBe('errors.passwordTooShort')
    expect(passwordProblem('x'.repeat(129) + '1')).toBe('errors.passwordTooLong')
    expect(passwordProblem('onlyletterslong')).toBe('errors.passwordWeak')
    expect(passwordProblem('password1234')).toBe('errors.passwordWeak')
    expect(passwordProblem('zhangsan-2026x', 'zhangsan@example.com')).toBe('errors.passwordContainsEmail')
    expect(passwordProblem('zjcs-demo-2026', 'owner@example.com')).toBeNull()
  })
})
