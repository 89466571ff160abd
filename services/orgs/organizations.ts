import { and, asc, count, eq, gt, inArray, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../db/client'
import {
  authorityCategories,
  organizations,
  qualifications,
  qualificationSpecialties,
  regions,
  serviceCategories,
  sessions,
  users,
  type OrgId,
} from '../../db/schema'


/** Only agencies that accepted the commitment and submitted for admission are reviewed. */
export const submitted = (orgId: AnyColumn | SQL) => sql`exists (select 1 from agency_commitments ac where ac.org_id = ${orgId})`

/** An organization with its region's names and its members (never their password hashes). */
export async function organizationProfile(db: Db, orgId: OrgId) {
  const parent = alias(regions, 'parent')
  const [row] = await db
    .select({ org: organizations, regionZh: regions.nameZh, regionEn: regions.nameEn, cityZh: parent.nameZh, cityEn: parent.nameEn, level: regions.level })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .leftJoin(parent, eq(parent.code, regions.parentCode))
    .where(eq(organizations.id, orgId))
  if (!row) return null
  const members = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.orgId, orgId), isNull(users.disabledAt)))
    .orderBy(asc(users.createdAt))
  // A district reads with its city: 贵港市覃塘区 / Qintang, Guigang.
  const inCity = row.level === 3 && row.cityZh
  return {
    org: row.org,
    regionZh: inCity ? `${row.cityZh}${row.regionZh}` : row.regionZh,
    regionEn: inCity ? `${row.regionEn}, ${row.cityEn}` : row.regionEn,
    members,
  }
}

export async function qualificationsOf(db: Db, orgId: OrgId) {
  return db
    .select({ qualification: qualifications, specialtyZh: qualificationSpecialties.nameZh, specialtyEn: qualificationSpecialties.nameEn })
    .from(qualifications)
    .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, qualifications.specialtyCode))
    .where(eq(qualifications.orgId, orgId))
    .orderBy(asc(qualifications.level), asc(qualifications.certificateNo))
}

/** The categories an authority supervises. */
export async function authorityScope(db: Db, orgId: OrgId) {
  return db
    .select({ id: serviceCategories.id, code: serviceCategories.code, nameZh: serviceCategories.nameZh, nameEn: serviceCategories.nameEn })
    .from(authorityCategories)
    .innerJoin(serviceCategories, eq(serviceCategories.id, authorityCategories.categoryId))
    .where(eq(authorityCategories.orgId, orgId))
    .orderBy(asc(serviceCategories.sortOrder))
}

/** Qualifications awaiting verification, only within the authority's own categories. */
export async function pendingQualificationsFor(db: Db, authorityId: OrgId) {
  const scope = (await authorityScope(db, authorityId)).map((c) => c.id)
  if (!scope.length) return []
  return db
    .select({
      qualification: qualifications,
      agencyZh: organizations.nameZh,
      agencyEn: organizations.nameEn,
      specialtyZh: qualificationSpecialties.nameZh,
      specialtyEn: qualificationSpecialties.nameEn,
    })
    .from(qualifications)
    .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.code, qualifications.specialtyCode))
    .innerJoin(organizations, eq(organizations.id, qualifications.orgId))
    .where(and(eq(qualifications.status, 'pending'), inArray(qualificationSpecialties.categoryId, scope), submitted(qualifications.orgId)))
    .orderBy(asc(qualifications.createdAt))
}

export async function officeOverview(db: Db, now: Date) {
  const kinds = await db.select({ kind: organizations.kind, n: count() }).from(organizations).groupBy(organizations.kind)
  const [userCount] = await db.select({ n: count() }).from(users)
  const [sessionCount] = await db.select({ n: count() }).from(sessions).where(gt(sessions.expiresAt, now))
  return { kinds, users: userCount!.n, sessions: sessionCount!.n }
}

export async function regionTree(db: Db) {
  const rows = await db.select().from(regions).orderBy(asc(regions.code))
  const cities = rows.filter((r) => r.level === 2)
  return cities.map((city) => ({ ...city, districts: rows.filter((r) => r.parentCode === city.code) }))
}
