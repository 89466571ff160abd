import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { expectAccessible, launch, newContext, screenshot } from './browser'
import { post, refused, settles, signIn, visit } from './helpers'

/**
 * A direct commission above the limit, in real browsers: the demo owner's draft waits for the
 * market office, which refuses it first (a reason is required), then approves it when asked
 * again; only then can the owner publish it.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

describe('a direct commission above the limit', () => {
  it('is refused, asked again, approved with a reason, and only then published', async () => {
    const office = await (await newContext(browser, 'zh-CN', true)).newPage()
    await signIn(office, DEMO_ACCOUNTS.market_office)
    await visit(office, '/office/approvals')
    const card = office.locator('main section.card', { hasText: '应急抢险，直接委托' })
    const title = (await card.locator('h2').textContent())!.trim()
    const decide = card.locator('form')
    // Neither a decision nor a reason: both are named, and nothing is sent.
    await refused(decide)
    await expect.poll(() => office.locator('main .field.has-error .error').allTextContents()).toEqual(['请选择一项', '请写明理由（至少 4 个字）'])
    await decide.getByLabel('不予批准').check()
    await decide.getByLabel('审批意见').fill('未提供应急抢险认定文件')
    await post(decide)
    await expect.poll(() => office.locator('.alert.ok').textContent()).toBe('已记录审批意见，并已通知项目业主。')
    expect(await office.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)

    // The owner reads the refusal on its draft, which cannot be published yet, and asks again.
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, '/owner/procurements')
    await settles(owner, () => Promise.all([owner.waitForURL('**/owner/procurements/*'), owner.getByRole('link', { name: title }).first().click()]))
    await expectAccessible(owner)
    const panel = owner.locator('section[aria-labelledby=direct-approval-title]')
    expect(await panel.textContent()).toContain('未获批准：未提供应急抢险认定文件')
    await Promise.all([owner.waitForResponse((r) => r.request().method() === 'POST'), owner.getByRole('button', { name: '发布公告' }).click()])
    await expect.poll(() => owner.locator('.alert.error').first().textContent()).toContain('须经中介超市管理部门审批同意后方可发布')
    await Promise.all([owner.waitForResponse((r) => r.request().method() === 'POST'), panel.getByRole('button', { name: '提交审批申请' }).click()])
    await expect.poll(() => owner.locator('.alert.ok').textContent()).toBe('审批申请已提交，中介超市管理部门处理后将通知您。')

    // The office approves, with its reason; the owner publishes.
    await visit(office, '/office/approvals')
    await decide.getByLabel('批准直接委托').check()
    await decide.getByLabel('审批意见').fill('经核实属防汛应急抢险工程，同意直接委托')
    await post(decide)
    await expect.poll(() => office.locator('.alert.ok').textContent()).toBe('已记录审批意见，并已通知项目业主。')
    await screenshot(office, 'direct-approval-office-phone')
    await visit(owner, new URL(owner.url()).pathname)
    expect(await panel.textContent()).toContain('获批准：经核实属防汛应急抢险工程，同意直接委托')
    await screenshot(owner, 'direct-approval-owner')
    await Promise.all([owner.waitForResponse((r) => r.request().method() === 'POST'), owner.getByRole('button', { name: '发布公告' }).click()])
    await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('报名中')
  }, 240_000)
})
