import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { emailOutbox, notificationReads, notifications, users, type OrgId, type ProcurementId, type UserId } from '../../db/schema'
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
  /** an address that is no user yet (an invitation): emailed there only, in nobody's inbox */
  toEmail?: string
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
      toEmail: input.toEmail ?? null,
      createdAt: input.at,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id })
  return inserted.length > 0
}

/** The messages a user receives: their own and their organization's. */
const addressedTo = (user: { id: UserId; orgId: OrgId }) => and(eq(notifications.orgId, user.orgId), or(isNull(notifications.userId), eq(notifications.userId, user.id)), isNull(notifications.toEmail))

export const INBOX_PAGE_SIZE = 20

/**
 * A user's inbox, newest first, each message with whether this user has read it; a page at a
 * time by a cursor (`<createdAt ISO>_<id>` of the last row of the previous page).
 */
export async function inbox(db: Db, user: { id: UserId; orgId: OrgId }, limit = 20, before?: string) {
  const where: SQL[] = [addressedTo(user)!]
  const cursor = before && /^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/.test(before) ? (before.split('_') as [string, string]) : null
  if (cursor) where.push(sql`(${notifications.createdAt}, ${notifications.id}) < (${new Date(cursor[0])}, ${cursor[1]}::uuid)`)
  return db
    .select({ n: notifications, readAt: notificationReads.readAt })
    .from(notifications)
    .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, user.id)))
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .then((rows) => rows.map((r) => ({ ...r.n, read: r.readAt !== null })))
}

/** How many of the user's messages they have not read. */
export async function unreadCount(db: Db, user: { id: UserId; orgId: OrgId }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(addressedTo(user), sql`not exists (select 1 from ${notificationReads} r where r.notification_id = ${notifications.id} and r.user_id = ${user.id})`))
  return Number(row!.n)
}

/**
 * Marks one of the user's messages read (once; reading it again changes nothing) and returns it,
 * or null when it is not addressed to them.
 */
export async function readMessage(db: Db, clock: Clock, user: { id: UserId; orgId: OrgId }, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null
  const [message] = await db.select().from(notifications).where(and(eq(notifications.id, id), addressedTo(user)))
  if (!message) return null
  await db.insert(notificationReads).values({ notificationId: message.id, userId: user.id, readAt: clock.now() }).onConflictDoNothing()
  return message
}

/** Marks every message the user has now as read. */
export async function readAllMessages(db: Db, clock: Clock, user: { id: UserId; orgId: OrgId }): Promise<number> {
  const result = await db.execute(sql`
    insert into ${notificationReads} (notification_id, user_id, read_at)
    select n.id, ${user.id}, ${clock.now()} from ${notifications} n
    where n.org_id = ${user.orgId} and (n.user_id is null or n.user_id = ${user.id}) and n.to_email is null
    on conflict do nothing`)
  return (result as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as unknown as { affectedRows?: number }).affectedRows ?? 0
}

export interface RenderedEmail {
  subject: string
  body: string
}
/** Renders one notification for one reader in their language; the web layer provides it (it owns the words). */
export type EmailRenderer = (input: { kind: string; params: Record<string, string | number>; link: string | null; locale: string; displayName: string }) => RenderedEmail

/** Notifications rendered per batch; the outbox job runs batches until the backlog is done. */
export const OUTBOX_BATCH = 200

/**
 * Renders each notification not yet rendered into one outbox email per addressee (the user it
 * names, else every member of its organization), in the addressee's last language. Idempotent:
 * the (notification, user) pair is unique and the notification is marked once done.
 */
export async function renderOutbox(db: Db, clock: Clock, render: EmailRenderer, limit = OUTBOX_BATCH) {
  const pending = await db.select().from(notifications).where(isNull(notifications.emailedAt)).orderBy(asc(notifications.createdAt)).limit(limit)
  let written = 0
  for (const n of pending)
    await db.transaction(async (tx) => {
      // An address that is no user yet is written to in the language its inviter chose; removed members get nothing.
      const params = n.params as Record<string, string | number>
      const to: Array<{ id: UserId | null; email: string; locale: string | null; displayName: string }> = n.toEmail
        ? [{ id: null, email: n.toEmail, locale: typeof params.locale === 'string' ? params.locale : null, displayName: String(params.displayName ?? n.toEmail) }]
        : await tx
            .select({ id: users.id, email: users.email, locale: users.locale, displayName: users.displayName })
            .from(users)
            .where(and(n.userId ? eq(users.id, n.userId) : eq(users.orgId, n.orgId), isNull(users.disabledAt)))
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
