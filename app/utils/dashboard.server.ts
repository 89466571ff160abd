import type { Permission } from '../../services/auth'
import { organizationProfile } from '../../services/orgs'
import { getApp } from './app.server'
import { requirePermission } from './auth.server'

/** What every role's home loads first: the session (checked for the home's permission) and the profile. */
export async function loadHome(request: Request, permission: Permission) {
  const session = await requirePermission(request, permission)
  const app = await getApp()
  const profile = await organizationProfile(app.db, session.org.id)
  if (!profile) throw new Response('Not found', { status: 404 })
  return { session, profile, app }
}
