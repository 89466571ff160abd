import { and, asc, eq, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, practitioners, qualificationSpecialties, type OrgId, type PractitionerId } from '../../db/schema'
import { appendAudit } from '../audit'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError, uniqueAsField } from '../shared/errors'
import { maskIdNumber } from '../shared/id-number'
import { isUuid } from '../shared/schemas'
import type { PractitionerInput } from './practitioner-input'
import { birthDateOf } from '../shared/id-number'

export { practitionerInputSchema, type PractitionerInput } from './practitioner-input'

/** The identity number as anyone but its agency sees it, computed in SQL: the whole number is never selected. */
const maskedIdNumber = sql<string>`left(${practitioners.idNumber}, 4) || '**********' || right(${practitioners.idNumber}, 4)`

async function checkInput(tx: Db, actor: Actor, input: PractitionerInput, today: string, except?: PractitionerId) {
  const [specialty] = await tx.select({ code: qualificationSpecialties.code }).from(qualificationSpecialties).where(eq(qualificationSpecialties.code, input.specialtyCode))
  if (!specialty) throw new DomainError('errors.choose', 'specialtyCode')
  if (input.validTo < today) throw new DomainError('errors.registrationExpired', 'validTo')
  // The birth date in the number (digits 7–14) cannot be later than today.
  if (birthDateOf(input.idNumber) > today) throw new DomainError('errors.idNumber.birthFuture', 'idNumber')
  const [org] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, actor.orgId))
  if (org?.kind !== 'agency') throw new DomainError('errors.illegalStep')
  // A practitioner registers with one agency only: the same person or certificate elsewhere is refused.
  const clashes = await tx
    .select({ idNumber: practitioners.idNumber, certificateNo: practitioners.certificateNo })
    .from(practitioners)
    .where(and(or(eq(practitioners.idNumber, input.idNumber), eq(practitioners.certificateNo, input.certificateNo)), except ? ne(practitioners.id, except) : undefined))
  if (clashes.some((c) => c.idNumber === input.idNumber)) throw new DomainError('errors.idNumberTaken', 'idNumber')
  if (clashes.length) throw new DomainError('errors.certificateTaken', 'certificateNo')
}

/** The audit keeps the masked number: the log is read by supervisors, who must not learn it. */
const audited = (p: { name: string; idNumber: string; specialtyCode: string; certificateNo: string; validTo: string }) => ({
  name: p.name,
  idNumber: maskIdNumber(p.idNumber),
  specialtyCode: p.specialtyCode,
  certificateNo: p.certificateNo,
  validTo: p.validTo,
})

/** A person or certificate entered twice at once, by one agency or two: the second is told, as the check would. */
const PRACTITIONER_UNIQUE = { practitioners_idNumber_unique: ['errors.idNumberTaken', 'idNumber'], practitioners_certificateNo_unique: ['errors.certificateTaken', 'certificateNo'] } as const

export async function addPractitioner(db: Db, clock: Clock, actor: Actor, input: PractitionerInput, today: string) {
  return uniqueAsField(() => db.transaction(async (tx) => {
    await checkInput(tx, actor, input, today)
    const now = clock.now()
    const [row] = await tx.insert(practitioners).values({ ...input, orgId: actor.orgId, createdAt: now, updatedAt: now }).returning()
    await appendAudit(tx, { actor, action: 'practitioner.add', entityType: 'practitioner', entityId: row!.id, after: audited(row!), at: now })
    return row!
  }), PRACTITIONER_UNIQUE)
}

export async function updatePractitioner(db: Db, clock: Clock, actor: Actor, id: PractitionerId, input: PractitionerInput, today: string) {
  return uniqueAsField(() => db.transaction(async (tx) => {
    const [current] = await tx.select().from(practitioners).where(and(eq(practitioners.id, id), eq(practitioners.orgId, actor.orgId))).for('update')
    if (!current) throw new DomainError('errors.notFound')
    await checkInput(tx, actor, input, today, id)
    const now = clock.now()
    const [row] = await tx.update(practitioners).set({ ...input, updatedAt: now }).where(eq(practitioners.id, id)).returning()
    await appendAudit(tx, { actor, action: 'practitioner.update', entityType: 'practitioner', entityId: id, before: audited(current), after: audited(row!), at: now })
    return row!
  }), PRACTITIONER_UNIQUE)
}

export async function removePractitioner(db: Db, clock: Clock, actor: Actor, id: string) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(practitioners).where(and(eq(practitioners.id, id as PractitionerId), eq(practitioners.orgId, actor.orgId))).returning()
    if (!gone) throw new DomainError('errors.notFound')
    await appendAudit(tx, { actor, action: 'practitioner.remove', entityType: 'practitioner', entityId: gone.id, before: audited(gone), at: clock.now() })
  })
}

const columns = {
  id: practitioners.id,
  name: practitioners.name,
  specialtyCode: practitioners.specialtyCode,
  specialtyZh: qualificationSpecialties.nameZh,
  specialtyEn: qualificationSpecialties.nameEn,
  certificateNo: practitioners.certificateNo,
  validTo: practitioners.validTo,
}

/** The agency's own practitioners, identity numbers whole: only for the agency itself. */
export async function ownPractitioners(db: Db, orgId: OrgId) {
  return db
    .select({ ...columns, idNumber: practitioners.idNumber })
    .from(practitioners)
    .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, practitioners.specialtyCode))
    .where(eq(practitioners.orgId, orgId))
    .orderBy(asc(practitioners.name))
}

/** An agency's practitioners as everyone else sees them: the identity number masked in SQL. */
export async function publicPractitioners(db: Db, orgId: OrgId) {
  return db
    .select({ ...columns, idNumber: maskedIdNumber })
    .from(practitioners)
    .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, practitioners.specialtyCode))
    .where(eq(practitioners.orgId, orgId))
    .orderBy(asc(practitioners.name))
}

export async function ownPractitioner(db: Db, orgId: OrgId, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(practitioners).where(and(eq(practitioners.id, id as PractitionerId), eq(practitioners.orgId, orgId)))
  return row ?? null
}
