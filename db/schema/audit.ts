import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { OrgId, UserId } from './ids'

/**
 * Append-only, hash-chained: each entry's hash covers its content and the previous entry's hash,
 * so any edit or deletion breaks the chain from that point on (`npm run audit:verify`).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: tstz().notNull(),
    actorUserId: uuid().$type<UserId>(),
    actorOrgId: uuid().$type<OrgId>(),
    ip: text(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    prevHash: text().notNull(),
    hash: text().notNull().unique(),
  },
  (t) => [index().on(t.entityType, t.entityId), index().on(t.action)],
)
export type AuditEntry = typeof auditLog.$inferSelect
