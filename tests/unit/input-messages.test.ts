import { describe, expect, it } from 'vitest'
import { signUpSchema } from '../../services/auth'
import { usccCheckChar, usccProblem } from '../../services/shared/uscc'
import { procurementInputSchema } from '../../services/procurement'
import { bidInputSchema } from '../../services/bids'
import { amountProblem } from '../../services/shared/money'

/** Each wrong input is told what is wrong with it, naming the limit it broke. */
const messagesOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }, field: string) =>
  (result.error?.issues ?? []).filter((i) => i.path[0] === field).map((i) => i.message)

const procurement = (over: Record<string, string>) =>
  procurementInputSchema.safeParse({
    projectCode: '2026-450802-48-01-012345', projectName: '贵港市体育中心配套道路工程', title: '竣工联合测量', itemCodes: ['C05-03'], maxPrice: '68,000', expectedDays: '10',
    fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234', ...over,
  })

describe('messages that name what is wrong', () => {
  it('a USCC with a letter codes never use is told so, not that its check character is wrong', () => {
    const valid = '91450802MA5K' + 'XXXXX'
    const first17 = valid.replace(/X/g, '1')
    const code = first17 + usccCheckChar(first17)
    expect(usccProblem(code)).toBeNull()
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) expect(usccProblem(code.slice(0, 10) + bad + code.slice(11))).toBe('errors.usccCharset')
    expect(usccProblem(code.slice(0, 17) + (code[17] === '0' ? '1' : '0'))).toBe('errors.usccCheck')
    expect(usccProblem(code.slice(0, 17))).toBe('errors.usccLength')
    const signUp = (uscc: string) => signUpSchema.safeParse({ email: 'a@example.com', password: 'correct-horse-42', displayName: '王伟', orgKind: 'agency', orgNameZh: '广西测试有限公司', uscc, regionCode: '450802', contactName: '王伟', contactPhone: '13800138000' })
    expect(messagesOf(signUp(code.slice(0, 10) + 'O' + code.slice(11)), 'uscc')).toEqual(['errors.usccCharset'])
  })

  it('announcement days name their own limit (1 to 30), not the service time’s', () => {
    expect(messagesOf(procurement({ announcementDays: '31' }), 'announcementDays')).toEqual(['errors.announcementDays'])
    expect(messagesOf(procurement({ announcementDays: '0' }), 'announcementDays')).toEqual(['errors.announcementDays'])
    expect(messagesOf(procurement({ expectedDays: '251' }), 'expectedDays')).toEqual(['errors.days'])
  })

  it('amounts: a sign is negative, too many digits too large, zero zero, and only a bad shape is a format error', () => {
    expect(messagesOf(procurement({ maxPrice: '-5' }), 'maxPrice')).toEqual(['errors.amountNegative'])
    expect(messagesOf(procurement({ floorPrice: '99999999999' }), 'floorPrice')).toEqual(['errors.amountTooLarge'])
    expect(messagesOf(procurement({ maxPrice: '0' }), 'maxPrice')).toEqual(['errors.amountZero'])
    expect(messagesOf(procurement({ maxPrice: '12.345' }), 'maxPrice')).toEqual(['errors.amount'])
    expect(amountProblem('1,000,000,000')).toBeNull()
    expect(amountProblem('1,000,000,000.01')).toBe('errors.amountTooLarge')
    expect(amountProblem('0', { allowZero: true })).toBeNull()
  })

  it('committed days are only checked for shape here; the procurement’s own limit is named where it is known', () => {
    const bid = (committedDays: string) => bidInputSchema.safeParse({ price: '50,000', committedDays, accept: 'yes' })
    // 300 is past any procurement's 250-day ceiling, but the limit that matters is this one's (errors.daysOverExpected, with its number).
    expect(bid('300').success).toBe(true)
    expect(messagesOf(bid('0'), 'committedDays')).toEqual(['errors.daysPositive'])
    expect(messagesOf(bid('2.5'), 'committedDays')).toEqual(['errors.daysPositive'])
  })
})
