import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, sessions, users, type OrgId, type Organization, type Session, type User, type UserId } from '../../db/schema'
import type { Clock } from '../shared/clock'

/**
 * Sessions as the Lucia guide lays them out: the cookie holds a random 160-bit token, the database
 * only its SHA-256. A session ends after `idleMs` without use or `absoluteMs` after sign-in.
 */
export interface SessionPolicy {
  idleMs: number
  absoluteMs: number
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 }
/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export async function createSession(
  db: Db,
  clock: Clock,
  userId: UserId,
  meta: { ip?: string | null; userAgent?: string | null } = {},
  policy = DEFAULT_SESSION_POLICY,
): Promise<{ token: string; session: Session }> {
  const token = generateSessionToken()
  const now = clock.now()
  const [session] = await db
    .insert(sessions)
    .values({
      id: sessionIdFromToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.absoluteMs),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .returning()
  return { token, session: session! }
}

export interface SessionContext {
  session: Session
  user: User
  org: Organization
}

export async function validateSessionToken(db: Db, clock: Clock, token: string, policy = DEFAULT_SESSION_POLICY): Promise<SessionContext | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const id = sessionIdFromToken(token)
  const [row] = await db
    .select({ session: sessions, user: users, org: organizations })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(sessions.id, id))
  if (!row || row.user.disabledAt) return null
  const now = clock.now().getTime()
  if (now >= row.session.expiresAt.getTime() || now >= row.session.lastSeenAt.getTime() + policy.idleMs) {
    await db.delete(sessions).where(eq(sessions.id, id))
    return null
  }
  if (now - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    const lastSeenAt = new Date(now)
    await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.id, id))
    row.session.lastSeenAt = lastSeenAt
  }
  return row
}

export async function invalidateSessionToken(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionIdFromToken(token)))
}

export async function invalidateUserSessions(db: Db, userId: UserId): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId))
}

/** Ends every session of every user of an organization (a listed agency is signed out at once). Returns how many. */
export async function invalidateOrgSessions(db: Db, orgId: OrgId): Promise<number> {
  const ended = await db.delete(sessions).where(inArray(sessions.userId, db.select({ id: users.id }).from(users).where(eq(users.orgId, orgId)))).returning({ id: sessions.id })
  return ended.length
}
