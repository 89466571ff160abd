import { eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { agencyCommitments, authorityCategories, organizations, passwords, practitioners, qualifications, serviceCategories, users, type OrgKind, type UserRole } from '../db/schema'
import type { OrgId, ServiceCategoryId, UserId } from '../db/schema'
import { COMMITMENT, COMMITMENT_SHA256 } from '../services/agencies/admission'
import { idNumberCheckChar } from '../services/shared/id-number'
import { appendAudit } from '../services/audit'
import { hashPassword } from '../services/auth'
import { USCC_CHARSET, usccCheckChar } from '../services/shared/uscc'

/** A small seeded PRNG (mulberry32): the same seed always makes the same demo data. */
export function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}
export type Rng = ReturnType<typeof rng>

/** A valid USCC: 9 1 (enterprise) or 1 1 (government body), region, organization code, check character. */
export function makeUscc(r: Rng, regionCode: string, kind: 'enterprise' | 'government' = 'enterprise'): string {
  let orgCode = ''
  for (let i = 0; i < 9; i++) orgCode += i < 8 && r.next() < 0.7 ? String(r.int(0, 9)) : USCC_CHARSET[r.int(0, 30)]
  const first17 = (kind === 'government' ? '11' : '91') + regionCode + orgCode
  return first17 + usccCheckChar(first17)
}

export interface OrgFactoryInput {
  kind: OrgKind
  nameZh: string
  nameEn: string
  uscc: string
  regionCode: string
  contactName: string
  contactPhone: string
  contactEmail: string
  legalRepresentative?: string
  address?: string
}

export async function createOrganization(db: Db, input: OrgFactoryInput, at: Date) {
  const [org] = await db.insert(organizations).values({ ...input, createdAt: at, updatedAt: at }).returning()
  await appendAudit(db, { actor: {}, action: 'organization.create', entityType: 'organization', entityId: org!.id, after: org, at })
  return org!
}

export async function createUser(
  db: Db,
  input: { email: string; displayName: string; orgId: OrgId; role: UserRole; passwordHash: string },
  at: Date,
) {
  const [user] = await db
    .insert(users)
    .values({ email: input.email, displayName: input.displayName, orgId: input.orgId, role: input.role, createdAt: at, updatedAt: at })
    .returning()
  await db.insert(passwords).values({ userId: user!.id, hash: input.passwordHash })
  await appendAudit(db, { actor: {}, action: 'user.create', entityType: 'user', entityId: user!.id, after: { email: user!.email, role: user!.role, orgId: user!.orgId }, at })
  return user!
}

export async function scopeAuthority(db: Db, orgId: OrgId, categoryCodes: string[]) {
  const categories = await db.select({ id: serviceCategories.id, code: serviceCategories.code }).from(serviceCategories)
  const ids = categories.filter((c) => categoryCodes.includes(c.code)).map((c) => c.id as ServiceCategoryId)
  if (ids.length) await db.insert(authorityCategories).values(ids.map((categoryId) => ({ orgId, categoryId })))
}

export async function addQualification(db: Db, input: typeof qualifications.$inferInsert) {
  const [row] = await db.insert(qualifications).values(input).returning()
  return row!
}

export async function findOrgByUscc(db: Db, uscc: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.uscc, uscc))
  return org
}

/** A valid identity number for someone born in [fromYear, toYear] in the given region. */
export function makeIdNumber(r: Rng, regionCode: string, fromYear = 1965, toYear = 1995): string {
  const birth = `${r.int(fromYear, toYear)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`
  const first17 = `${regionCode}${birth}${String(r.int(0, 999)).padStart(3, '0')}`
  return first17 + idNumberCheckChar(first17)
}

/** The agency's admin accepts the commitment in force (the agency is then submitted for admission). */
export async function acceptCommitment(db: Db, orgId: OrgId, userId: UserId, at: Date) {
  await db.insert(agencyCommitments).values({ orgId, textVersion: COMMITMENT.version, textSha256: COMMITMENT_SHA256, acceptedBy: userId, acceptedAt: at })
  await appendAudit(db, { actor: { userId, orgId }, action: 'agency.submit', entityType: 'organization', entityId: orgId, after: { textVersion: COMMITMENT.version, textSha256: COMMITMENT_SHA256 }, at })
}

export async function addPractitioner(db: Db, input: typeof practitioners.$inferInsert) {
  const [row] = await db.insert(practitioners).values(input).returning()
  return row!
}

export { hashPassword }
