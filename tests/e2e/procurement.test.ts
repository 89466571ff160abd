import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { expectAccessible, launch, newContext, screenshot } from './browser'
import { signIn, visit } from './helpers'

/**
 * An open procurement, in a real browser: the owner posts and publishes it; three agencies bid,
 * one edits and one withdraws; nobody but the bidder sees a price, and the owner only a count;
 * the deadline passes by itself (the server's test clock moves) and the opening makes the bids
 * readable to the owner.
 */
const base = inject('baseUrl')
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

// Demo agencies 19, 32 and 45 hold verified EIA qualifications and offer EIA items.
const BIDDERS = ['agency19@example.com', 'agency32@example.com', 'agency45@example.com']

async function post(page: Page) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('main form button[type=submit]').last().click()])
}

describe('an open procurement', () => {
  it('is posted, bid on under seal, closed by its deadline and opened to its owner', async () => {
    const ownerContext = await newContext(browser, 'zh-CN')
    const owner = await ownerContext.newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, '/owner/procurements/new')
    const form = owner.locator('main form.procurement-form')
    await form.getByLabel('项目代码').fill('2026-4508-46-01')
    await form.getByLabel('项目名称').fill('贵港市江南污水处理厂提标改造工程')
    await form.getByLabel('公告标题').fill('江南污水处理厂提标改造工程环境影响报告表编制')
    await form.locator('summary', { hasText: '环境影响评价' }).click()
    await form.getByLabel('C06-02 环境影响报告表编制').check()
    await form.getByLabel('最高限价（元）').fill('60,000')
    await form.getByLabel('服务时限（工作日）').fill('10')
    await form.getByLabel('选取方式', { exact: true }).selectOption('lowest_price')
    await form.getByLabel('公告期（工作日）').fill('3')
    await post(owner)
    // A malformed project code is named, and what was typed stays.
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['项目代码格式应为 年份-行政区划-行业-类型-流水号，例如 2026-450802-48-01-012345'])
    expect(await form.getByLabel('项目名称').inputValue()).toBe('贵港市江南污水处理厂提标改造工程')
    expect(await form.getByLabel('C06-02 环境影响报告表编制').isChecked()).toBe(true)
    await expectAccessible(owner)
    await form.getByLabel('项目代码').fill('2026-450802-46-01-052210')
    await Promise.all([owner.waitForURL('**/owner/procurements/*?saved=draft'), form.locator('button[type=submit]').click()])
    await owner.waitForSelector('html[data-hydrated]')
    await expectAccessible(owner)
    const id = new URL(owner.url()).pathname.split('/').pop()!
    await Promise.all([owner.waitForResponse((r) => r.request().method() === 'POST'), owner.getByRole('button', { name: '发布公告' }).click()])
    await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('报名中')
    const number = await owner.locator('.lead .mono').textContent()
    expect(number).toMatch(/^ZJCS-\d{4}-\d{6}$/)
    await screenshot(owner, 'procurement-published')

    // The public sees the announcement, but nothing of its bids.
    const visitorContext = await newContext(browser, 'en')
    const visitor = await visitorContext.newPage()
    await visit(visitor, `/procurements?q=${number}`)
    await expect.poll(() => visitor.locator('main tbody tr').count()).toBe(1)
    await visitor.locator('main tbody tr a').click()
    await visitor.waitForURL(`**/procurements/${id}`)
    await visitor.waitForSelector('html[data-hydrated]')
    await expectAccessible(visitor)

    // Three agencies bid; the third first tries above the max price.
    const bidders: Page[] = []
    for (const [n, email] of BIDDERS.entries()) {
      const page = await (await newContext(browser, 'zh-CN')).newPage()
      await signIn(page, email)
      await visit(page, `/agency/bids/${id}`)
      const bidForm = page.locator('main form:has(input[name=price])')
      await bidForm.getByLabel('报价（元）').fill(n === 2 ? '60,000.01' : ['56,800', '58,000', '59,500'][n]!)
      await bidForm.getByLabel('承诺时限', { exact: true }).fill(String(8 + n))
      await bidForm.getByLabel(/本机构承诺按报价/).check()
      await post(page)
      if (n === 2) {
        await expect.poll(() => bidForm.locator('.field.has-error .error').allTextContents()).toEqual(['报价须在最低限价与最高限价之间'])
        await bidForm.getByLabel('报价（元）').fill('59,500')
        await bidForm.getByLabel(/本机构承诺按报价/).check()
        await post(page)
      }
      await expect.poll(() => page.locator('.alert.ok').textContent()).toBe('报价已提交并密封。')
      // The bidder keeps its nonce: 64 hex characters its browser made.
      expect(await page.locator('code.nonce').textContent()).toMatch(/^[0-9a-f]{64}$/)
      await expectAccessible(page)
      bidders.push(page)
    }
    await screenshot(bidders[0]!, 'bid-sealed')

    // The second edits its price; the third withdraws.
    const edit = bidders[1]!.locator('main form:has(input[name=price])')
    await edit.getByLabel('报价（元）').fill('55,500')
    await edit.getByLabel(/本机构承诺按报价/).check()
    await post(bidders[1]!)
    await expect.poll(() => bidders[1]!.locator('.alert.ok').textContent()).toBe('报价已更新。')
    await Promise.all([bidders[2]!.waitForResponse((r) => r.request().method() === 'POST'), bidders[2]!.getByRole('button', { name: '撤回报价' }).click()])
    await expect.poll(() => bidders[2]!.locator('.alert.ok').textContent()).toBe('报价已撤回。')

    // Sealed: the owner sees a count only. The server's whole answer (page and hydration data)
    // holds no price and no bidder, for the owner, the public, or a bidder looking at the list.
    await visit(owner, `/owner/procurements/${id}`)
    expect(await owner.locator('.big-number').textContent()).toBe('已收到 2 份报价')
    const SECRETS = /5680000|5550000|5950000|56,800|55,500|59,500|nonce|agencyOrgId/
    for (const [page, path] of [[owner, `/owner/procurements/${id}`], [visitor, `/procurements/${id}`], [bidders[0]!, `/procurements/${id}`], [visitor, '/procurements']] as const) {
      const html = await (await page.request.get(base + path)).text()
      expect(html).toContain('江南污水处理厂')
      expect(html).not.toMatch(SECRETS)
    }

    // The deadline passes: the server's clock moves past it and the queued close runs.
    const deadline = await owner.evaluate(() => document.querySelector('main')!.textContent)
    expect(deadline).toContain('截止后自动开标')
    const moved = await fetch(`${base}/__test/clock`, { method: 'POST', body: new URLSearchParams({ advanceMs: String(6 * 86_400_000) }) }).then((r) => r.json() as Promise<{ ran: number }>)
    expect(moved.ran).toBeGreaterThanOrEqual(1)

    // Sessions end after 12 hours; the owner signs in again and finds the bids opened.
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, `/owner/procurements/${id}`)
    await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('选取中')
    const rows = owner.locator('section[aria-labelledby=opened-title] tbody tr')
    expect(await rows.count()).toBe(3)
    expect(await rows.nth(0).locator('td.num').first().textContent()).toBe('¥55,500.00')
    expect(await rows.nth(1).locator('td.num').first().textContent()).toBe('¥56,800.00')
    expect(await rows.nth(2).locator('td').last().textContent()).toBe('已撤回')
    expect(await owner.locator('#opened-title').textContent()).toBe('开标结果（2 份有效报价）')
    await screenshot(owner, 'procurement-opened')
    await ownerContext.close()
    await visitorContext.close()
  })
})
