import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { launch, newContext, noSideways, screenshot } from './browser'
import { bidInBrowser, passInstant, publishDraft, refused, signIn, visit } from './helpers'

/**
 * The two methods that weigh credit, in a real browser, each to its award.
 *
 * 综合评分: the owner, in Chinese, publishes a scoring procurement (weights that
 * do not add up to 100 refused in the page first); three agencies bid; the deadline passes and the
 * opening scores them. The public, in English on a phone, reads the weights on the announcement
 * and the published score table, highest total first, with the award to it.
 *
 * 信用择优: the owner publishes a credit shortlist in English; after the opening it chooses from the
 * drawn short list on a phone (nothing chosen and no reason refused first), and the public reads
 * the choice and its reason in Chinese.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

// Demo agencies holding verified EIA qualifications that offer EIA items.
const BIDDERS = ['agency19@example.com', 'agency32@example.com', 'agency45@example.com']

describe('scoring', () => {
  it('publishes its weights, scores every bid at the opening and awards the highest total', async () => {
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, '/owner/procurements/new')
    const form = owner.locator('main form.procurement-form')
    await form.getByLabel('项目代码').fill('2026-450802-46-01-061190')
    await form.getByLabel('项目名称').fill('贵港市港南区垃圾中转站建设工程')
    await form.getByLabel('公告标题').fill('垃圾中转站建设工程环境影响报告表编制（综合评分）')
    await form.locator('summary', { hasText: '环境影响评价' }).click()
    await form.getByLabel('C06-02 环境影响报告表编制').check()
    await form.getByLabel('最高限价（元）').fill('60,000')
    await form.getByLabel('服务时限（工作日）').fill('12')
    await form.getByLabel('选取方式', { exact: true }).selectOption('scoring')
    await form.getByLabel('公告期（工作日）').fill('5')
    // The weights default to 60/30/10; made to add up to 110, the page refuses them before sending.
    expect(await form.getByLabel('价格权重（%）').inputValue()).toBe('60')
    await form.getByLabel('时限权重（%）').fill('20')
    await refused(form)
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['三项权重之和须为 100'])
    await form.getByLabel('时限权重（%）').fill('10')
    await Promise.all([owner.waitForURL('**/owner/procurements/*?saved=draft'), form.locator('button[type=submit]').click()])
    await owner.waitForSelector('html[data-hydrated]')
    const id = new URL(owner.url()).pathname.split('/').pop()!
    await publishDraft(owner)
    expect(await owner.locator('main').textContent()).toContain('价格 60%，信用 30%，时限 10%')

    for (const [n, email] of BIDDERS.entries()) await bidInBrowser(browser, email, id, ['52,000', '49,000', '55,000'][n]!, ['10', '12', '8'][n]!)

    // The deadline passes; the opening scores the bids and awards the highest total.
    const moved = await passInstant(owner, '报名截止')
    expect(moved.ran).toBeGreaterThanOrEqual(1)

    const reader = await (await newContext(browser, 'en', true)).newPage()
    await visit(reader, `/procurements/${id}`)
    expect(await reader.locator('.lead .badge').textContent()).toBe('Awarded')
    expect(await reader.locator('main').textContent()).toContain('Price 60%, credit 30%, days 10%')
    expect(await reader.locator('#selection-title + p').textContent()).toMatch(/^3 bids scored under the weights \(price 60%, credit 30%, days 10%\)/)
    const scores = reader.locator('table.scores tbody tr')
    expect(await scores.count()).toBe(3)
    const totals = (await scores.locator('td:last-child').allTextContents()).map(Number)
    expect(totals).toEqual([...totals].sort((a, b) => b - a))
    // Each total is its three parts, as published.
    for (const row of await scores.all()) {
      const cells = (await row.locator('td').allTextContents()).slice(2).map(Number)
      expect(Math.round((cells[0]! + cells[1]! + cells[2]!) * 100)).toBe(Math.round(cells[3]! * 100))
    }
    // The winner is the first of the score table and the first candidate.
    const winner = await reader.locator('table.selection:not(.scores) tbody tr.winner td').nth(1).textContent()
    expect(winner).toContain((await scores.first().locator('td').first().textContent())!)
    expect(await noSideways(reader)).toBe(true)
    await screenshot(reader, 'scoring-result-phone')

    // In Chinese, the owner's page says it too.
    await visit(owner, `/procurements/${id}`)
    expect(await owner.locator('#score-title').textContent()).toBe('评分表')
    await screenshot(owner, 'scoring-result')
  }, 240_000)
})

describe('a credit shortlist', () => {
  it('draws a short list from the best credit scores, and the owner chooses the winner with a reason', async () => {
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, '/owner/procurements/new')
    const form = owner.locator('main form.procurement-form')
    await form.getByLabel('项目代码').fill('2026-450802-46-01-061191')
    await form.getByLabel('项目名称').fill('贵港市港南区公共停车场建设工程')
    await form.getByLabel('公告标题').fill('公共停车场建设工程环境影响报告表编制（信用择优）')
    await form.locator('summary', { hasText: '环境影响评价' }).click()
    await form.getByLabel('C06-02 环境影响报告表编制').check()
    await form.getByLabel('最高限价（元）').fill('60,000')
    await form.getByLabel('服务时限（工作日）').fill('12')
    await form.getByLabel('选取方式', { exact: true }).selectOption('credit_shortlist')
    await form.getByLabel('公告期（工作日）').fill('3')
    // A short list as long as the long list is refused in the page.
    await form.getByLabel('大名单家数').fill('3')
    await form.getByLabel('小名单家数').fill('3')
    await refused(form)
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['小名单须少于大名单'])
    await form.getByLabel('小名单家数').fill('2')
    await Promise.all([owner.waitForURL('**/owner/procurements/*?saved=draft'), form.locator('button[type=submit]').click()])
    await owner.waitForSelector('html[data-hydrated]')
    const id = new URL(owner.url()).pathname.split('/').pop()!
    await publishDraft(owner)
    expect(await owner.locator('main').textContent()).toContain('大名单 3 家，小名单 2 家')
    for (const [n, email] of BIDDERS.entries()) await bidInBrowser(browser, email, id, ['52,000', '49,000', '55,000'][n]!, '10')
    await passInstant(owner, '报名截止')

    // The owner, on a phone in English, chooses from the short list the draw made.
    const phone = await (await newContext(browser, 'en', true)).newPage()
    await signIn(phone, DEMO_ACCOUNTS.owner)
    await visit(phone, `/owner/procurements/${id}`)
    const choice = phone.locator('form#shortlist-choice')
    expect(await choice.locator('input[type=radio]').count()).toBe(2)
    await refused(choice)
    await expect.poll(() => choice.locator('.has-error .error').allTextContents()).toEqual(['Choose one of the short list', 'Give the reason for your choice (at least 10 characters)'])
    const second = choice.locator('label.choice').nth(1)
    const chosenName = ((await second.textContent()) ?? '').split(':')[0]!.trim()
    await second.locator('input').check()
    await choice.getByLabel('Reason for the choice').fill('The project lead has run three similar assessments nearby.')
    await Promise.all([phone.waitForResponse((r) => r.request().method() === 'POST'), choice.locator('button[type=submit]').click()])
    await expect.poll(() => phone.locator('.alert.ok').textContent()).toBe('Chosen; the agency has been told.')
    expect(await phone.locator('table.selection tbody tr.winner').textContent()).toContain(chosenName)
    expect(await noSideways(phone)).toBe(true)
    await screenshot(phone, 'shortlist-chosen-phone')

    // The public, in Chinese: the award to the chosen one, the reason published, the draw's record listed.
    const reader = await (await newContext(browser, 'zh-CN')).newPage()
    await visit(reader, `/procurements/${id}`)
    expect(await reader.locator('.lead .badge').textContent()).toBe('中选公示')
    expect(await reader.locator('table.selection tbody tr.winner').count()).toBe(1)
    expect(await reader.locator('main').textContent()).toContain('采购人选择理由：The project lead has run three similar assessments nearby.')
    expect(await reader.locator('main').textContent()).toContain('小名单抽取')
    await screenshot(reader, 'shortlist-result')
  }, 240_000)
})
