import { and, eq, ne } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { authorityCategories, organizations, qualifications, qualificationSpecialties, type OrgId, type QualificationId } from '../../db/schema'
import { appendAudit } from '../audit'
import { storeScan } from '../files'
import { notify } from '../notifications'
import { submitted } from '../orgs'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError, uniqueAsField } from '../shared/errors'
import { shanghaiDate } from '../calendar'
import { qualificationStep } from './qualification-state'
import { isUuid } from '../shared/schemas'
import type { QualificationInput } from './qualification-input'

export { qualificationInputSchema, reviewDecisionSchema, type QualificationInput } from './qualification-input'


/** Two agencies racing to enter one certificate: the second is told it is taken. */
const CERTIFICATE_UNIQUE = { qualifications_certificateNo_unique: ['errors.certificateTaken', 'certificateNo'] } as const

async function checkInput(tx: Db, orgId: OrgId, input: QualificationInput, today: string, except?: QualificationId) {
  // A certificate whose validity has already ended qualifies for nothing: it is not taken in.
  if (input.validTo < today) throw new DomainError('errors.validToPast', 'validTo')
  const [specialty] = await tx.select().from(qualificationSpecialties).where(eq(qualificationSpecialties.code, input.specialtyCode))
  if (!specialty) throw new DomainError('errors.choose', 'specialtyCode')
  const clash = await tx
    .select({ id: qualifications.id })
    .from(qualifications)
    .where(and(eq(qualifications.certificateNo, input.certificateNo), except ? ne(qualifications.id, except) : undefined))
  // The same certificate cannot stand for two agencies, nor twice for one.
  if (clash.length) throw new DomainError('errors.certificateTaken', 'certificateNo')
  const [org] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, orgId))
  if (org?.kind !== 'agency') throw new DomainError('errors.illegalStep')
}

/** An agency submits a qualification with its scan; it waits for its authority as `pending`. */
export async function submitQualification(db: Db, clock: Clock, actor: Actor, input: QualificationInput, scan: Uint8Array) {
  return uniqueAsField(() => db.transaction(async (tx) => {
    const now = clock.now()
    await checkInput(tx, actor.orgId, input, shanghaiDate(now))
    const scanFileId = await storeScan(tx, { orgId: actor.orgId, userId: actor.userId, bytes: scan, field: 'scan', at: now })
    const [row] = await tx
      .insert(qualifications)
      .values({ ...input, orgId: actor.orgId, status: 'pending', scanFileId, createdAt: now, updatedAt: now })
      .returning()
    await appendAudit(tx, { actor, action: 'qualification.submit', entityType: 'qualification', entityId: row!.id, after: row, at: now })
    return row!
  }), CERTIFICATE_UNIQUE)
}

/** After changes were asked for, a rejection or expiry: corrected data (and perhaps a new scan) go back for review. */
export async function resubmitQualification(db: Db, clock: Clock, actor: Actor, id: QualificationId, input: QualificationInput, scan: Uint8Array | null) {
  return uniqueAsField(() => db.transaction(async (tx) => {
    // Ownership is part of the query: another agency's id finds nothing.
    const [current] = await tx.select().from(qualifications).where(and(eq(qualifications.id, id), eq(qualifications.orgId, actor.orgId))).for('update')
    if (!current) throw new DomainError('errors.notFound')
    const status = qualificationStep('resubmit', 'agency', current.status)
    const now = clock.now()
    await checkInput(tx, actor.orgId, input, shanghaiDate(now), id)
    const scanFileId = scan && scan.length ? await storeScan(tx, { orgId: actor.orgId, userId: actor.userId, bytes: scan, field: 'scan', at: now }) : current.scanFileId
    const [row] = await tx
      .update(qualifications)
      .set({ ...input, status, scanFileId, reviewReason: null, reviewedAt: null, reviewedBy: null, updatedAt: now })
      .where(eq(qualifications.id, id))
      .returning()
    await appendAudit(tx, { actor, action: 'qualification.resubmit', entityType: 'qualification', entityId: id, before: current, after: row, at: now })
    return row!
  }), CERTIFICATE_UNIQUE)
}

export type ReviewDecision = 'approve' | 'reject' | 'requestChanges'
const REVIEW_NOTICE: Record<ReviewDecision, string> = { approve: 'qualificationApproved', reject: 'qualificationRejected', requestChanges: 'qualificationChangesRequested' }

/** The qualification with its agency and specialty, if it falls in this authority's categories. */
export async function qualificationForReview(db: Db, authorityId: OrgId, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ qualification: qualifications, specialtyZh: qualificationSpecialties.nameZh, specialtyEn: qualificationSpecialties.nameEn, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn, agencyUscc: organizations.uscc })
    .from(qualifications)
    .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, qualifications.specialtyCode))
    .innerJoin(organizations, eq(organizations.id, qualifications.orgId))
    .innerJoin(authorityCategories, and(eq(authorityCategories.categoryId, qualificationSpecialties.categoryId), eq(authorityCategories.orgId, authorityId)))
    .where(and(eq(qualifications.id, id as QualificationId), submitted(qualifications.orgId)))
  return row ?? null
}


/** An authority approves, rejects or asks for changes, within its own categories only. */
export async function reviewQualification(db: Db, clock: Clock, actor: Actor, id: QualificationId, decision: ReviewDecision, reason: string) {
  const why = reason.trim()
  if (decision !== 'approve' && why.length < 4) throw new DomainError('errors.reasonRequired', 'reason')
  if (why.length > 500) throw new DomainError('errors.tooLong', 'reason')
  return db.transaction(async (tx) => {
    const found = await qualificationForReview(tx, actor.orgId, id)
    if (!found) throw new DomainError('errors.notFound')
    const current = found.qualification
    const status = qualificationStep(decision, 'authority', current.status)
    const now = clock.now()
    const [row] = await tx
      .update(qualifications)
      .set({ status, reviewReason: decision === 'approve' ? null : why, reviewedAt: now, reviewedBy: actor.userId, updatedAt: now })
      .where(and(eq(qualifications.id, id), eq(qualifications.status, current.status)))
      .returning()
    if (!row) throw new DomainError('errors.illegalStep')
    await appendAudit(tx, { actor, action: `qualification.${decision}`, entityType: 'qualification', entityId: id, before: { status: current.status }, after: { status, reason: row.reviewReason }, at: now })
    await notify(tx, {
      orgId: current.orgId,
      kind: REVIEW_NOTICE[decision],
      params: { specialtyZh: found.specialtyZh, specialtyEn: found.specialtyEn, certificate: current.certificateNo, reason: why },
      link: `/agency/qualifications/${id}`,
      at: now,
    })
    return row
  })
}

/** An agency's own qualification, for its edit page. */
export async function ownQualification(db: Db, orgId: OrgId, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(qualifications).where(and(eq(qualifications.id, id as QualificationId), eq(qualifications.orgId, orgId)))
  return row ?? null
}
