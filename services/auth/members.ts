import { createHash, randomBytes } from 'node:crypto'
import { and, asc, count, desc, eq, gt, isNull } from 'drizzle-orm'
import type * as z from 'zod/mini'
import type { Db } from '../../db/client'
import { invitations, organizations, passwords, users, type Invitation, type OrgId, type UserId, type UserRole } from '../../db/schema'
import { appendAudit } from '../audit'
import { hashPassword, passwordProblem } from './password'
import { createSession, invalidateUserSessions } from './sessions'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { ROLES_BY_KIND, type acceptInviteSchema, type inviteSchema, type memberRoleSchema } from './members-input'

export { ROLES_BY_KIND, acceptInviteSchema, inviteSchema, memberRoleSchema, removeMemberSchema } from './members-input'

/*
 * An organization's members. Its admin invites a member by email, in a role its kind offers
 * (an owner's purchaser, the market office's operator or approver …): the link goes out through
 * the outbox, good for 7 days and once. The admin changes a member's role and removes a member
 * (its sessions end; its records stay, signed with its name). An organization always keeps an
 * admin. Every step is audited, by the user who took it.
 */

export const INVITATION_DAYS = 7
type Admin = Actor & { userId: UserId }

const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

async function orgOf(tx: Db, orgId: OrgId) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId))
  if (!org) throw new DomainError('errors.notFound')
  return org
}

function roleFor(kind: keyof typeof ROLES_BY_KIND, role: UserRole) {
  if (!ROLES_BY_KIND[kind].includes(role)) throw new DomainError('errors.choose', 'role')
}

/** The members of an organization, its admins first, and the invitations still open. */
export async function membersOf(db: Db, orgId: OrgId, now: Date) {
  const [members, pending] = await Promise.all([
    db.select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role }).from(users).where(and(eq(users.orgId, orgId), isNull(users.disabledAt))).orderBy(asc(users.createdAt)),
    db
      .select({ id: invitations.id, email: invitations.email, displayName: invitations.displayName, role: invitations.role, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .orderBy(desc(invitations.invitedAt)),
  ])
  return { members: [...members].sort((a, b) => Number(b.role === 'admin') - Number(a.role === 'admin')), pending }
}

/**
 * The admin invites someone by email. An address that already belongs to a user (of this
 * organization or another) is refused on its field, as is a role the organization's kind does
 * not have. A new invitation to the same address replaces the open one. Returns the token, which
 * only the email carries.
 */
export async function inviteMember(db: Db, clock: Clock, actor: Admin, input: z.infer<typeof inviteSchema>, locale: string = 'zh-CN'): Promise<{ invitation: Invitation; token: string }> {
  return db.transaction(async (tx) => {
    const now = clock.now()
    const org = await orgOf(tx, actor.orgId)
    roleFor(org.kind, input.role)
    const [taken] = await tx.select({ orgId: users.orgId, disabledAt: users.disabledAt }).from(users).where(eq(users.email, input.email))
    if (taken && taken.orgId !== org.id) throw new DomainError('errors.emailOtherOrg', 'email')
    if (taken && !taken.disabledAt) throw new DomainError('errors.alreadyMember', 'email')
    await tx.update(invitations).set({ revokedAt: now }).where(and(eq(invitations.orgId, org.id), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    const token = randomBytes(24).toString('base64url')
    const [invitation] = await tx
      .insert(invitations)
      .values({ orgId: org.id, email: input.email, displayName: input.displayName, role: input.role, tokenHash: tokenHash(token), invitedBy: actor.userId, invitedAt: now, expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000) })
      .returning()
    await appendAudit(tx, { actor, action: 'member.invite', entityType: 'organization', entityId: org.id, after: { id: invitation!.id, email: input.email, role: input.role }, at: now })
    await notify(tx, { orgId: org.id, toEmail: input.email, kind: 'invitation', params: { orgZh: org.nameZh, orgEn: org.nameEn, role: input.role, displayName: input.displayName, locale, days: INVITATION_DAYS }, link: `/invite/${token}`, at: now })
    return { invitation: invitation!, token }
  })
}

/** The open invitation a link names, with its organization; null when unknown, used, revoked or expired. */
export async function invitationByToken(db: Db, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null
  const [row] = await db
    .select({ invitation: invitations, nameZh: organizations.nameZh, nameEn: organizations.nameEn, kind: organizations.kind })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, tokenHash(token)))
  if (!row || row.invitation.acceptedAt || row.invitation.revokedAt || row.invitation.expiresAt <= now) return null
  return row
}

/**
 * The invitee accepts, choosing a password: the user is created in the invited role (a member
 * removed before is restored so), the invitation used, and a session opened.
 */
export async function acceptInvitation(db: Db, clock: Clock, token: string, input: z.infer<typeof acceptInviteSchema>, meta: { ip?: string | null; userAgent?: string | null } = {}) {
  const now = clock.now()
  const found = await invitationByToken(db, token, now)
  if (!found) throw new DomainError('errors.invitationGone')
  const weak = passwordProblem(input.password, found.invitation.email)
  if (weak) throw new DomainError(weak, 'password')
  const hash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(and(eq(invitations.id, found.invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))).for('update')
    if (!inv) throw new DomainError('errors.invitationGone')
    const [existing] = await tx.select().from(users).where(eq(users.email, inv.email))
    if (existing && existing.orgId !== inv.orgId) throw new DomainError('errors.emailOtherOrg')
    if (existing && !existing.disabledAt) throw new DomainError('errors.alreadyMember')
    const [user] = existing
      ? await tx.update(users).set({ disabledAt: null, role: inv.role, displayName: inv.displayName, updatedAt: now }).where(eq(users.id, existing.id)).returning()
      : await tx.insert(users).values({ email: inv.email, displayName: inv.displayName, orgId: inv.orgId, role: inv.role, createdAt: now, updatedAt: now }).returning()
    await tx.insert(passwords).values({ userId: user!.id, hash }).onConflictDoUpdate({ target: passwords.userId, set: { hash, updatedAt: now } })
    await tx.update(invitations).set({ acceptedAt: now, acceptedUserId: user!.id }).where(eq(invitations.id, inv.id))
    const actor = { userId: user!.id, orgId: inv.orgId, ip: meta.ip }
    await appendAudit(tx, { actor, action: 'member.join', entityType: 'user', entityId: user!.id, after: { email: user!.email, role: user!.role, invitationId: inv.id, invitedBy: inv.invitedBy }, at: now })
    const { token: sessionToken } = await createSession(tx, clock, user!.id, meta)
    return { user: user!, sessionToken }
  })
}

/** The member of the admin's organization, locked for a change; the organization keeps at least one admin. */
async function lockMember(tx: Db, actor: Admin, userId: string) {
  const [member] = await tx.select().from(users).where(and(eq(users.id, userId as UserId), eq(users.orgId, actor.orgId), isNull(users.disabledAt))).for('update')
  if (!member) throw new DomainError('errors.notFound')
  return member
}

async function keepsAnAdmin(tx: Db, orgId: OrgId, without: UserId) {
  const [row] = await tx.select({ n: count() }).from(users).where(and(eq(users.orgId, orgId), eq(users.role, 'admin'), isNull(users.disabledAt)))
  const admins = Number(row!.n)
  const [self] = await tx.select({ role: users.role }).from(users).where(eq(users.id, without))
  if (self?.role === 'admin' && admins <= 1) throw new DomainError('errors.lastAdmin')
}

export async function setMemberRole(db: Db, clock: Clock, actor: Admin, input: z.infer<typeof memberRoleSchema>) {
  return db.transaction(async (tx) => {
    const now = clock.now()
    const org = await orgOf(tx, actor.orgId)
    roleFor(org.kind, input.role)
    const member = await lockMember(tx, actor, input.userId)
    if (member.role === input.role) return member
    if (input.role !== 'admin') await keepsAnAdmin(tx, org.id, member.id)
    const [row] = await tx.update(users).set({ role: input.role, updatedAt: now }).where(eq(users.id, member.id)).returning()
    await appendAudit(tx, { actor, action: 'member.role', entityType: 'user', entityId: member.id, before: { role: member.role }, after: { role: input.role }, at: now })
    return row!
  })
}

/** Removes a member: it can no longer sign in and its sessions end; what it signed keeps its name. */
export async function removeMember(db: Db, clock: Clock, actor: Admin, userId: string) {
  return db.transaction(async (tx) => {
    const now = clock.now()
    if (userId === actor.userId) throw new DomainError('errors.removeSelf')
    const member = await lockMember(tx, actor, userId)
    await keepsAnAdmin(tx, actor.orgId, member.id)
    await tx.update(users).set({ disabledAt: now, updatedAt: now }).where(eq(users.id, member.id))
    await invalidateUserSessions(tx, member.id)
    await appendAudit(tx, { actor, action: 'member.remove', entityType: 'user', entityId: member.id, after: { email: member.email, role: member.role }, at: now })
  })
}

/** Withdraws an invitation not yet accepted. */
export async function revokeInvitation(db: Db, clock: Clock, actor: Admin, id: string) {
  return db.transaction(async (tx) => {
    const now = clock.now()
    const [row] = await tx.update(invitations).set({ revokedAt: now }).where(and(eq(invitations.id, id), eq(invitations.orgId, actor.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))).returning()
    if (!row) throw new DomainError('errors.notFound')
    await appendAudit(tx, { actor, action: 'member.revoke', entityType: 'organization', entityId: actor.orgId, after: { id: row.id, email: row.email }, at: now })
  })
}
