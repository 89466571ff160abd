import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { files, procurements, type ProcurementId, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import { storeScan } from '../files'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'

/** At most this many attachments to one announcement. */
export const MAX_ATTACHMENTS = 10

/** A file name fit to show: no path, no control characters, at most 100 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim()
  return clean.slice(0, 100) || 'attachment'
}

async function ownDraft(tx: Db, actor: Actor, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  const [p] = await tx.select().from(procurements).where(and(eq(procurements.id, id as ProcurementId), eq(procurements.ownerOrgId, actor.orgId))).for('update')
  if (!p) throw new DomainError('errors.notFound')
  // Attachments are terms: they change with the draft, not after publication.
  if (p.status !== 'draft') throw new DomainError('errors.illegalStep', undefined, { action: 'attach', from: p.status })
  return p
}

/** The owner attaches a document (PDF, JPEG or PNG by content) to its draft. */
export async function addAttachment(db: Db, clock: Clock, actor: Actor & { userId: UserId }, id: string, bytes: Uint8Array, name: string) {
  return db.transaction(async (tx) => {
    const p = await ownDraft(tx, actor, id)
    const existing = await tx.select({ id: files.id }).from(files).where(and(eq(files.procurementId, p.id), eq(files.purpose, 'attachment')))
    if (existing.length >= MAX_ATTACHMENTS) throw new DomainError('errors.tooManyAttachments', 'file', { n: MAX_ATTACHMENTS })
    const now = clock.now()
    const fileId = await storeScan(tx, { orgId: actor.orgId, userId: actor.userId, bytes, field: 'file', at: now, purpose: 'attachment', procurementId: p.id, name: cleanFileName(name) })
    await appendAudit(tx, { actor, action: 'procurement.attach', entityType: 'procurement', entityId: p.id, after: { fileId, name: cleanFileName(name) }, at: now })
    return fileId
  })
}

export async function removeAttachment(db: Db, clock: Clock, actor: Actor & { userId: UserId }, id: string, fileId: string) {
  if (!isUuid(fileId)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const p = await ownDraft(tx, actor, id)
    const [gone] = await tx.delete(files).where(and(eq(files.id, fileId), eq(files.procurementId, p.id), eq(files.purpose, 'attachment'))).returning({ id: files.id, name: files.name })
    if (!gone) throw new DomainError('errors.notFound')
    await appendAudit(tx, { actor, action: 'procurement.detach', entityType: 'procurement', entityId: p.id, before: gone, at: clock.now() })
  })
}

/** A procurement's attachments: names, sizes and ids (never the content). */
export async function attachmentsOf(db: Db, id: ProcurementId) {
  return db
    .select({ id: files.id, name: files.name, size: files.size, mime: files.mime })
    .from(files)
    .where(and(eq(files.procurementId, id), eq(files.purpose, 'attachment')))
    .orderBy(asc(files.createdAt))
}

/** Whether anyone may download this file without signing in: an attachment of a published procurement. */
export async function isPublicAttachment(db: Db, file: { purpose: string; procurementId: string | null }) {
  if (file.purpose !== 'attachment' || !file.procurementId) return false
  const [p] = await db.select({ status: procurements.status }).from(procurements).where(eq(procurements.id, file.procurementId as ProcurementId))
  return !!p && p.status !== 'draft'
}
