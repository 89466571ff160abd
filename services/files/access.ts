import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { authorityCategories, awards, procurementItems, procurements, qualifications, qualificationSpecialties, serviceItems, type files, type OrgId, type OrgKind } from '../../db/schema'

/**
 * Who may read a stored document: those who may see the record it belongs to, and nobody else.
 * - its own organization, always;
 * - a qualification's scan: the market office, and the authority whose categories cover the
 *   qualification's specialty (the one that reviews it); no other authority;
 * - an announcement's attachment: public once published (the caller asks `isPublicAttachment`),
 *   before that its owner's alone, supervisors included;
 * - a contract or deliverable: the procurement's two parties, the market office, and the
 *   authorities whose categories cover one of its items.
 * - a complaint's evidence: the complainant, the procurement's owner and the market office.
 * - a rectification report's document: its party and the market office.
 */
export async function mayReadFile(db: Db, file: Pick<typeof files.$inferSelect, 'id' | 'orgId' | 'purpose' | 'procurementId'>, viewer: { orgId: OrgId; kind: OrgKind }): Promise<boolean> {
  if (file.orgId === viewer.orgId) return true
  if (file.purpose === 'attachment') return false
  if (file.purpose === 'qualification_scan') {
    if (viewer.kind === 'market_office') return true
    if (viewer.kind !== 'authority') return false
    const [reviewer] = await db
      .select({ one: sql`1` })
      .from(qualifications)
      .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, qualifications.specialtyCode))
      .innerJoin(authorityCategories, and(eq(authorityCategories.categoryId, qualificationSpecialties.categoryId), eq(authorityCategories.orgId, viewer.orgId)))
      .where(eq(qualifications.scanFileId, file.id))
      .limit(1)
    return !!reviewer
  }
  if (file.purpose === 'rectification') return viewer.kind === 'market_office'
  if (!file.procurementId) return false
  if (file.purpose === 'evidence') {
    if (viewer.kind === 'market_office') return true
    const [own] = await db.select({ owner: procurements.ownerOrgId }).from(procurements).where(eq(procurements.id, file.procurementId as never))
    return own?.owner === viewer.orgId
  }
  const [p] = await db.select({ owner: procurements.ownerOrgId, agency: awards.agencyOrgId }).from(procurements).leftJoin(awards, eq(awards.procurementId, procurements.id)).where(eq(procurements.id, file.procurementId as never))
  if (!p) return false
  if (p.owner === viewer.orgId || p.agency === viewer.orgId || viewer.kind === 'market_office') return true
  if (viewer.kind !== 'authority') return false
  const [covering] = await db
    .select({ one: sql`1` })
    .from(procurementItems)
    .innerJoin(serviceItems, eq(serviceItems.id, procurementItems.itemId))
    .innerJoin(authorityCategories, and(eq(authorityCategories.categoryId, serviceItems.categoryId), eq(authorityCategories.orgId, viewer.orgId)))
    .where(eq(procurementItems.procurementId, file.procurementId as never))
    .limit(1)
  return !!covering
}
