import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, OFFICE_APPROVER } from '../../seeds/demo'
import { launch, newContext, screenshot } from './browser'
import { draftEia, post, publishDraft, refused, signIn, visit } from './helpers'

/**
 * 失信名单 in a real browser, with four eyes: the office's admin proposes a listing in Chinese (a
 * form with its errors first, a term out of bounds refused) and cannot approve it, not even by a
 * forged request; the office's approver approves it in English. The agency's session ends, it is
 * told and can no longer bid; the public reads the list on a phone in English and the ranking in
 * Chinese with the listing marked; the admin lifts it with a reason.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

describe('the blacklist', () => {
  it('is kept by the market office, bars the listed agency from bidding, and is public', async () => {
    // The agency to list (one no other journey uses), and its code as its own home page shows it.
    const agency = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(agency, 'agency50@example.com')
    const uscc = (await agency.locator('section[aria-labelledby=org-title] .mono').first().textContent())!.trim()

    const office = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(office, DEMO_ACCOUNTS.market_office)
    await visit(office, '/office/blacklist')
    const form = office.locator('main form#sanction')
    // Nothing typed but the code: each missing field is named, and the code stays.
    await form.getByLabel('统一社会信用代码').fill(uscc)
    await refused(form)
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['此项必填', '请写明理由（至少 4 个字）', '请写明法律依据（至少 4 个字）'])
    expect(await form.getByLabel('统一社会信用代码').inputValue()).toBe(uscc)
    await form.getByLabel('决定文号').fill('贵中介信〔2026〕21号')
    await form.getByLabel('事由').fill('中选后无正当理由放弃中选资格，扰乱中介超市秩序')
    await form.getByLabel('法律依据').fill('《贵港市网上中介服务超市管理办法》第二十五条')
    // Five years is beyond a blacklisting's bounds.
    await form.getByLabel('期限（年）').fill('5')
    await refused(form)
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['失信名单期限为 1 至 3 年'])
    await form.getByLabel('期限（年）').fill('2')
    await post(form)
    await expect.poll(() => office.locator('.alert.ok').textContent()).toBe('已提出列入失信名单的建议，待另一名工作人员审批。')
    const proposed = office.locator('section[aria-labelledby=proposals-title] tbody tr', { hasText: uscc })
    expect(await proposed.textContent()).toContain('您提出的建议，须由另一名工作人员审批。')
    expect(await proposed.getByRole('button', { name: '审批通过' }).count()).toBe(0)
    // Not even a request made by hand approves one's own proposal: a clear error, and nothing changes.
    const id = await proposed.locator('input[name=id]').first().inputValue()
    const proposedName = proposed.locator('td').first().textContent()
    const forged = await office.evaluate(async (sanctionId) => {
      const body = new URLSearchParams({ intent: 'approve', id: sanctionId, decisionNo: '贵中介信〔2026〕21号' })
      const r = await fetch('/office/blacklist?_data=routes%2Foffice.blacklist', { method: 'POST', body })
      return { status: r.status, body: await r.json() }
    }, id)
    expect(forged).toMatchObject({ status: 400, body: { formError: 'errors.selfApproval' } })
    await visit(agency, '/agency')
    expect(new URL(agency.url()).pathname).toBe('/agency')
    await screenshot(office, 'blacklist-proposed')

    // The approver, in English, approves it.
    const approver = await (await newContext(browser, 'en')).newPage()
    await signIn(approver, OFFICE_APPROVER)
    await visit(approver, '/office/blacklist')
    const waiting = approver.locator('section[aria-labelledby=proposals-title] tbody tr', { hasText: uscc })
    expect(await approver.locator('form#sanction').count()).toBe(0)
    await post(waiting.locator('form', { has: approver.getByRole('button', { name: 'Approve' }) }))
    await expect.poll(() => approver.locator('.alert.ok').textContent()).toBe('Approved: the decision is in force and the agency has been told.')
    expect(await approver.locator('section[aria-labelledby=history-title] tbody tr', { hasText: uscc }).textContent()).toContain('In force')
    await screenshot(approver, 'blacklist-approved')

    // The agency is told, and an open procurement tells it why it cannot bid.
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    const procurementId = await draftEia(owner, { code: '2026-450802-48-01-071555', project: '贵港市郁江防洪堤三期工程', title: '郁江防洪堤三期工程环境影响报告表编制', max: '45,000', days: '10', method: 'lowest_price', announcementDays: '3' })
    await publishDraft(owner)
    // The listing ended the agency's session at once: its next page asks it to sign in again.
    await visit(agency, '/agency')
    expect(new URL(agency.url()).pathname).toBe('/login')
    await signIn(agency, 'agency50@example.com')
    await visit(agency, '/agency')
    expect(await agency.locator('.inbox li').first().textContent()).toContain('本机构已被列入失信名单（贵中介信〔2026〕21号）')
    await visit(agency, `/agency/bids/${procurementId}`)
    expect(await agency.locator('section[aria-labelledby=inel-title] li').first().textContent()).toBe('已列入失信名单')
    expect(await agency.locator('main form:has(input[name=price])').count()).toBe(0)

    // The public reads it on a phone, in English, without signing in.
    const reader = await (await newContext(browser, 'en', true)).newPage()
    await visit(reader, '/blacklist')
    const listed = reader.locator('tbody tr', { hasText: uscc })
    expect(await listed.textContent()).toContain('In force')
    expect(await listed.textContent()).toContain('Basis: 《贵港市网上中介服务超市管理办法》第二十五条')
    expect(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await screenshot(reader, 'blacklist-public-phone')

    // The public ranking, in Chinese, marks the listing beside the agency's grade (it lost 40 points), whichever grade that is.
    const ranking = await (await newContext(browser, 'zh-CN')).newPage()
    const nameZh = (await proposedName)!.replace(uscc, '').trim()
    let marked = 0
    for (const grade of ['A', 'B', 'C', 'D']) {
      await visit(ranking, `/credit?grade=${grade}`)
      const ranked = ranking.locator('tbody tr', { hasText: nameZh })
      if (!(await ranked.count())) continue
      expect(await ranked.locator('.badge', { hasText: '失信名单' }).count()).toBe(1)
      expect(Number(await ranked.locator('td').nth(3).textContent())).toBeLessThanOrEqual(60)
      marked++
      break
    }
    expect(marked).toBe(1)
    await screenshot(ranking, 'credit-ranking-listed')

    // Lifting needs a reason; then the listing leaves the public list and the agency may bid again.
    await visit(office, '/office/blacklist')
    const row = office.locator('section[aria-labelledby=history-title] tbody tr', { hasText: uscc })
    await refused(row.locator('form'), { summary: false })
    await expect.poll(() => row.locator('.error').textContent()).toBe('请写明理由（至少 4 个字）')
    await row.getByLabel('撤销理由').fill('经复核，放弃中选系不可抗力所致')
    await post(row.locator('form'))
    await expect.poll(() => office.locator('.alert.ok').textContent()).toBe('已撤销该决定。')
    await visit(reader, '/blacklist')
    expect(await reader.locator('tbody tr', { hasText: uscc }).count()).toBe(0)
    await visit(agency, `/agency/bids/${procurementId}`)
    expect(await agency.locator('main').textContent()).not.toContain('已列入失信名单')
  }, 240_000)
})
