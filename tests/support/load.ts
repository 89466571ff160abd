import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { serviceItemSpecialties, serviceItems, type User } from '../../db/schema'
import { acceptCommitment, addQualification, createOrganization, createUser, makeUscc, rng } from '../../seeds/factories'

/**
 * For load and concurrency suites: one owner and `n` agencies, each admitted with a verified
 * qualification for the EIA report item (C06-02), made straight through the factories.
 */
export async function eiaMarket(db: Db, n: number, tag: string, at: Date): Promise<{ owner: User; agencies: User[] }> {
  const r = rng(tag.length * 7919 + n)
  const [link] = await db.select({ code: serviceItemSpecialties.specialtyCode }).from(serviceItemSpecialties).innerJoin(serviceItems, eq(serviceItems.id, serviceItemSpecialties.itemId)).where(eq(serviceItems.code, 'C06-02'))
  const ownerOrg = await createOrganization(db, { kind: 'owner', nameZh: '贵港市港北区住房和城乡建设局', nameEn: 'Gangbei Housing Bureau', uscc: makeUscc(r, '450802', 'government'), regionCode: '450802', contactName: '李强', contactPhone: '0775-4561234', contactEmail: `owner@${tag}.test` }, at)
  const owner = await createUser(db, { email: `owner@${tag}.test`, displayName: '李强', orgId: ownerOrg.id, role: 'admin', passwordHash: 'x' }, at)
  const agencies: User[] = []
  for (let i = 0; i < n; i++) {
    const org = await createOrganization(db, { kind: 'agency', nameZh: `广西${tag}测试第${i + 1}环境咨询有限公司`, nameEn: `${tag} test agency ${i + 1}`, uscc: makeUscc(r, '450802'), regionCode: '450802', contactName: '王芳', contactPhone: '13800000000', contactEmail: `a${i}@${tag}.test`, legalRepresentative: '王芳', address: '贵港市港北区' }, at)
    const user = await createUser(db, { email: `a${i}@${tag}.test`, displayName: '王芳', orgId: org.id, role: 'admin', passwordHash: 'x' }, at)
    await addQualification(db, { orgId: org.id, specialtyCode: link!.code, level: 2, certificateNo: `${tag.toUpperCase()}${String(i).padStart(5, '0')}`, issuer: '广西壮族自治区生态环境厅', validFrom: '2025-01-01', validTo: '2028-12-31', status: 'approved' })
    await acceptCommitment(db, org.id, user.id, at)
    agencies.push(user)
  }
  return { owner, agencies }
}
