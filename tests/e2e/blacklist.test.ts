import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { launch, newContext, screenshot } from './browser'
import { draftEia, post, publishDraft, refused, signIn, visit } from './helpers'

/**
 * 失信名单 in a real browser: the market office lists an agency (a form with its errors first),
 * the agency is told and can no longer bid, the public reads the list on a phone in English, and
 * the office lifts the listing with a reason.
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
    const form = office.locator('main form:has(input[name=uscc])')
    // Nothing typed but the code: each missing field is named, and the code stays.
    await form.getByLabel('统一社会信用代码').fill(uscc)
    await refused(form)
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['此项必填', '请写明理由（至少 4 个字）'])
    expect(await form.getByLabel('统一社会信用代码').inputValue()).toBe(uscc)
    await form.getByLabel('决定文号').fill('贵中介信〔2026〕21号')
    await form.getByLabel('事由').fill('中选后无正当理由放弃中选资格，扰乱中介超市秩序')
    await form.getByLabel(/截止日/).fill('2027-12-31')
    await post(form)
    await expect.poll(() => office.locator('.alert.ok').textContent()).toBe('已列入失信名单，并已通知该机构。')
    expect(await office.locator('section[aria-labelledby=history-title] tbody tr').first().textContent()).toContain('执行中')
    await screenshot(office, 'blacklist-office')

    // The agency is told, and an open procurement tells it why it cannot bid.
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    const id = await draftEia(owner, { code: '2026-450802-48-01-071555', project: '贵港市郁江防洪堤三期工程', title: '郁江防洪堤三期工程环境影响报告表编制', max: '45,000', days: '10', method: 'lowest_price', announcementDays: '3' })
    await publishDraft(owner)
    // The listing ended the agency's session at once: its next page asks it to sign in again.
    await visit(agency, '/agency')
    expect(new URL(agency.url()).pathname).toBe('/login')
    await signIn(agency, 'agency50@example.com')
    await visit(agency, '/agency')
    expect(await agency.locator('.inbox li').first().textContent()).toContain('本机构已被列入失信名单（贵中介信〔2026〕21号）')
    await visit(agency, `/agency/bids/${id}`)
    expect(await agency.locator('section[aria-labelledby=inel-title] li').first().textContent()).toBe('已列入失信名单')
    expect(await agency.locator('main form:has(input[name=price])').count()).toBe(0)

    // The public reads it on a phone, in English, without signing in.
    const reader = await (await newContext(browser, 'en', true)).newPage()
    await visit(reader, '/blacklist')
    const listed = reader.locator('tbody tr', { hasText: uscc })
    expect(await listed.textContent()).toContain('In force')
    expect(await listed.textContent()).toContain('to 31 Dec 2027')
    expect(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await screenshot(reader, 'blacklist-public-phone')

    // Lifting needs a reason; then the listing leaves the public list and the agency may bid again.
    const row = office.locator('section[aria-labelledby=history-title] tbody tr', { hasText: uscc })
    await refused(row.locator('form'), { summary: false })
    await expect.poll(() => row.locator('.error').textContent()).toBe('请写明理由（至少 4 个字）')
    await row.getByLabel('撤销理由').fill('经复核，放弃中选系不可抗力所致')
    await post(row.locator('form'))
    await expect.poll(() => office.locator('.alert.ok').textContent()).toBe('已撤销该决定。')
    await visit(reader, '/blacklist')
    expect(await reader.locator('tbody tr', { hasText: uscc }).count()).toBe(0)
    await visit(agency, `/agency/bids/${id}`)
    expect(await agency.locator('main').textContent()).not.toContain('已列入失信名单')
  }, 120_000)
})
