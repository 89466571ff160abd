/**
 * The 13 categories of administrative-approval intermediary services in Guigang's 中介超市, with
 * their items and standard time limits (统一服务承诺时间, working days), and the qualification
 * specialties that can serve them.
 */
export interface CatalogSeed {
  code: string
  nameZh: string
  nameEn: string
  specialties: Array<[code: string, nameZh: string, nameEn: string]>
  items: Array<[code: string, nameZh: string, nameEn: string, standardDays: number, specialties: string[]]>
}

export const CATALOG: CatalogSeed[] = [
  { code: 'C01', nameZh: '工程咨询', nameEn: 'Engineering consulting', specialties: [['consulting', '工程咨询', 'Engineering consulting']], items: [
    ['C01-01', '项目建议书编制', 'Project proposal', 10, ['consulting']],
    ['C01-02', '可行性研究报告编制', 'Feasibility study report', 15, ['consulting']],
    ['C01-03', '项目申请报告编制', 'Project application report', 10, ['consulting']],
    ['C01-04', '社会稳定风险评估', 'Social stability risk assessment', 10, ['consulting']],
  ] },
  { code: 'C02', nameZh: '工程勘察', nameEn: 'Geotechnical survey', specialties: [['survey-geotech', '岩土工程勘察', 'Geotechnical engineering survey'], ['survey-hydro', '水文地质勘察', 'Hydrogeological survey']], items: [
    ['C02-01', '岩土工程详细勘察', 'Detailed geotechnical investigation', 20, ['survey-geotech']],
    ['C02-02', '岩土工程初步勘察', 'Preliminary geotechnical investigation', 15, ['survey-geotech']],
    ['C02-03', '水文地质勘察', 'Hydrogeological investigation', 20, ['survey-hydro']],
  ] },
  { code: 'C03', nameZh: '工程设计', nameEn: 'Engineering design', specialties: [['design-building', '建筑工程设计', 'Building design'], ['design-municipal', '市政工程设计', 'Municipal engineering design']], items: [
    ['C03-01', '建设工程方案设计', 'Scheme design', 15, ['design-building', 'design-municipal']],
    ['C03-02', '建设工程初步设计', 'Preliminary design', 20, ['design-building', 'design-municipal']],
    ['C03-03', '施工图设计', 'Construction drawing design', 30, ['design-building', 'design-municipal']],
    ['C03-04', '施工图审查', 'Construction drawing review', 10, ['design-building']],
  ] },
  { code: 'C04', nameZh: '工程监理', nameEn: 'Construction supervision', specialties: [['supervision-building', '房屋建筑工程监理', 'Building works supervision'], ['supervision-municipal', '市政公用工程监理', 'Municipal works supervision']], items: [
    ['C04-01', '房屋建筑工程监理', 'Building works supervision', 5, ['supervision-building']],
    ['C04-02', '市政公用工程监理', 'Municipal works supervision', 5, ['supervision-municipal']],
  ] },
  { code: 'C05', nameZh: '测绘', nameEn: 'Surveying and mapping', specialties: [['mapping-engineering', '工程测量', 'Engineering surveying'], ['mapping-property', '不动产测绘', 'Real-estate surveying']], items: [
    ['C05-01', '地形图测绘', 'Topographic mapping', 7, ['mapping-engineering']],
    ['C05-02', '规划放线测量', 'Planning setting-out survey', 3, ['mapping-engineering']],
    ['C05-03', '竣工联合测量（三测合一）', 'Joint completion survey (three-in-one)', 10, ['mapping-engineering', 'mapping-property']],
    ['C05-04', '房产面积测绘', 'Building area survey', 7, ['mapping-property']],
  ] },
  { code: 'C06', nameZh: '环境影响评价', nameEn: 'Environmental impact assessment', specialties: [['eia', '环境影响评价', 'Environmental impact assessment']], items: [
    ['C06-01', '环境影响报告书编制', 'EIA report (full)', 20, ['eia']],
    ['C06-02', '环境影响报告表编制', 'EIA form (simplified)', 10, ['eia']],
    ['C06-03', '竣工环境保护验收调查', 'Environmental completion acceptance survey', 10, ['eia']],
  ] },
  { code: 'C07', nameZh: '节能评估', nameEn: 'Energy-saving assessment', specialties: [['energy', '节能评估', 'Energy-saving assessment']], items: [
    ['C07-01', '节能评估报告编制', 'Energy-saving assessment report', 10, ['energy']],
    ['C07-02', '节能审查意见咨询', 'Energy review consulting', 5, ['energy']],
  ] },
  { code: 'C08', nameZh: '水土保持', nameEn: 'Soil and water conservation', specialties: [['soil-water', '水土保持方案编制', 'Soil and water conservation planning']], items: [
    ['C08-01', '水土保持方案编制', 'Soil and water conservation plan', 10, ['soil-water']],
    ['C08-02', '水土保持监测', 'Soil and water conservation monitoring', 15, ['soil-water']],
    ['C08-03', '水土保持设施验收报告编制', 'Conservation works acceptance report', 10, ['soil-water']],
  ] },
  { code: 'C09', nameZh: '地质灾害评估', nameEn: 'Geological hazard assessment', specialties: [['geo-hazard', '地质灾害危险性评估', 'Geological hazard risk assessment']], items: [
    ['C09-01', '地质灾害危险性评估', 'Geological hazard risk assessment', 10, ['geo-hazard']],
    ['C09-02', '压覆矿产资源评估', 'Overlying mineral resources assessment', 10, ['geo-hazard']],
  ] },
  { code: 'C10', nameZh: '造价咨询', nameEn: 'Cost consulting', specialties: [['cost', '工程造价咨询', 'Construction cost consulting']], items: [
    ['C10-01', '工程概算编制', 'Budget estimate', 10, ['cost']],
    ['C10-02', '工程量清单及控制价编制', 'Bill of quantities and ceiling price', 10, ['cost']],
    ['C10-03', '工程结算审核', 'Final account audit', 15, ['cost']],
    ['C10-04', '全过程造价咨询', 'Whole-process cost consulting', 5, ['cost']],
  ] },
  { code: 'C11', nameZh: '招标代理', nameEn: 'Tender agency', specialties: [['tender', '招标代理', 'Tender agency']], items: [
    ['C11-01', '工程建设项目招标代理', 'Construction tender agency', 20, ['tender']],
    ['C11-02', '政府采购代理', 'Government procurement agency', 20, ['tender']],
  ] },
  { code: 'C12', nameZh: '安全评价', nameEn: 'Safety assessment', specialties: [['safety', '安全评价', 'Safety assessment'], ['lightning', '雷电防护检测', 'Lightning protection testing']], items: [
    ['C12-01', '安全预评价', 'Pre-construction safety assessment', 10, ['safety']],
    ['C12-02', '安全验收评价', 'Safety acceptance assessment', 10, ['safety']],
    ['C12-03', '雷电灾害风险评估', 'Lightning disaster risk assessment', 5, ['lightning']],
  ] },
  { code: 'C13', nameZh: '地震安全性评价', nameEn: 'Seismic safety evaluation', specialties: [['seismic', '地震安全性评价', 'Seismic safety evaluation']], items: [
    ['C13-01', '地震安全性评价', 'Seismic safety evaluation', 20, ['seismic']],
    ['C13-02', '场地地震动参数复核', 'Site ground-motion parameter review', 10, ['seismic']],
  ] },
]

/** Each category's legal basis, governing authority and fee guidance (yuan), applied to its items. */
export const CATEGORY_TERMS: Record<string, { legalBasis: string; authorityZh: string; authorityEn: string; feeYuan: [number, number] }> = {
  C01: { legalBasis: '《政府投资条例》《企业投资项目核准和备案管理条例》', authorityZh: '发展改革部门', authorityEn: 'Development and reform', feeYuan: [5_000, 300_000] },
  C02: { legalBasis: '《建设工程勘察设计管理条例》', authorityZh: '住房城乡建设部门', authorityEn: 'Housing and construction', feeYuan: [10_000, 500_000] },
  C03: { legalBasis: '《建设工程勘察设计管理条例》', authorityZh: '住房城乡建设部门', authorityEn: 'Housing and construction', feeYuan: [20_000, 2_000_000] },
  C04: { legalBasis: '《建设工程质量管理条例》', authorityZh: '住房城乡建设部门', authorityEn: 'Housing and construction', feeYuan: [20_000, 1_500_000] },
  C05: { legalBasis: '《中华人民共和国测绘法》', authorityZh: '自然资源部门', authorityEn: 'Natural resources', feeYuan: [2_000, 200_000] },
  C06: { legalBasis: '《中华人民共和国环境影响评价法》', authorityZh: '生态环境部门', authorityEn: 'Ecology and environment', feeYuan: [5_000, 400_000] },
  C07: { legalBasis: '《固定资产投资项目节能审查办法》', authorityZh: '发展改革部门', authorityEn: 'Development and reform', feeYuan: [5_000, 150_000] },
  C08: { legalBasis: '《中华人民共和国水土保持法》', authorityZh: '水利部门', authorityEn: 'Water resources', feeYuan: [5_000, 300_000] },
  C09: { legalBasis: '《地质灾害防治条例》', authorityZh: '自然资源部门', authorityEn: 'Natural resources', feeYuan: [5_000, 200_000] },
  C10: { legalBasis: '《建筑工程施工发包与承包计价管理办法》', authorityZh: '住房城乡建设部门', authorityEn: 'Housing and construction', feeYuan: [3_000, 800_000] },
  C11: { legalBasis: '《中华人民共和国招标投标法》《中华人民共和国政府采购法》', authorityZh: '发展改革、财政部门', authorityEn: 'Development and reform; finance', feeYuan: [3_000, 300_000] },
  C12: { legalBasis: '《中华人民共和国安全生产法》《气象灾害防御条例》', authorityZh: '应急管理、气象部门', authorityEn: 'Emergency management; meteorology', feeYuan: [5_000, 200_000] },
  C13: { legalBasis: '《地震安全性评价管理条例》', authorityZh: '地震工作主管部门', authorityEn: 'Earthquake administration', feeYuan: [20_000, 500_000] },
}
