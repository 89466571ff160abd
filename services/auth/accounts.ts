import { and, count, eq, gt } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, passwords, regions, signInAttempts, users, type OrgId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import type { Clock } from '../shared/clock'
import { DomainError, uniqueAsField } from '../shared/errors'
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password'
import type { SignInInput, SignUpInput } from './schemas'
import { createSession, invalidateSessionToken, type SessionPolicy } from './sessions'

export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000 } as const

export interface RequestMeta {
  ip?: string | null
  userAgent?: string | null
}

/**
 * An owner or agency registers: its organization and first admin are created together, or not
 * at all. Expects input already parsed by `signUpSchema`.
 */
export async function signUp(db: Db, clock: Clock, input: SignUpInput, meta: RequestMeta = {}) {
  const weak = passwordProblem(input.password, input.email)
  if (weak) throw new DomainError(weak, 'password')
  const hash = await hashPassword(input.password)
  return uniqueAsField(() => db.transaction(async (tx) => {
    const [region] = await tx.select({ level: regions.level }).from(regions).where(eq(regions.code, input.regionCode))
    if (!region || region.level < 2) throw new DomainError('errors.region', 'regionCode')
    if ((await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email))).length)
      throw new DomainError('errors.emailTaken', 'email')
    if ((await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, input.uscc))).length)
      throw new DomainError('errors.usccTaken', 'uscc')
    const now = clock.now()
    const [org] = await tx
      .insert(organizations)
      .values({
        kind: input.orgKind,
        nameZh: input.orgNameZh,
        nameEn: input.orgNameEn || input.orgNameZh,
        uscc: input.uscc,
        regionCode: input.regionCode,
        address: input.address || null,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        contactEmail: input.email,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, displayName: input.displayName, orgId: org!.id, role: 'admin', createdAt: now, updatedAt: now })
      .returning()
    await tx.insert(passwords).values({ userId: user!.id, hash })
    const actor = { userId: user!.id, orgId: org!.id, ip: meta.ip }
    await appendAudit(tx, { actor, action: 'organization.create', entityType: 'organization', entityId: org!.id, after: org, at: now })
    await appendAudit(tx, {
      actor,
      action: 'user.sign_up',
      entityType: 'user',
      entityId: user!.id,
      after: { email: user!.email, displayName: user!.displayName, role: user!.role, orgId: org!.id },
      at: now,
    })
    return { user: user!, org: org! }
  }), SIGN_UP_UNIQUE)
}

/** Sign-ups that race on one email or one USCC: the loser is told as the check before would have told it. */
const SIGN_UP_UNIQUE = { users_email_unique: ['errors.emailTaken', 'email'], organizations_uscc_unique: ['errors.usccTaken', 'uscc'] } as const

/**
 * Checks the credentials and opens a new session (rotating any session the browser held).
 * A wrong password and an unknown email give the same error, and take the same time.
 * Five failures in 15 minutes lock the address until the oldest of them is 15 minutes old.
 */
export async function signIn(
  db: Db,
  clock: Clock,
  input: SignInInput,
  meta: RequestMeta & { previousToken?: string | null } = {},
  policy?: SessionPolicy,
) {
  const now = clock.now()
  const since = new Date(now.getTime() - LOCKOUT.windowMs)
  if ((await recentFailures(db, input.email, since)) >= LOCKOUT.failures) throw new DomainError('errors.locked')

  const [found] = await db
    .select({ user: users, hash: passwords.hash })
    .from(users)
    .innerJoin(passwords, eq(passwords.userId, users.id))
    .where(eq(users.email, input.email))
  const ok = await verifyPassword(found?.hash ?? (await dummyHash()), input.password)
  // A member removed from its organization is refused as an unknown address would be.
  const success = ok && !!found && !found.user.disabledAt

  return db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ email: input.email, ip: meta.ip ?? null, at: now, success })
    const actor = { userId: found?.user.id ?? null, orgId: found?.user.orgId ?? null, ip: meta.ip }
    if (!success) {
      await appendAudit(tx, { actor, action: 'auth.sign_in_failed', entityType: 'user', entityId: found?.user.id, after: { email: input.email }, at: now })
      if ((await recentFailures(tx, input.email, since)) >= LOCKOUT.failures) {
        const lockedUntil = new Date(now.getTime() + LOCKOUT.windowMs)
        if (found) await tx.update(users).set({ lockedUntil }).where(eq(users.id, found.user.id))
        await appendAudit(tx, { actor, action: 'auth.lockout', entityType: 'user', entityId: found?.user.id, after: { email: input.email, lockedUntil }, at: now })
        return { ok: false as const, error: 'errors.locked' }
      }
      return { ok: false as const, error: 'errors.badCredentials' }
    }
    if (meta.previousToken) await invalidateSessionToken(tx, meta.previousToken)
    const { token, session } = await createSession(tx, clock, found!.user.id, meta, policy)
    await appendAudit(tx, { actor, action: 'auth.sign_in', entityType: 'user', entityId: found!.user.id, at: now })
    return { ok: true as const, token, session, user: found!.user }
  })
}

async function recentFailures(db: Db, email: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.success, false), gt(signInAttempts.at, since)))
  return row!.n
}

export async function signOut(db: Db, clock: Clock, token: string, actor: { userId: UserId; orgId: OrgId; ip?: string | null }) {
  await db.transaction(async (tx) => {
    await invalidateSessionToken(tx, token)
    await appendAudit(tx, { actor, action: 'auth.sign_out', entityType: 'user', entityId: actor.userId, at: clock.now() })
  })
}

/** The language a user last used, for what reaches them outside the site (the email outbox). */
export async function rememberLocale(db: Db, userId: UserId, locale: string) {
  await db.update(users).set({ locale }).where(eq(users.id, userId))
}
