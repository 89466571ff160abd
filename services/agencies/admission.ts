import { createHash } from 'node:crypto'
import { and, desc, eq, exists, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { agencyCommitments, authorityCategories, organizations, qualifications, qualificationSpecialties, type OrgId } from '../../db/schema'
import { appendAudit } from '../audit'
import { notify } from '../notifications'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { admissionState } from './admission-state'

export * from './admission-state'

/**
 * 诚信承诺书, the text an agency's admin accepts before it is reviewed. Each wording has a version;
 * its hash is stored with every acceptance, so what was accepted can be proven later. A new
 * version asks every agency to accept again (its admission stands meanwhile).
 */
export const COMMITMENT = {
  version: '2026-1',
  zh: [
    '本机构承诺：所提交的营业执照、资质证书、执业人员信息及收费标准真实、准确、完整，无伪造、变造或隐瞒。',
    '严格执行公布的收费标准（明码标价）和承诺的服务时限，不以低于成本的报价恶意竞争，不转包、不违法分包。',
    '不与项目业主或其他中介机构串通报价，不以任何形式向有关人员行贿或输送利益。',
    '资质、执业人员或机构信息发生变化时，在 5 个工作日内更新。',
    '如有违反，自愿接受中介超市管理办公室及行业主管部门依规作出的信用扣分、暂停交易、清退出场等处理，并承担相应法律责任。',
  ],
  en: [
    'We declare that our business licence, qualification certificates, practitioner details and fees are true, accurate and complete, with nothing forged, altered or concealed.',
    'We will keep to our published fees and our committed service times, will not bid below cost to drive out competitors, and will not pass the work on or subcontract it unlawfully.',
    'We will not collude on prices with project owners or other agencies, and will not bribe or give any benefit to anyone concerned.',
    'We will update our qualifications, practitioners and organization details within 5 working days of any change.',
    'If we break these commitments, we accept the credit deductions, suspension or removal decided by the market office and the industry authorities under the rules, and bear the legal consequences.',
  ],
} as const

export const COMMITMENT_SHA256 = createHash('sha256').update(JSON.stringify([COMMITMENT.version, COMMITMENT.zh, COMMITMENT.en])).digest('hex')

export async function commitmentsOf(db: Db, orgId: OrgId) {
  return db.select().from(agencyCommitments).where(eq(agencyCommitments.orgId, orgId)).orderBy(desc(agencyCommitments.acceptedAt))
}

async function facts(db: Db, orgId: OrgId) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId))
  if (!org || org.kind !== 'agency') return null
  // Sequential: `db` may be a transaction, whose one connection runs one query at a time.
  const held = await db.select({ status: qualifications.status, validFrom: qualifications.validFrom, validTo: qualifications.validTo }).from(qualifications).where(eq(qualifications.orgId, orgId))
  const accepted = await commitmentsOf(db, orgId)
  const missing: Array<'profile' | 'qualification'> = []
  if (!org.legalRepresentative?.trim() || !org.address?.trim()) missing.push('profile')
  if (!held.some((q) => q.status !== 'rejected')) missing.push('qualification')
  return {
    org,
    held,
    submittedAt: accepted.length ? accepted[accepted.length - 1]!.acceptedAt : null,
    /** the latest acceptance; stale when its text is not the one in force */
    latest: accepted[0] ?? null,
    current: accepted[0]?.textSha256 === COMMITMENT_SHA256,
    missing,
  }
}

/** The agency's admission state today, and what it still lacks before it can submit. */
export async function admissionOf(db: Db, orgId: OrgId, today: string) {
  const f = await facts(db, orgId)
  if (!f) return null
  const { org: _org, held, ...rest } = f
  return { ...rest, state: admissionState({ submitted: f.latest !== null, qualifications: held, today }) }
}

/**
 * The admin accepts the commitment and submits the agency for admission. Its pending
 * qualifications then reach their authorities, who are told. Accepting the same text twice
 * changes nothing.
 */
export async function submitForAdmission(db: Db, clock: Clock, actor: Actor, input: { accept: boolean; textSha256: string }) {
  if (!input.accept) throw new DomainError('errors.mustAccept', 'accept')
  // The page showed an older wording than the one in force: accept what is current, not what was read.
  if (input.textSha256 !== COMMITMENT_SHA256) throw new DomainError('errors.commitmentChanged', 'accept')
  return db.transaction(async (tx) => {
    // One submission at a time per agency: lock the organization row.
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, actor.orgId)).for('update')
    const f = await facts(tx, actor.orgId)
    if (!f) throw new DomainError('errors.illegalStep')
    const org = f.org
    const now = clock.now()
    if (f.current) return { first: false, changed: false }
    if (f.missing.includes('profile')) throw new DomainError('errors.profileIncomplete')
    if (f.missing.includes('qualification')) throw new DomainError('errors.noQualification')
    const first = !f.latest
    const [row] = await tx
      .insert(agencyCommitments)
      .values({ orgId: actor.orgId, textVersion: COMMITMENT.version, textSha256: COMMITMENT_SHA256, acceptedBy: actor.userId, acceptedAt: now, ip: actor.ip ?? null })
      .returning()
    await appendAudit(tx, { actor, action: first ? 'agency.submit' : 'agency.recommit', entityType: 'organization', entityId: actor.orgId, after: { textVersion: row!.textVersion, textSha256: row!.textSha256 }, at: now })
    if (first) {
      // Tell each authority that now has this agency's qualifications to verify.
      const authorities = await tx
        .selectDistinct({ orgId: authorityCategories.orgId })
        .from(authorityCategories)
        .innerJoin(qualificationSpecialties, eq(qualificationSpecialties.categoryId, authorityCategories.categoryId))
        .innerJoin(qualifications, eq(qualifications.specialtyCode, qualificationSpecialties.code))
        .where(and(eq(qualifications.orgId, actor.orgId), eq(qualifications.status, 'pending')))
      for (const a of authorities)
        await notify(tx, { orgId: a.orgId, kind: 'agencySubmitted', params: { agencyZh: org.nameZh, agencyEn: org.nameEn }, link: '/authority', dedupeKey: `agency-submitted:${actor.orgId}:${a.orgId}`, at: now })
    }
    return { first, changed: true }
  })
}

/** Agencies per admission state, for the market office (drafts included). */
export async function admissionCounts(db: Db, today: string) {
  const orgs = await db.select({ id: organizations.id, submitted: exists(db.select({ one: sql`1` }).from(agencyCommitments).where(eq(agencyCommitments.orgId, organizations.id))) }).from(organizations).where(eq(organizations.kind, 'agency'))
  const held = orgs.length
    ? await db.select({ orgId: qualifications.orgId, status: qualifications.status, validFrom: qualifications.validFrom, validTo: qualifications.validTo }).from(qualifications).where(inArray(qualifications.orgId, orgs.map((o) => o.id)))
    : []
  const counts: Record<string, number> = {}
  for (const o of orgs) {
    const state = admissionState({ submitted: Boolean(o.submitted), qualifications: held.filter((q) => q.orgId === o.id), today })
    counts[state] = (counts[state] ?? 0) + 1
  }
  return counts
}
