import type { Permission } from '../../services/auth'
import type { OrgId, UserId } from '../../db/schema'
import { inbox, unreadCount } from '../../services/notifications'
import { organizationProfile } from '../../services/orgs'
import { getApp } from './app.server'
import { perRequest } from './request-scope.server'
import { requirePermission } from './auth.server'

/** What every role's home loads first: the session (checked for the home's permission) and the profile. */
export async function loadHome(request: Request, permission: Permission) {
  const session = await requirePermission(request, permission)
  const app = await getApp()
  const profile = await organizationProfile(app.db, session.org.id)
  if (!profile) throw new Response('Not found', { status: 404 })
  return { session, profile, app }
}

/** The signed-in user's newest messages (a page of them, from `before`), ready for the `Inbox` component. */
export async function loadInbox(db: Awaited<ReturnType<typeof getApp>>['db'], session: { user: { id: UserId }; org: { id: OrgId } }, limit = 8, before?: string) {
  const notes = await inbox(db, { id: session.user.id, orgId: session.org.id }, limit, before)
  return notes.map((n) => ({ id: n.id, kind: n.kind, params: n.params as Record<string, string | number>, createdAt: n.createdAt.toISOString(), read: n.read, link: n.link, cursor: `${n.createdAt.toISOString()}_${n.id}` }))
}

/** How many of the user's messages are unread: counted once per request (the header and a home both show it). */
export function loadUnread(db: Awaited<ReturnType<typeof getApp>>['db'], session: { user: { id: UserId }; org: { id: OrgId } }): Promise<number> {
  const count = () => unreadCount(db, { id: session.user.id, orgId: session.org.id })
  return perRequest(`unread:${session.user.id}`, count) ?? count()
}
