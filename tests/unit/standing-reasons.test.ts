import { describe, expect, it } from 'vitest'
import { translator } from '~/i18n'
import { reasonText } from '~/components/standing-reasons'

const specialties = { eia: { nameZh: '环境影响评价', nameEn: 'Environmental impact assessment' }, survey: { nameZh: '工程勘察', nameEn: 'Engineering survey' } }
const items = { 'item-1': { nameZh: '环境影响报告表编制', nameEn: 'EIA form (simplified)' } }

describe('why a party may not win, in words', () => {
  it('names the item not covered and what would cover it, the levels held and needed, and the dates', () => {
    const zh = (r: Parameters<typeof reasonText>[2]) => reasonText(translator('zh-CN'), 'zh-CN', r, { specialties, items })
    const en = (r: Parameters<typeof reasonText>[2]) => reasonText(translator('en'), 'en', r, { specialties, items })
    expect(zh({ code: 'itemNotCovered', specialties: ['eia', 'survey'], itemId: 'item-1' })).toBe('资质未覆盖服务事项「环境影响报告表编制」（需具备环境影响评价、工程勘察资质之一）')
    expect(en({ code: 'itemNotCovered', specialties: ['eia'], itemId: 'item-1' })).toBe('No verified qualification covers EIA form (simplified) (it takes one of: Environmental impact assessment)')
    // A reason recorded before items were named still reads.
    expect(zh({ code: 'itemNotCovered', specialties: ['eia'] })).toBe('资质未覆盖本项目的服务事项（需具备环境影响评价资质之一）')
    expect(zh({ code: 'levelTooLow', specialty: 'eia', have: 3, need: 2 })).toBe('环境影响评价资质等级不够：持有丙级，需乙级或以上')
    expect(en({ code: 'expired', specialty: 'survey', validTo: '2026-08-31' })).toBe('Engineering survey qualification expired on 31 Aug 2026')
    expect(zh({ code: 'notYetValid', specialty: 'survey', validFrom: '2026-10-08' })).toBe('工程勘察资质自2026年10月8日起生效')
  })
})
