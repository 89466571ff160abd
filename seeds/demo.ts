import { eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { agencyOfferings, priceItems, priceLists, qualificationSpecialties, serviceItems, serviceItemSpecialties, users, type OrgKind } from '../db/schema'
import { shiftDays, shanghaiDate } from '../services/calendar'
import type { Clock } from '../services/shared/clock'
import { CATALOG, CITIES } from '../services/reference'
import { storeScan } from '../services/files'
import { OFFICE_APPROVER, OWNER_PURCHASER } from './accounts'
import { seedComplaints, seedRedFlags } from './supervision'
import { seedProcurements } from './procurements'
import { acceptCommitment, addPractitioner, addQualification, createOrganization, createUser, hashPassword, makeIdNumber, makeUscc, rng, scopeAuthority } from './factories'

/** The demo accounts, one per role; the README lists them. */
export const DEMO_PASSWORD = 'zjcs-demo-2026'
export const DEMO_ACCOUNTS = {
  owner: 'owner@example.com',
  agency: 'agency@example.com',
  authority: 'authority@example.com',
  market_office: 'office@example.com',
} as const satisfies Record<OrgKind, string>

export { OFFICE_APPROVER, OWNER_PURCHASER } from './accounts'

const BRANDS: Array<[string, string]> = [
  ['恒信', 'Hengxin'], ['华建', 'Huajian'], ['正邦', 'Zhengbang'], ['中科', 'Zhongke'], ['同创', 'Tongchuang'],
  ['鼎力', 'Dingli'], ['安泰', 'Antai'], ['博远', 'Boyuan'], ['宏图', 'Hongtu'], ['东方', 'Dongfang'],
  ['汇通', 'Huitong'], ['诚达', 'Chengda'], ['广源', 'Guangyuan'], ['金桂', 'Jingui'], ['联众', 'Lianzhong'],
  ['天成', 'Tiancheng'], ['中衡', 'Zhongheng'], ['精诚', 'Jingcheng'], ['远景', 'Yuanjing'], ['卓越', 'Zhuoyue'],
]
const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '覃', '韦', '梁', '蒙', '莫']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '志强', '海燕']
const ISSUERS = ['广西壮族自治区住房和城乡建设厅', '广西壮族自治区自然资源厅', '广西壮族自治区生态环境厅', '中华人民共和国住房和城乡建设部', '广西壮族自治区水利厅']

const OWNERS: Array<[string, string, string, 'enterprise' | 'government']> = [
  ['贵港市城市投资发展集团有限公司', 'Guigang Urban Investment & Development Group Co., Ltd.', '450802', 'enterprise'],
  ['贵港市交通投资发展集团有限公司', 'Guigang Transport Investment Group Co., Ltd.', '450802', 'enterprise'],
  ['贵港市教育局', 'Guigang Education Bureau', '450802', 'government'],
  ['贵港市人民医院', 'Guigang People\'s Hospital', '450802', 'government'],
  ['港南区人民政府', 'Gangnan District People\'s Government', '450803', 'government'],
  ['覃塘区住房和城乡建设局', 'Qintang District Housing and Construction Bureau', '450804', 'government'],
  ['桂平市水利局', 'Guiping Water Resources Bureau', '450881', 'government'],
  ['平南县工业园区管理委员会', 'Pingnan Industrial Park Management Committee', '450821', 'government'],
  ['贵港市港北区城市建设投资有限公司', 'Gangbei Urban Construction Investment Co., Ltd.', '450802', 'enterprise'],
  ['广西贵港西江港务有限公司', 'Guangxi Guigang Xijiang Port Co., Ltd.', '450803', 'enterprise'],
  ['贵港市自来水有限公司', 'Guigang Water Supply Co., Ltd.', '450802', 'enterprise'],
  ['南宁市青秀区城市更新投资有限公司', 'Qingxiu Urban Renewal Investment Co., Ltd.', '450103', 'enterprise'],
  ['柳州市柳东新区投资发展有限公司', 'Liudong New Area Investment Co., Ltd.', '450206', 'enterprise'],
  ['玉林市文化旅游投资有限公司', 'Yulin Culture & Tourism Investment Co., Ltd.', '450902', 'enterprise'],
  ['钦州市滨海新城建设投资有限公司', 'Qinzhou Binhai New City Construction Co., Ltd.', '450702', 'enterprise'],
]

const AUTHORITIES: Array<[string, string, string[]]> = [
  ['贵港市住房和城乡建设局', 'Guigang Housing and Urban-Rural Development Bureau', ['C01', 'C02', 'C03', 'C04', 'C10', 'C11', 'C12', 'C13']],
  ['贵港市生态环境局', 'Guigang Ecology and Environment Bureau', ['C05', 'C06', 'C07', 'C08', 'C09']],
]

/**
 * Demo data in Chinese with English names where the UI needs them. Deterministic for a given clock
 * (dates are relative to its today); does nothing when the demo accounts exist already.
 */
export async function seedDemo(db: Db, clock: Clock): Promise<{ created: boolean }> {
  const [exists] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.market_office))
  if (exists) return { created: false }
  const r = rng(20171123) // the day Guigang's 中介超市 opened
  const at = clock.now()
  const today = shanghaiDate(at)
  const hash = await hashPassword(DEMO_PASSWORD)
  const person = () => r.pick(SURNAMES) + r.pick(GIVEN)
  const mobile = () => `1${r.pick(['38', '39', '58', '77', '86'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`
  const specialties = await db.select().from(qualificationSpecialties)
  const items = await db.select().from(serviceItems)
  const itemSpecialties = await db.select().from(serviceItemSpecialties)

  await db.transaction(async (tx) => {
    const office = await createOrganization(tx, {
      kind: 'market_office', nameZh: '贵港市中介超市管理办公室', nameEn: 'Guigang Intermediary Marketplace Office',
      uscc: makeUscc(r, '450800', 'government'), regionCode: '450800', contactName: person(), contactPhone: '0775-4569123',
      contactEmail: DEMO_ACCOUNTS.market_office, address: '贵港市港北区金港大道 1 号政务服务中心',
    }, at)
    await createUser(tx, { email: DEMO_ACCOUNTS.market_office, displayName: '中介超市管理员', orgId: office.id, role: 'admin', passwordHash: hash }, at)
    await createUser(tx, { email: OFFICE_APPROVER, displayName: '信用监管科审批人', orgId: office.id, role: 'approver', passwordHash: hash }, at)

    for (const [index, [nameZh, nameEn, categories]] of AUTHORITIES.entries()) {
      const org = await createOrganization(tx, {
        kind: 'authority', nameZh, nameEn, uscc: makeUscc(r, '450800', 'government'), regionCode: '450800',
        contactName: person(), contactPhone: `0775-45${r.int(10000, 99999)}`, contactEmail: index === 0 ? DEMO_ACCOUNTS.authority : `authority${index + 1}@example.com`,
      }, at)
      await scopeAuthority(tx, org.id, categories)
      await createUser(tx, { email: index === 0 ? DEMO_ACCOUNTS.authority : `authority${index + 1}@example.com`, displayName: `${nameZh}审核员`, orgId: org.id, role: 'admin', passwordHash: hash }, at)
    }

    for (const [index, [nameZh, nameEn, regionCode, kind]] of OWNERS.entries()) {
      const email = index === 0 ? DEMO_ACCOUNTS.owner : `owner${index + 1}@example.com`
      const org = await createOrganization(tx, {
        kind: 'owner', nameZh, nameEn, uscc: makeUscc(r, regionCode, kind), regionCode, contactName: person(),
        contactPhone: mobile(), contactEmail: email, legalRepresentative: person(),
      }, at)
      await createUser(tx, { email, displayName: person(), orgId: org.id, role: 'admin', passwordHash: hash }, at)
      // The demo owner has a purchaser besides its admin: organizations have several users.
      if (index === 0) await createUser(tx, { email: OWNER_PURCHASER, displayName: '采购经办人', orgId: org.id, role: 'purchaser', passwordHash: hash }, at)
    }

    // 60 agencies, most from Guigang, others from across Guangxi: any qualified agency may enter.
    for (let i = 0; i < 60; i++) {
      const category = CATALOG[i % CATALOG.length]!
      const home = i < 36 ? CITIES[7]! : r.pick(CITIES)
      const district = r.pick(home.districts)
      const [brandZh, brandEn] = BRANDS[(i * 7) % BRANDS.length]!
      const suffix = i >= BRANDS.length ? `${['第二', '第三', '第四'][Math.floor(i / BRANDS.length) - 1]}` : ''
      const nameZh = `广西${home.city[1].replace('市', '')}${brandZh}${suffix}${category.nameZh}有限公司`
      const nameEn = `Guangxi ${home.city[2]} ${brandEn}${suffix ? ` ${Math.floor(i / BRANDS.length) + 1}` : ''} ${category.nameEn} Co., Ltd.`
      const email = i === 0 ? DEMO_ACCOUNTS.agency : `agency${i + 1}@example.com`
      const org = await createOrganization(tx, {
        kind: 'agency', nameZh, nameEn, uscc: makeUscc(r, district[0]), regionCode: district[0], contactName: person(),
        contactPhone: mobile(), contactEmail: email, legalRepresentative: person(), address: `${home.city[1]}${district[1]}${r.int(1, 300)}号`,
      }, at)
      const admin = await createUser(tx, { email, displayName: person(), orgId: org.id, role: 'admin', passwordHash: hash }, at)

      // Its main specialty, sometimes a second one from a neighbouring category.
      const own = specialties.filter((s) => category.specialties.some(([code]) => code === s.code))
      const extra = r.next() < 0.35 ? [r.pick(specialties)].filter((s) => !own.includes(s)) : []
      const held = [...own.slice(0, 2), ...extra]
      // Admission states, one agency at least in each (see services/agencies/admission-state.ts):
      // the last two never submitted (draft); 3, 16, … wait for review; 11 and 40 were rejected;
      // 7 and 38 were asked for changes; 5 and 22 hold only qualifications that have run out.
      const draft = i >= 58
      const allPending = i % 13 === 3 || draft
      const allRejected = i % 29 === 11
      const allChanges = i % 31 === 7
      const allExpired = i % 17 === 5
      for (const [k, specialty] of held.entries()) {
        const validFrom = shiftDays(today, -r.int(200, 1200))
        const distance = r.int(20, 1500)
        // The demo agency's main certificate runs out soon, so its inbox shows the expiry warning.
        const validTo = allExpired ? shiftDays(today, -r.int(5, 60)) : shiftDays(today, i === 0 && k === 0 ? 25 : distance)
        const status = allPending ? 'pending' : allRejected ? 'rejected' : allChanges ? 'changes_requested' : 'approved'
        const certificateNo = `${specialty.code.toUpperCase().slice(0, 3)}${String(450000 + i * 10 + k).padStart(7, '0')}`
        // Qualifications still in review carry a scan for the authority to open.
        const scanFileId = status === 'approved' ? null : await storeScan(tx, { orgId: org.id, userId: admin.id, bytes: samplePdf(certificateNo), field: 'scan', at })
        await addQualification(tx, {
          orgId: org.id, specialtyCode: specialty.code, level: r.pick([1, 2, 2, 3]),
          certificateNo, issuer: r.pick(ISSUERS), validFrom, validTo, status, scanFileId,
          reviewReason: status === 'rejected' ? '证书编号与发证机关登记信息不符' : status === 'changes_requested' ? '扫描件不清晰，请上传证书正副本清晰扫描件' : null,
          // Submitted one to nine days before the demo's day (on the demo's clock, not the database's), so a review queue has its ages.
          createdAt: new Date(at.getTime() - (((i + k) % 9) + 1) * 86_400_000), updatedAt: new Date(at.getTime() - (((i + k) % 9) + 1) * 86_400_000),
        })
      }
      if (!draft) await acceptCommitment(tx, org.id, admin.id, new Date(at.getTime() - r.int(30, 400) * 86_400_000))

      // Its registered practitioners (注册执业人员), two to four, in its specialties.
      for (let p = 0; p < r.int(2, 4); p++) {
        const specialty = held[p % held.length]!
        await addPractitioner(tx, {
          orgId: org.id, name: person(), idNumber: makeIdNumber(r, district[0]), specialtyCode: specialty.code,
          certificateNo: `${specialty.code.toUpperCase().slice(0, 3)}-ZC${String(i * 10 + p).padStart(5, '0')}`,
          validTo: shiftDays(today, r.int(60, 1000)), createdAt: at, updatedAt: at,
        })
      }

      // What it offers and charges: the items its specialties serve, within the standard limits.
      const offered = items.filter((item) => itemSpecialties.some((l) => l.itemId === item.id && held.some((h) => h.code === l.specialtyCode)))
      if (!offered.length || i % 11 === 10) continue // a few agencies have not filled in their services yet
      for (const item of offered)
        await tx.insert(agencyOfferings).values({ orgId: org.id, itemId: item.id, committedDays: Math.max(1, item.standardDays - r.int(0, Math.ceil(item.standardDays * 0.4))), createdAt: at, updatedAt: at })
      const versions = i % 7 === 0 ? 2 : 1
      for (let version = 1; version <= versions; version++) {
        const published = new Date(at.getTime() - (versions - version + 1) * r.int(5, 60) * 86_400_000)
        const [list] = await tx.insert(priceLists).values({ orgId: org.id, version, publishedAt: published, createdAt: published, updatedAt: published }).returning()
        await tx.insert(priceItems).values(
          offered.map((item, n) => {
            const low = item.feeMinFen ?? 500_000
            const high = item.feeMaxFen ?? 5_000_000
            // Round fees to 100 yuan, as price lists are written; a later version is a little cheaper.
            const fee = Math.round((low + r.next() * (high - low) * 0.3) / 10_000) * 10_000 - (version - 1) * 50_000
            return { priceListId: list!.id, itemId: item.id, content: `${item.nameZh}（含现场踏勘、成果编制及报审配合）`, unit: '项', feeFen: Math.max(fee, 100_000), legalBasis: '市场调节价（明码标价）', complaintPhone: '12315', sortOrder: n }
          }),
        )
      }
    }
  })
  await seedProcurements(db, clock, r)
  await seedComplaints(db, clock, DEMO_ACCOUNTS)
  await seedRedFlags(db, clock, DEMO_ACCOUNTS)
  return { created: true }
}

/** A one-page PDF naming the certificate, standing in for a scanned licence. */
function samplePdf(certificateNo: string): Uint8Array {
  const text = `BT /F1 18 Tf 72 720 Td (Certificate ${certificateNo} - demo scan) Tj ET`
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj',
    `4 0 obj << /Length ${text.length} >> stream\n${text}\nendstream endobj`,
    '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n')
  return new TextEncoder().encode(body)
}
