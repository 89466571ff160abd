import { and, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, emailOutbox, users, type User } from '../../db/schema'
import { acceptInvitation, acceptInviteSchema, createSession, inviteMember, inviteSchema, memberRoleSchema, membersOf, permissionsFor, removeMember, setMemberRole, signIn, signInSchema, validateSessionToken } from '../../services/auth'
import { inbox, renderOutbox } from '../../services/notifications'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

/*
 * An organization with several users: its admin invites by email (the link through the outbox,
 * to that address only), the invitee joins in the role set by choosing a password, the admin
 * changes roles and removes members, and an organization never loses its last admin.
 */
let database: Database
let admin: User
const clock = new ManualClock('2026-11-23T02:00:00Z')
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const invite = (email: string, role = 'purchaser') => inviteMember(database.db, clock, as(admin), inviteSchema.parse({ email, displayName: '周敏', role }))
const PASSWORD = 'harbour-ledger-2026'

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  admin = (await database.db.select().from(users).where(eq(users.email, 'owner@example.com')))[0]!
})
afterAll(async () => database?.close())

describe('members of an organization', () => {
  it('are invited by email through the outbox, and join in the role set', async () => {
    expect(await code(invite('agency@example.com'))).toBe('errors.emailOtherOrg@email')
    expect(await code(invite('owner@example.com'))).toBe('errors.alreadyMember@email')
    expect(await code(invite('buyer@gangbei.test', 'approver'))).toBe('errors.choose@role')
    expect(inviteSchema.safeParse({ email: 'not-an-address', displayName: '周敏', role: 'purchaser' }).error?.issues.map((i) => i.message)).toEqual(['errors.email'])

    const first = await invite('Buyer@Gangbei.test')
    const { token } = await invite('buyer@gangbei.test')
    // The second replaced the first; the link is in the email to that address, in nobody's inbox.
    expect(await code(acceptInvitation(database.db, clock, first.token, acceptInviteSchema.parse({ password: PASSWORD })))).toBe('errors.invitationGone')
    expect((await inbox(database.db, { id: admin.id, orgId: admin.orgId })).some((n) => n.kind === 'invitation')).toBe(false)
    await renderOutbox(database.db, clock, ({ kind, link, locale }) => ({ subject: kind, body: `${locale} ${link}` }), 10_000)
    const mails = await database.db.select().from(emailOutbox).where(eq(emailOutbox.toEmail, 'buyer@gangbei.test'))
    // Both emails went out (the first before it was replaced); only the second's link works.
    expect(mails.map((m) => m.body).sort()).toEqual([`zh-CN /invite/${first.token}`, `zh-CN /invite/${token}`].sort())
    expect(mails.every((m) => m.userId === null)).toBe(true)
    expect((await membersOf(database.db, admin.orgId, clock.now())).pending.map((p) => p.email)).toEqual(['buyer@gangbei.test'])

    // A weak password is refused and the invitation stays usable; then the invitee joins and is signed in.
    expect(await code(acceptInvitation(database.db, clock, token, acceptInviteSchema.parse({ password: 'short' })))).toBe('errors.passwordTooShort@password')
    const joined = await acceptInvitation(database.db, clock, token, acceptInviteSchema.parse({ password: PASSWORD }))
    expect(joined.user).toMatchObject({ email: 'buyer@gangbei.test', role: 'purchaser', orgId: admin.orgId })
    expect(await validateSessionToken(database.db, clock, joined.sessionToken)).not.toBeNull()
    expect(await code(acceptInvitation(database.db, clock, token, acceptInviteSchema.parse({ password: PASSWORD })))).toBe('errors.invitationGone')
    expect([...permissionsFor('owner', 'purchaser')]).toContain('create:procurement:own')
    expect([...permissionsFor('owner', 'purchaser')]).not.toContain('manage:members:own')
    const [joinedEntry] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.join'), eq(auditLog.entityId, joined.user.id)))
    expect(joinedEntry!.actorUserId).toBe(joined.user.id)
  })

  it('lets the admin set roles and remove members, never the last admin', async () => {
    const [buyer] = await database.db.select().from(users).where(eq(users.email, 'buyer@gangbei.test'))
    expect(await code(setMemberRole(database.db, clock, as(admin), memberRoleSchema.parse({ userId: admin.id, role: 'purchaser' })))).toBe('errors.lastAdmin')
    await setMemberRole(database.db, clock, as(admin), memberRoleSchema.parse({ userId: buyer!.id, role: 'admin' }))
    await setMemberRole(database.db, clock, as(admin), memberRoleSchema.parse({ userId: buyer!.id, role: 'purchaser' }))
    expect(await code(removeMember(database.db, clock, as(admin), admin.id))).toBe('errors.removeSelf')
    const { token } = await createSession(database.db, clock, buyer!.id)
    await removeMember(database.db, clock, as(admin), buyer!.id)
    expect(await validateSessionToken(database.db, clock, token)).toBeNull()
    const again = await signIn(database.db, clock, signInSchema.parse({ email: 'buyer@gangbei.test', password: PASSWORD }))
    expect(again.ok).toBe(false)
    expect((await membersOf(database.db, admin.orgId, clock.now())).members.map((m) => m.email)).not.toContain('buyer@gangbei.test')
    // Removed members receive no more email; the records they made keep their name.
    expect(await database.db.select().from(users).where(and(eq(users.id, buyer!.id), isNotNull(users.disabledAt)))).toHaveLength(1)
    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, buyer!.id)).orderBy(auditLog.id)).map((a) => a.action)
    expect(actions.filter((a) => a.startsWith('member.'))).toEqual(['member.join', 'member.role', 'member.role', 'member.remove'])
    expect(actions).toContain('auth.sign_in_failed')
  })
})
