/** GB/T 2260 codes of Guangxi Zhuang Autonomous Region: its 14 cities and their districts and counties. */
type Row = readonly [code: string, nameZh: string, nameEn: string]
export const GUANGXI: Row = ['450000', '广西壮族自治区', 'Guangxi Zhuang Autonomous Region']

export const CITIES: ReadonlyArray<{ city: Row; districts: Row[] }> = [
  { city: ['450100', '南宁市', 'Nanning'], districts: [['450102', '兴宁区', 'Xingning'], ['450103', '青秀区', 'Qingxiu'], ['450105', '江南区', 'Jiangnan'], ['450107', '西乡塘区', 'Xixiangtang'], ['450108', '良庆区', 'Liangqing'], ['450109', '邕宁区', 'Yongning'], ['450110', '武鸣区', 'Wuming'], ['450123', '隆安县', 'Long\'an'], ['450124', '马山县', 'Mashan'], ['450125', '上林县', 'Shanglin'], ['450126', '宾阳县', 'Binyang'], ['450181', '横州市', 'Hengzhou']] },
  { city: ['450200', '柳州市', 'Liuzhou'], districts: [['450202', '城中区', 'Chengzhong'], ['450203', '鱼峰区', 'Yufeng'], ['450204', '柳南区', 'Liunan'], ['450205', '柳北区', 'Liubei'], ['450206', '柳江区', 'Liujiang'], ['450222', '柳城县', 'Liucheng'], ['450223', '鹿寨县', 'Luzhai'], ['450224', '融安县', 'Rong\'an'], ['450225', '融水苗族自治县', 'Rongshui'], ['450226', '三江侗族自治县', 'Sanjiang']] },
  { city: ['450300', '桂林市', 'Guilin'], districts: [['450302', '秀峰区', 'Xiufeng'], ['450303', '叠彩区', 'Diecai'], ['450304', '象山区', 'Xiangshan'], ['450305', '七星区', 'Qixing'], ['450311', '雁山区', 'Yanshan'], ['450312', '临桂区', 'Lingui'], ['450321', '阳朔县', 'Yangshuo'], ['450323', '灵川县', 'Lingchuan'], ['450324', '全州县', 'Quanzhou'], ['450325', '兴安县', 'Xing\'an'], ['450326', '永福县', 'Yongfu'], ['450327', '灌阳县', 'Guanyang'], ['450328', '龙胜各族自治县', 'Longsheng'], ['450329', '资源县', 'Ziyuan'], ['450330', '平乐县', 'Pingle'], ['450332', '恭城瑶族自治县', 'Gongcheng'], ['450381', '荔浦市', 'Lipu']] },
  { city: ['450400', '梧州市', 'Wuzhou'], districts: [['450403', '万秀区', 'Wanxiu'], ['450405', '长洲区', 'Changzhou'], ['450406', '龙圩区', 'Longxu'], ['450421', '苍梧县', 'Cangwu'], ['450422', '藤县', 'Tengxian'], ['450423', '蒙山县', 'Mengshan'], ['450481', '岑溪市', 'Cenxi']] },
  { city: ['450500', '北海市', 'Beihai'], districts: [['450502', '海城区', 'Haicheng'], ['450503', '银海区', 'Yinhai'], ['450512', '铁山港区', 'Tieshangang'], ['450521', '合浦县', 'Hepu']] },
  { city: ['450600', '防城港市', 'Fangchenggang'], districts: [['450602', '港口区', 'Gangkou'], ['450603', '防城区', 'Fangcheng'], ['450621', '上思县', 'Shangsi'], ['450681', '东兴市', 'Dongxing']] },
  { city: ['450700', '钦州市', 'Qinzhou'], districts: [['450702', '钦南区', 'Qinnan'], ['450703', '钦北区', 'Qinbei'], ['450721', '灵山县', 'Lingshan'], ['450722', '浦北县', 'Pubei']] },
  { city: ['450800', '贵港市', 'Guigang'], districts: [['450802', '港北区', 'Gangbei'], ['450803', '港南区', 'Gangnan'], ['450804', '覃塘区', 'Qintang'], ['450821', '平南县', 'Pingnan'], ['450881', '桂平市', 'Guiping']] },
  { city: ['450900', '玉林市', 'Yulin'], districts: [['450902', '玉州区', 'Yuzhou'], ['450903', '福绵区', 'Fumian'], ['450921', '容县', 'Rongxian'], ['450922', '陆川县', 'Luchuan'], ['450923', '博白县', 'Bobai'], ['450924', '兴业县', 'Xingye'], ['450981', '北流市', 'Beiliu']] },
  { city: ['451000', '百色市', 'Baise'], districts: [['451002', '右江区', 'Youjiang'], ['451003', '田阳区', 'Tianyang'], ['451022', '田东县', 'Tiandong'], ['451024', '德保县', 'Debao'], ['451026', '那坡县', 'Napo'], ['451027', '凌云县', 'Lingyun'], ['451028', '乐业县', 'Leye'], ['451029', '田林县', 'Tianlin'], ['451030', '西林县', 'Xilin'], ['451031', '隆林各族自治县', 'Longlin'], ['451081', '靖西市', 'Jingxi'], ['451082', '平果市', 'Pingguo']] },
  { city: ['451100', '贺州市', 'Hezhou'], districts: [['451102', '八步区', 'Babu'], ['451103', '平桂区', 'Pinggui'], ['451121', '昭平县', 'Zhaoping'], ['451122', '钟山县', 'Zhongshan'], ['451123', '富川瑶族自治县', 'Fuchuan']] },
  { city: ['451200', '河池市', 'Hechi'], districts: [['451202', '金城江区', 'Jinchengjiang'], ['451203', '宜州区', 'Yizhou'], ['451221', '南丹县', 'Nandan'], ['451222', '天峨县', 'Tian\'e'], ['451223', '凤山县', 'Fengshan'], ['451224', '东兰县', 'Donglan'], ['451225', '罗城仫佬族自治县', 'Luocheng'], ['451226', '环江毛南族自治县', 'Huanjiang'], ['451227', '巴马瑶族自治县', 'Bama'], ['451228', '都安瑶族自治县', 'Du\'an'], ['451229', '大化瑶族自治县', 'Dahua']] },
  { city: ['451300', '来宾市', 'Laibin'], districts: [['451302', '兴宾区', 'Xingbin'], ['451321', '忻城县', 'Xincheng'], ['451322', '象州县', 'Xiangzhou'], ['451323', '武宣县', 'Wuxuan'], ['451324', '金秀瑶族自治县', 'Jinxiu'], ['451381', '合山市', 'Heshan']] },
  { city: ['451400', '崇左市', 'Chongzuo'], districts: [['451402', '江州区', 'Jiangzhou'], ['451421', '扶绥县', 'Fusui'], ['451422', '宁明县', 'Ningming'], ['451423', '龙州县', 'Longzhou'], ['451424', '大新县', 'Daxin'], ['451425', '天等县', 'Tiandeng'], ['451481', '凭祥市', 'Pingxiang']] },
]

export function regionRows() {
  const [code, nameZh, nameEn] = GUANGXI
  const rows = [{ code, parentCode: null as string | null, level: 1, nameZh, nameEn }]
  for (const { city, districts } of CITIES) {
    rows.push({ code: city[0], parentCode: code, level: 2, nameZh: city[1], nameEn: city[2] })
    for (const d of districts) rows.push({ code: d[0], parentCode: city[0], level: 3, nameZh: d[1], nameEn: d[2] })
  }
  return rows
}
