import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, organizations, passwords, sessions, users } from '../../db/schema'
import { verifyChain } from '../../services/audit'
import { LOCKOUT, signIn, signUp, signUpSchema, validateSessionToken, type SignUpInput } from '../../services/auth'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { makeUscc, rng } from '../../seeds/factories'
import { freshDatabase } from '../support/db'

let database: Database
beforeAll(async () => {
  database = await freshDatabase()
})
afterAll(async () => database?.close())

const r = rng(7)
function input(overrides: Partial<Record<keyof SignUpInput, string>> = {}): SignUpInput {
  return signUpSchema.parse({
    email: `user${r.int(0, 1e9)}@example.com`,
    password: 'correct-horse-42',
    displayName: '王伟',
    orgKind: 'agency',
    orgNameZh: '广西测试工程咨询有限公司',
    uscc: makeUscc(r, '450802'),
    regionCode: '450802',
    contactName: '王伟',
    contactPhone: '13800138000',
    ...overrides,
  })
}
const policy = { idleMs: 30 * 60_000, absoluteMs: 8 * 3600_000 }
const domainCode = async (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}@${e.field}` : String(e)))
const tally = async () => ({
  orgs: (await database.db.select({ n: count() }).from(organizations))[0]!.n,
  users: (await database.db.select({ n: count() }).from(users))[0]!.n,
})

describe('sign-up', () => {
  it('creates the organization, its admin and the password hash together, and audits both', async () => {
    const clock = new ManualClock('2026-11-23T01:00:00Z')
    const data = input()
    const { user, org } = await signUp(database.db, clock, data, { ip: '10.0.0.1' })
    expect(user.role).toBe('admin')
    expect(org.uscc).toBe(data.uscc)
    const [stored] = await database.db.select().from(passwords).where(eq(passwords.userId, user.id))
    expect(stored!.hash).toMatch(/^\$argon2id\$/)
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.entityId, user.id))
    expect(entries.map((e) => e.action)).toContain('user.sign_up')
  })

  it('refuses a duplicate email, a duplicate USCC, an unknown region and a weak password, saving nothing', async () => {
    const clock = new ManualClock('2026-11-23T01:00:00Z')
    const first = input()
    await signUp(database.db, clock, first)
    const before = await tally()
    expect(await domainCode(signUp(database.db, clock, input({ email: first.email.toUpperCase() })))).toBe('errors.emailTaken@email')
    expect(await domainCode(signUp(database.db, clock, input({ uscc: first.uscc })))).toBe('errors.usccTaken@uscc')
    expect(await domainCode(signUp(database.db, clock, input({ regionCode: '999999' })))).toBe('errors.region@regionCode')
    expect(await domainCode(signUp(database.db, clock, input({ regionCode: '450000' })))).toBe('errors.region@regionCode')
    // The form schema reports a weak password; the service refuses one that got past it too.
    expect(signUpSchema.safeParse({ ...input(), password: 'abcdefghijk' }).error?.issues[0]?.message).toBe('errors.passwordWeak')
    expect(await domainCode(signUp(database.db, clock, { ...input(), password: 'abcdefghijk' }))).toBe('errors.passwordWeak@password')
    expect(await tally()).toEqual(before)
  })

  it('gives field errors for an invalid USCC, email and phone', () => {
    const result = signUpSchema.safeParse({ ...input(), uscc: '91350100M000100Y44', email: 'not-an-email', contactPhone: '12345' })
    expect(result.success).toBe(false)
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]))
    expect(issues).toMatchObject({ uscc: 'errors.usccCheck', email: 'errors.email', contactPhone: 'errors.phone' })
  })
})

describe('sign-in', () => {
  it('opens a session whose cookie token is stored only as its hash, and rotates the previous one', async () => {
    const clock = new ManualClock('2026-11-23T01:00:00Z')
    const data = input()
    await signUp(database.db, clock, data)
    const first = await signIn(database.db, clock, { email: data.email, password: data.password }, {}, policy)
    expect(first.ok).toBe(true)
    if (!first.ok) return
    expect(first.token).toMatch(/^[a-z2-7]{32}$/) // 160 bits
    expect(first.session.id).not.toBe(first.token)
    expect(first.session.id).toMatch(/^[0-9a-f]{64}$/)
    const second = await signIn(database.db, clock, { email: data.email, password: data.password }, { previousToken: first.token }, policy)
    expect(second.ok).toBe(true)
    expect(await validateSessionToken(database.db, clock, first.token, policy)).toBeNull()
    if (second.ok) expect((await validateSessionToken(database.db, clock, second.token, policy))?.user.email).toBe(data.email)
  })

  it('ends sessions after the idle timeout and after the absolute timeout', async () => {
    const clock = new ManualClock('2026-11-23T01:00:00Z')
    const data = input()
    await signUp(database.db, clock, data)
    const open = async () => {
      const result = await signIn(database.db, clock, { email: data.email, password: data.password }, {}, policy)
      if (!result.ok) throw new Error('sign-in failed')
      return result.token
    }
    const idle = await open()
    clock.advance(29 * 60_000)
    expect(await validateSessionToken(database.db, clock, idle, policy)).not.toBeNull()
    clock.advance(29 * 60_000) // used 29 minutes ago: still alive
    expect(await validateSessionToken(database.db, clock, idle, policy)).not.toBeNull()
    clock.advance(31 * 60_000)
    expect(await validateSessionToken(database.db, clock, idle, policy)).toBeNull()

    const busy = await open()
    for (let i = 0; i < 16; i++) {
      clock.advance(29 * 60_000)
      expect(await validateSessionToken(database.db, clock, busy, policy)).not.toBeNull()
    }
    clock.advance(29 * 60_000) // 8 h 13 min after sign-in, though active
    expect(await validateSessionToken(database.db, clock, busy, policy)).toBeNull()
    expect(await validateSessionToken(database.db, clock, 'not-a-token', policy)).toBeNull()
  })

  it('answers a wrong password and an unknown email alike, and locks after five failures in 15 minutes', async () => {
    const clock = new ManualClock('2026-11-23T01:00:00Z')
    const data = input()
    const { user } = await signUp(database.db, clock, data)
    const wrong = await signIn(database.db, clock, { email: data.email, password: 'wrong-password-1' })
    const unknown = await signIn(database.db, clock, { email: 'nobody@example.com', password: 'wrong-password-1' })
    expect(wrong).toEqual({ ok: false, error: 'errors.badCredentials' })
    expect(unknown).toEqual(wrong)
    for (let i = 2; i < LOCKOUT.failures; i++) {
      clock.advance(60_000)
      expect((await signIn(database.db, clock, { email: data.email, password: 'wrong-password-1' })).ok).toBe(false)
    }
    clock.advance(60_000)
    expect(await signIn(database.db, clock, { email: data.email, password: 'wrong-password-1' })).toEqual({ ok: false, error: 'errors.locked' })
    // Locked: even the right password is refused, and the refusal is the same for unknown emails.
    expect(await domainCode(signIn(database.db, clock, { email: data.email, password: data.password }))).toBe('errors.locked@undefined')
    const lockouts = await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.lockout'))
    expect(lockouts.map((e) => e.entityId)).toContain(user.id)
    // 15 minutes after the first failures the window has slid past them.
    clock.advance(15 * 60_000)
    expect((await signIn(database.db, clock, { email: data.email, password: data.password })).ok).toBe(true)
    expect((await verifyChain(database.db)).ok).toBe(true)
  })

  it('deletes sessions with their user', async () => {
    const rows = await database.db.select({ n: count() }).from(sessions)
    expect(rows[0]!.n).toBeGreaterThan(0)
  })
})
