import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { emailOutbox, notifications, users, type OrgId, type ProcurementId, type UserId } from '../../db/schema'
import type { Clock } from '../shared/clock'
import { unsealed } from '../shared/unsealed'

export interface NotifyInput {
  orgId: OrgId
  userId?: UserId | null
  kind: string
  params?: Record<string, string | number>
  link?: string
  /** A notification that names a sealed bid's party: its emails stay out of the office's view until this procurement opens. */
  sealedUntilOpeningOf?: ProcurementId
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
      sealedUntilOpeningOf: input.sealedUntilOpeningOf ?? null,
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

export interface RenderedEmail {
  subject: string
  body: string
}
/** Renders one notification for one reader in their language; the web layer provides it (it owns the words). */
export type EmailRenderer = (input: { kind: string; params: Record<string, string | number>; link: string | null; locale: string; displayName: string }) => RenderedEmail

/**
 * Renders each notification not yet rendered into one outbox email per addressee (the user it
 * names, else every member of its organization), in the addressee's last language. Idempotent:
 * the (notification, user) pair is unique and the notification is marked once done.
 */
export async function renderOutbox(db: Db, clock: Clock, render: EmailRenderer, limit = 200) {
  const pending = await db.select().from(notifications).where(isNull(notifications.emailedAt)).orderBy(asc(notifications.createdAt)).limit(limit)
  let written = 0
  for (const n of pending)
    await db.transaction(async (tx) => {
      const to = await tx
        .select({ id: users.id, email: users.email, locale: users.locale, displayName: users.displayName })
        .from(users)
        .where(n.userId ? eq(users.id, n.userId) : eq(users.orgId, n.orgId))
      const now = clock.now()
      for (const user of to) {
        const locale = user.locale === 'en' ? 'en' : 'zh-CN'
        const { subject, body } = render({ kind: n.kind, params: n.params as Record<string, string | number>, link: n.link, locale, displayName: user.displayName })
        const inserted = await tx
          .insert(emailOutbox)
          .values({ notificationId: n.id, userId: user.id, toEmail: user.email, locale, subject, body, createdAt: now })
          .onConflictDoNothing()
          .returning({ id: emailOutbox.id })
        written += inserted.length
      }
      await tx.update(notifications).set({ emailedAt: now }).where(eq(notifications.id, n.id))
    })
  return { notifications: pending.length, emails: written }
}

/** The outbox's filters and page, from a shareable query string; anything malformed is ignored. */
export const outboxQuerySchema = z.object({
  to: z.string().trim().max(80).optional().catch(undefined),
  locale: z.enum(['zh-CN', 'en']).optional().catch(undefined),
  state: z.enum(['sent', 'unsent']).optional().catch(undefined),
  /** the cursor: the last row of the previous page, `<createdAt ISO>_<id>` */
  before: z.string().regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/).optional().catch(undefined),
})
export type OutboxQuery = z.infer<typeof outboxQuerySchema>
export const OUTBOX_PAGE_SIZE = 20

/**
 * The office's view of the outbox, newest first, a page at a time (by a cursor, so a page costs
 * the same however deep). An email about a sealed bid (a receipt, a consortium's invitation)
 * names a bidder, so it shows only once the bids are opened, and for a live auction once it has
 * ended: the one condition, `unsealed`, that `openedBids` asks too.
 */
export async function recentOutbox(db: Db, limit = 50, query: OutboxQuery = {}) {
  const where: SQL[] = [or(isNull(notifications.sealedUntilOpeningOf), unsealed(notifications.sealedUntilOpeningOf))!]
  if (query.to) where.push(ilike(emailOutbox.toEmail, `%${query.to.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
  if (query.locale) where.push(eq(emailOutbox.locale, query.locale))
  if (query.state) where.push(query.state === 'sent' ? isNotNull(emailOutbox.sentAt) : isNull(emailOutbox.sentAt))
  if (query.before) {
    const [at, id] = query.before.split('_') as [string, string]
    where.push(sql`(${emailOutbox.createdAt}, ${emailOutbox.id}) < (${new Date(at)}, ${id}::uuid)`)
  }
  return db
    .select({ email: emailOutbox, link: notifications.link })
    .from(emailOutbox)
    .innerJoin(notifications, eq(notifications.id, emailOutbox.notificationId))
    .where(and(...where))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit)
    .then((rows) => rows.map((r) => ({ ...r.email, link: r.link })))
}
