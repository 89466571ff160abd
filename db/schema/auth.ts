import { boolean, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { idColumn, timestamps, tstz } from './columns'
import type { OrgId, UserId } from './ids'
import { organizations } from './orgs'

/**
 * A user's role inside its organization. `admin` manages the members and may do everything its
 * organization may; the others follow the separation of duties of local platforms: an owner's
 * `purchaser` runs procurements, the market office's `operator` proposes and its `approver`
 * approves (a sanction, an exception). `member` is an agency's or an authority's user.
 */
export const userRole = pgEnum('user_role', ['admin', 'member', 'purchaser', 'operator', 'approver'])
export type UserRole = (typeof userRole.enumValues)[number]

export const users = pgTable(
  'users',
  {
    ...idColumn<UserId>(),
    /** Stored lower-cased, so that one address is one account. */
    email: text().notNull().unique(),
    displayName: text().notNull(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    role: userRole().notNull().default('member'),
    locale: text(),
    lockedUntil: tstz(),
    /** removed from its organization by an admin: cannot sign in; kept for the records it signed */
    disabledAt: tstz(),
    ...timestamps,
  },
  (t) => [index().on(t.orgId)],
)

/**
 * An admin's invitation of a member by email: the link (a token whose SHA-256 is kept) goes out
 * through the outbox and is good for 7 days, once. Accepting it creates the user in the role set.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    email: text().notNull(),
    displayName: text().notNull(),
    role: userRole().notNull(),
    tokenHash: text().notNull().unique(),
    invitedBy: uuid().notNull().$type<UserId>(),
    invitedAt: tstz().notNull(),
    expiresAt: tstz().notNull(),
    acceptedAt: tstz(),
    acceptedUserId: uuid().$type<UserId>(),
    revokedAt: tstz(),
  },
  (t) => [index().on(t.orgId), index().on(t.email)],
)
export type Invitation = typeof invitations.$inferSelect

/** Password hashes (argon2id) live apart from users, so no user query can carry them by accident. */
export const passwords = pgTable('passwords', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' })
    .$type<UserId>(),
  hash: text().notNull(),
  ...timestamps,
})

/** The id is the SHA-256 of the cookie's token: a database leak gives no usable session. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' })
      .$type<UserId>(),
    createdAt: tstz().notNull(),
    lastSeenAt: tstz().notNull(),
    /** Absolute end, whatever the activity. */
    expiresAt: tstz().notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId)],
)

/** Every sign-in attempt, for the lockout rule (5 failures in 15 minutes). */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    ip: text(),
    at: tstz().notNull(),
    success: boolean().notNull(),
  },
  (t) => [index().on(t.email, t.at)],
)

export type User = typeof users.$inferSelect
export type Session = typeof sessions.$inferSelect
