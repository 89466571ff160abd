import type { OrgId, UserId } from '../../db/schema'

/** Who acts: a signed-in user of an organization, and where the request came from. */
export interface Actor {
  userId: UserId
  orgId: OrgId
  ip?: string | null
}
