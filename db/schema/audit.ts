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

/**
 * The chain's head, published at fixed times and signed (Ed25519) with a key kept outside the
 * database (services/audit/anchors.ts). Anyone may archive them from /audit/anchors.json; a copy
 * kept elsewhere catches what the chain alone cannot: newest entries deleted, or an entry edited
 * and every later hash recomputed.
 */
export const auditAnchors = pgTable('audit_anchors', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** the newest entry when published, and its hash */
  headId: bigint({ mode: 'number' }).notNull(),
  headHash: text().notNull(),
  publishedAt: tstz().notNull(),
  /** which key signed it (the first 16 hex characters of its public key's SHA-256) */
  keyId: text().notNull(),
  /** base64 Ed25519 signature over the anchor's canonical JSON (`anchorStatement`) */
  signature: text().notNull(),
})
export type AuditAnchor = typeof auditAnchors.$inferSelect
