import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { OrgId, ProcurementId, UserId } from './ids'
import { procurements } from './procurement'
import { organizations } from './orgs'
import { users } from './auth'

/**
 * The in-app inbox. `kind` names an i18n message (notify.<kind>) rendered with `params` in the
 * reader's language. `dedupeKey` makes sending idempotent: a job that runs twice notifies once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    /** null: every member of the organization */
    userId: uuid().references(() => users.id).$type<UserId>(),
    kind: text().notNull(),
    params: jsonb().notNull().default({}),
    link: text(),
    dedupeKey: text().unique(),
    createdAt: tstz().notNull(),
    readAt: tstz(),
    /**
     * A notification about a sealed bid (a receipt, a consortium's invitation) names a bidder: its
     * emails stay out of the office's outbox view until this procurement's bids are opened.
     */
    sealedUntilOpeningOf: uuid().references(() => procurements.id).$type<ProcurementId>(),
    /** when the outbox job rendered its emails; null until then */
    emailedAt: tstz(),
    /** an email to an address that is no user yet (an invitation): sent there only, in nobody's inbox */
    toEmail: text(),
  },
  (t) => [index().on(t.orgId, t.createdAt), index().on(t.emailedAt)],
)
export type Notification = typeof notifications.$inferSelect

/**
 * Who has read which message: per user, since a message to an organization reaches each of its
 * members, and one member's reading it does not mean another has.
 */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid().notNull().references(() => notifications.id),
    userId: uuid().notNull().references(() => users.id).$type<UserId>(),
    readAt: tstz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
)

/**
 * 邮件发件箱: each notification rendered for each addressee in their language, ready for a mail
 * relay. Nothing sends it yet; the market office reads it at /office/outbox.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    notificationId: uuid().notNull().references(() => notifications.id),
    /** null for an email to an address that is no user yet */
    userId: uuid().references(() => users.id).$type<UserId>(),
    toEmail: text().notNull(),
    locale: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    createdAt: tstz().notNull(),
    sentAt: tstz(),
  },
  (t) => [index().on(t.createdAt), uniqueIndex().on(t.notificationId, t.userId)],
)
