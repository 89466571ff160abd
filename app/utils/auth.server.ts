import { redirect } from '@remix-run/node'
import {
  can,
  invalidateSessionToken,
  permissionsFor,
  validateSessionToken,
  type Permission,
  type SessionContext,
  type SessionPolicy,
} from '../../services/auth'
import { getApp } from './app.server'
import { readCookie, serializeCookie } from './cookies.server'
import { forgetPerRequest, perRequest } from './request-scope.server'

export const SESSION_COOKIE = 'zjcs_session'

export async function sessionPolicy(): Promise<SessionPolicy> {
  const { config } = await getApp()
  return { idleMs: config.SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3600_000 }
}

export async function sessionCookie(token: string, maxAgeSeconds: number) {
  const { config } = await getApp()
  return serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds, secure: config.cookieSecure })
}

export async function clearSessionCookie() {
  return sessionCookie('', 0)
}

export function sessionToken(request: Request): string | null {
  return readCookie(request, SESSION_COOKIE)
}

/**
 * The signed-in user, their organization and session; null for the public. Read once per request:
 * the root's loader and the route's share it (the request scope), and so do calls with one Request.
 */
const cache = new WeakMap<Request, Promise<SessionContext | null>>()
export function getSession(request: Request): Promise<SessionContext | null> {
  const token = sessionToken(request)
  const read = async () => {
    if (!token) return null
    const { db, clock } = await getApp()
    return validateSessionToken(db, clock, token, await sessionPolicy())
  }
  const shared = perRequest(`session:${token ?? ''}`, read)
  if (shared) return shared
  let found = cache.get(request)
  if (!found) cache.set(request, (found = read()))
  return found
}

export async function requireSession(request: Request): Promise<SessionContext> {
  const session = await getSession(request)
  if (!session) {
    const url = new URL(request.url)
    const expired = sessionToken(request) ? '&expired=1' : ''
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}${expired}`, {
      headers: { 'set-cookie': await clearSessionCookie() },
    })
  }
  return session
}

/** The one gate of every protected loader and action: signed in, and allowed. */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionContext> {
  const session = await requireSession(request)
  if (!can({ kind: session.org.kind, role: session.user.role }, permission)) {
    throw new Response('Forbidden', { status: 403 })
  }
  return session
}

export function permissionList(session: SessionContext | null): Permission[] {
  return session ? [...permissionsFor(session.org.kind, session.user.role)] : []
}

export async function endSession(request: Request) {
  const token = sessionToken(request)
  if (token) {
    const { db } = await getApp()
    await invalidateSessionToken(db, token)
    forgetPerRequest(`session:${token}`)
  }
}
