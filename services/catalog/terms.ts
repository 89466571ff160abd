import { and, asc, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { qualificationSpecialties, serviceItems, serviceItemSpecialties, serviceItemVersions, type ItemTerms, type ServiceItemId, type UserId } from '../../db/schema'
import { appendAudit, type AuditActor } from '../audit'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import type { ItemTermsInput } from './terms-input'

export { itemTermsSchema, type ItemTermsInput } from './terms-input'

export async function itemByCode(db: Db, code: string) {
  const [item] = await db.select().from(serviceItems).where(eq(serviceItems.code, code))
  if (!item) return null
  const specialties = await db.select({ code: serviceItemSpecialties.specialtyCode }).from(serviceItemSpecialties).where(eq(serviceItemSpecialties.itemId, item.id))
  return { ...item, specialties: specialties.map((s) => s.code) }
}

export async function itemVersions(db: Db, itemId: ServiceItemId) {
  return db.select().from(serviceItemVersions).where(eq(serviceItemVersions.itemId, itemId)).orderBy(desc(serviceItemVersions.version))
}

/** The terms an item had at a version: what a procurement posted under that version keeps. */
export async function itemTermsAt(db: Db, itemId: ServiceItemId, version: number): Promise<ItemTerms | null> {
  const [row] = await db.select().from(serviceItemVersions).where(and(eq(serviceItemVersions.itemId, itemId), eq(serviceItemVersions.version, version)))
  return row?.terms ?? null
}

export async function allSpecialties(db: Db) {
  return db.select().from(qualificationSpecialties).orderBy(asc(qualificationSpecialties.code))
}

/**
 * A new version of an item's terms: the item's current columns change, the old version stays as
 * it was, and the change is audited. `expectedVersion` refuses an edit made on stale terms.
 */
export async function updateItemTerms(
  db: Db,
  clock: Clock,
  actor: AuditActor & { userId: UserId },
  itemId: ServiceItemId,
  expectedVersion: number,
  input: ItemTermsInput,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(serviceItems).where(eq(serviceItems.id, itemId)).for('update')
    if (!current) throw new DomainError('errors.notFound')
    if (current.version !== expectedVersion) throw new DomainError('errors.staleVersion')
    const known = new Set((await tx.select({ code: qualificationSpecialties.code }).from(qualificationSpecialties)).map((s) => s.code))
    if (!input.specialties.every((s) => known.has(s))) throw new DomainError('errors.chooseSpecialty', 'specialties')
    const now = clock.now()
    const terms: ItemTerms = {
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      standardDays: input.standardDays,
      legalBasis: input.legalBasis,
      authorityZh: input.authorityZh,
      authorityEn: input.authorityEn,
      feeMinFen: input.feeMin,
      feeMaxFen: input.feeMax,
      specialties: [...new Set(input.specialties)].sort(),
    }
    const { specialties, ...columns } = terms
    const version = current.version + 1
    await tx.update(serviceItems).set({ ...columns, version, updatedAt: now }).where(eq(serviceItems.id, itemId))
    await tx.delete(serviceItemSpecialties).where(eq(serviceItemSpecialties.itemId, itemId))
    await tx.insert(serviceItemSpecialties).values(specialties.map((specialtyCode) => ({ itemId, specialtyCode })))
    await tx.insert(serviceItemVersions).values({ itemId, version, terms, createdAt: now, createdBy: actor.userId })
    const before = await tx.select().from(serviceItemVersions).where(and(eq(serviceItemVersions.itemId, itemId), eq(serviceItemVersions.version, current.version)))
    await appendAudit(tx, { actor, action: 'catalog.item.update', entityType: 'service_item', entityId: itemId, before: before[0]?.terms ?? null, after: { version, ...terms }, at: now })
    return version
  })
}
