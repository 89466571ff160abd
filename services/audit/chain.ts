import { createHash } from 'node:crypto'
import * as z from 'zod'
import { asc, desc, gt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { auditLog, type AuditEntry, type OrgId, type UserId } from '../../db/schema'
import { canonicalJson } from '../shared/canonical-json'

export const GENESIS_HASH = '0'.repeat(64)
/** Serializes appends, so the chain never forks even with several app processes. */
const AUDIT_LOCK = 72_230_002

export interface AuditActor {
  userId?: UserId | null
  orgId?: OrgId | null
  ip?: string | null
}

export interface AuditInput {
  actor: AuditActor
  action: string
  entityType: string
  entityId?: string | null
  before?: unknown
  after?: unknown
  at: Date
}

type HashedFields = Omit<AuditEntry, 'id' | 'hash'>

export function hashEntry(entry: HashedFields): string {
  const content = canonicalJson({
    prevHash: entry.prevHash,
    at: entry.at.toISOString(),
    actorUserId: entry.actorUserId ?? null,
    actorOrgId: entry.actorOrgId ?? null,
    ip: entry.ip ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  })
  return createHash('sha256').update(content).digest('hex')
}

/**
 * Appends one entry. Call it with the transaction that makes the change it records, so the
 * change and its entry commit or vanish together.
 */
export async function appendAudit(tx: Db, input: AuditInput): Promise<AuditEntry> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`)
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1)
  // Millisecond precision, so the stored time reads back to the same instant the hash covered.
  const at = new Date(Math.floor(input.at.getTime()))
  const fields: HashedFields = {
    prevHash: last?.hash ?? GENESIS_HASH,
    at,
    actorUserId: input.actor.userId ?? null,
    actorOrgId: input.actor.orgId ?? null,
    ip: input.actor.ip ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: normalize(input.before),
    after: normalize(input.after),
  }
  const [row] = await tx.insert(auditLog).values({ ...fields, hash: hashEntry(fields) }).returning()
  return row!
}

/** What jsonb gives back: plain JSON values (dates as strings, no undefined). */
function normalize(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value))
}

export interface ChainReport {
  ok: boolean
  checked: number
  /** The first entry whose hash or link does not hold. */
  brokenAt?: { id: number; reason: 'hash' | 'link' }
}

/** Walks the whole chain in pages, recomputing every hash. */
export async function verifyChain(db: Db, pageSize = 1000): Promise<ChainReport> {
  let prev = GENESIS_HASH
  let lastId = 0
  let checked = 0
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize)
    for (const entry of page) {
      if (entry.prevHash !== prev) return { ok: false, checked, brokenAt: { id: entry.id, reason: 'link' } }
      if (hashEntry(entry) !== entry.hash) return { ok: false, checked, brokenAt: { id: entry.id, reason: 'hash' } }
      prev = entry.hash
      lastId = entry.id
      checked++
    }
    if (page.length < pageSize) return { ok: true, checked }
  }
}

/** The page of the audit log to show: entries before this id (a positive integer), or the newest. */
export const auditCursorSchema = z.coerce.number().int().min(1).max(2_147_483_647).optional()

export async function recentAudit(db: Db, limit = 50, beforeId?: number) {
  const query = db.select().from(auditLog)
  const rows = await (beforeId ? query.where(sql`${auditLog.id} < ${beforeId}`) : query)
    .orderBy(desc(auditLog.id))
    .limit(limit)
  return rows
}
