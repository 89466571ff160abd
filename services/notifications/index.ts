import { and, desc, eq, isNull, or } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { notifications, type OrgId, type UserId } from '../../db/schema'

export interface NotifyInput {
  orgId: OrgId
  userId?: UserId | null
  kind: string
  params?: Record<string, string | number>
  link?: string
  /** The same key notifies once, however often the sender runs. */
  dedupeKey?: string
  at: Date
}

/** Returns true when the notification is new, false when its dedupe key was sent already. */
export async function notify(db: Db, input: NotifyInput): Promise<boolean> {
  const inserted = await db
    .insert(notifications)
    .values({
      orgId: input.orgId,
      userId: input.userId ?? null,
      kind: input.kind,
      params: input.params ?? {},
      link: input.link ?? null,
      dedupeKey: input.dedupeKey ?? null,
      createdAt: input.at,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id })
  return inserted.length > 0
}

/** A user's inbox: their own notifications and their organization's. */
export async function inbox(db: Db, user: { id: UserId; orgId: OrgId }, limit = 20) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, user.orgId), or(isNull(notifications.userId), eq(notifications.userId, user.id))))
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
}
