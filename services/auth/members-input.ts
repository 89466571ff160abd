import * as z from 'zod/mini'
import type { OrgKind, UserRole } from '../../db/schema'
import { email, text, uuid } from '../shared/fields'

/*
 * An admin's forms for the members of its organization: an invitation, a role changed, a member
 * removed; and the invitee's acceptance. Pure, so the browser checks them with the server's messages.
 */

/** The roles each kind of organization gives its members, its admin first (separation of duties). */
export const ROLES_BY_KIND: Record<OrgKind, readonly UserRole[]> = {
  owner: ['admin', 'purchaser'],
  agency: ['admin', 'member'],
  authority: ['admin', 'member'],
  market_office: ['admin', 'operator', 'approver'],
}

const role = z.enum(['admin', 'member', 'purchaser', 'operator', 'approver'], { error: 'errors.choose' })

export const inviteSchema = z.object({ email, displayName: text(1, 60), role })
export const memberRoleSchema = z.object({ userId: uuid('errors.notFound'), role })
export const removeMemberSchema = z.object({ userId: uuid('errors.notFound') })
export const acceptInviteSchema = z.object({ password: z.string({ error: 'errors.required' }).check(z.minLength(1, 'errors.required')) })
