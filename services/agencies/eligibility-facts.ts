import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { agencyCommitments, qualifications, serviceItemSpecialties, type OrgId, type ServiceItemId } from '../../db/schema'
import { assessConsortium, assessEligibility, type EligibilityResult, type PartyFacts, type QualificationFact, type Requirement } from './eligibility'

/**
 * "Is agency X eligible for item Y with requirements R, today?" — the one question every
 * procurement, bid and selection asks. Reasons come back when it is not.
 */
export async function checkEligibility(
  db: Db,
  input: { orgId: OrgId; itemId: ServiceItemId; requirement?: Requirement | null; today: string },
): Promise<EligibilityResult> {
  const facts = await eligibilityFacts(db, input.orgId)
  const [specialties] = await itemSpecialties(db, [input.itemId])
  return assessEligibility({ ...facts, itemSpecialties: specialties!.specialties, requirement: input.requirement, today: input.today })
}

/** What eligibility is judged on, for one organization: its qualifications and whether it submitted for admission. */
export async function eligibilityFacts(db: Db, orgId: OrgId): Promise<{ qualifications: QualificationFact[]; submitted: boolean }> {
  // One query after another: callers pass their transaction, and one connection runs one query at a time.
  const held = await db
    .select({
      id: qualifications.id,
      specialtyCode: qualifications.specialtyCode,
      level: qualifications.level,
      status: qualifications.status,
      validFrom: qualifications.validFrom,
      validTo: qualifications.validTo,
    })
    .from(qualifications)
    .where(eq(qualifications.orgId, orgId))
  const submitted = await db.select({ id: agencyCommitments.id }).from(agencyCommitments).where(eq(agencyCommitments.orgId, orgId)).limit(1)
  return { qualifications: held, submitted: submitted.length > 0 }
}

/** The specialties that can serve each item (from the catalog), in the order asked. */
export async function itemSpecialties(db: Db, itemIds: ServiceItemId[]) {
  const rows = itemIds.length ? await db.select({ itemId: serviceItemSpecialties.itemId, code: serviceItemSpecialties.specialtyCode }).from(serviceItemSpecialties).where(inArray(serviceItemSpecialties.itemId, itemIds)) : []
  return itemIds.map((itemId) => ({ itemId: itemId as string, specialties: rows.filter((r) => r.itemId === itemId).map((r) => r.code) }))
}

/** A consortium's parties judged together (see `assessConsortium`). */
export async function checkConsortium(db: Db, input: { parties: Array<{ orgId: OrgId; itemIds: string[] }>; itemIds: ServiceItemId[]; requirement?: Requirement | null; today: string }) {
  const parties: PartyFacts[] = []
  for (const party of input.parties) parties.push({ orgId: party.orgId, itemIds: party.itemIds, ...(await eligibilityFacts(db, party.orgId)) })
  return assessConsortium({ parties, items: await itemSpecialties(db, input.itemIds), requirement: input.requirement, today: input.today })
}
