import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { launch, newContext, noSideways, screenshot } from './browser'
import { clockForward, post, refused, signIn, visit } from './helpers'

/**
 * An agency's own credit, and an organization with several users, in a real browser.
 * - The agency the demo left with a poor evaluation and a yellow card of 120 days ago
 *   (agency35) appeals the evaluation on a phone in Chinese, a reason too short refused first,
 *   and asks for the card's repair; the office grants both in English; the agency's score rises
 *   by what the two marks took, the card leaves the public list, and the appeal cannot be filed
 *   again.
 * - An owner's admin invites a colleague as a purchaser in English; an email already in another
 *   organization is refused; the invitation arrives by email; the colleague accepts it in Chinese
 *   with a password (a weak one refused first) and works for the owner; the admin makes them an admin, then removes them,
 *   which ends their session.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

const NAME_EN = 'Guangxi Guigang Yuanjing 2 Geological hazard assessment Co., Ltd.'
const scoreOf = async (page: Page) => Number(/信用分 (\d+)/.exec((await page.locator('main').textContent()) ?? '')?.[1])

describe("an agency's own credit", () => {
  it('appeals an evaluation and repairs a yellow card, decided by the office, and the score and the public list follow', async () => {
    // In public, the yellow card is in force.
    const reader = await (await newContext(browser, 'en')).newPage()
    await visit(reader, '/blacklist')
    expect(await reader.locator('main').textContent()).toContain('贵中介信〔2026〕黄7号')

    const agency = await (await newContext(browser, 'zh-CN', true)).newPage()
    await signIn(agency, 'agency35@example.com')
    await visit(agency, '/agency/credit')
    const before = await scoreOf(agency)
    expect(before).toBeLessThan(100)

    // The appeal: a reason of a few characters is refused in the browser, then one is filed.
    const appeal = agency.locator('main form[id^=appeal-]')
    expect(await appeal.count()).toBe(1)
    await appeal.getByLabel('申诉理由').fill('不认可')
    await refused(appeal, { summary: false })
    expect(await appeal.locator('.field.has-error').textContent()).toContain('请写明具体情况（至少 10 个字）')
    await appeal.getByLabel('申诉理由').fill('成果已按约定于第19个工作日提交，附邮件回执；风险分区图经业主现场确认')
    await post(appeal)
    await expect.poll(() => agency.locator('.alert.ok').textContent()).toBe('申诉已提交，监管部门处理后会通知您。')
    await expect.poll(() => agency.locator('main form[id^=appeal-]').count()).toBe(0)

    // The yellow card of 120 days ago may be repaired (its minimum is 90 days); the request is filed.
    const card = agency.locator('section[aria-labelledby=measures-title] li', { hasText: '贵中介信〔2026〕黄7号' })
    await card.getByLabel('整改情况及证明材料').fill('已对踏勘人员进行培训并建立现场记录复核制度，附整改报告及培训签到表')
    await post(card.locator('form'))
    await expect.poll(() => agency.locator('.alert.ok').textContent()).toBe('修复申请已提交，监管部门处理后会通知您。')
    expect(await card.locator('.badge').textContent()).toBe('处理中')
    expect(await noSideways(agency)).toBe(true)
    await screenshot(agency, 'petitions-agency-filed-zh-390')

    // The office decides both, in English; a note too short is refused first.
    const office = await (await newContext(browser, 'en')).newPage()
    await signIn(office, DEMO_ACCOUNTS.market_office)
    await visit(office, '/office/petitions')
    const mine = office.locator('section[aria-labelledby=open-title] li', { hasText: NAME_EN })
    expect(await mine.count()).toBe(2)
    const first = mine.first().locator('form')
    await first.getByLabel('Grant').check()
    await first.getByLabel('Note').fill('ok')
    await refused(first, { summary: false })
    const requests: Array<[string, string]> = [
      ['Appeal', 'Receipts show the report was on time; the evaluation no longer counts.'],
      ['Credit repair', 'Corrective steps are in place and evidenced; the card is lifted.'],
    ]
    for (const [k, [kind, note]] of requests.entries()) {
      const form = office.locator('section[aria-labelledby=open-title] li', { hasText: NAME_EN }).filter({ has: office.locator('strong', { hasText: new RegExp(`^${kind}$`) }) }).locator('form')
      await form.getByLabel('Grant').check()
      await form.getByLabel('Note').fill(note)
      await post(form)
      await expect.poll(() => office.locator('.alert.ok').textContent()).toBe('Decided; the agency has been told.')
      await expect.poll(() => office.locator('section[aria-labelledby=decided-title] li', { hasText: NAME_EN }).count()).toBe(k + 1)
      // The decision sits with its own request.
      expect(await office.locator('section[aria-labelledby=decided-title] li', { hasText: NAME_EN }).filter({ hasText: note }).locator('strong').first().textContent()).toBe(kind)
    }
    expect(await office.locator('section[aria-labelledby=decided-title] li', { hasText: NAME_EN }).count()).toBe(2)
    await screenshot(office, 'petitions-office-en-1366')

    // The agency's score has the two marks back (the poor evaluation and the card), and the card shows as lifted.
    await visit(agency, '/agency/credit')
    const after = await scoreOf(agency)
    expect(after).toBeGreaterThan(before)
    expect(await agency.locator('section[aria-labelledby=measures-title] li', { hasText: '贵中介信〔2026〕黄7号' }).locator('.badge').textContent()).toBe('已撤销，不再计分')
    expect(await agency.locator('main form[id^=appeal-]').count()).toBe(0)
    expect(await agency.locator('section[aria-labelledby=petitions-title] .badge').allTextContents()).toEqual(['已同意', '已同意'])

    // In public, the yellow card is no longer in force.
    await visit(reader, '/blacklist')
    expect(await reader.locator('main').textContent()).not.toContain('贵中介信〔2026〕黄7号')
    for (const page of [agency, office, reader]) await page.context().close()
  })
})

describe('an organization with several users', () => {
  it("is kept by its admin: an invitation by email, accepted with a password, a role changed, a member removed", async () => {
    const admin = await (await newContext(browser, 'en')).newPage()
    await signIn(admin, DEMO_ACCOUNTS.owner)
    await visit(admin, '/members')
    const invite = admin.locator('main form#invite')

    // An email that already belongs to another organization is refused, and what was typed stays.
    await invite.getByLabel('Email').fill(DEMO_ACCOUNTS.agency)
    await invite.getByLabel('Name').fill('Xu Min')
    await invite.getByLabel('Role').selectOption('purchaser')
    await post(invite)
    await invite.locator('.field.has-error').first().waitFor()
    expect(await invite.getByLabel('Name').inputValue()).toBe('Xu Min')

    await invite.getByLabel('Email').fill('xu.min@example.com')
    await post(invite)
    await expect.poll(() => admin.locator('section[aria-labelledby=pending-title]').textContent()).toContain('xu.min@example.com')
    await screenshot(admin, 'members-invited-en-1366')

    // The email arrives (the outbox job renders it within two minutes), its link to the invitation.
    await clockForward(3 * 60_000)
    const office = await (await newContext(browser, 'en')).newPage()
    await signIn(office, DEMO_ACCOUNTS.market_office)
    await visit(office, '/office/outbox?to=xu.min%40example.com')
    const link = await office.locator('ul.outbox > li h2 a').first().getAttribute('href')
    expect(link).toMatch(/^\/invite\/[A-Za-z0-9_-]{20,}$/)

    // The colleague accepts it in Chinese: a password too short is refused, then they are in, as a purchaser.
    const colleague = await (await newContext(browser, 'zh-CN', true)).newPage()
    await visit(colleague, link!)
    expect(await colleague.locator('main').textContent()).toContain('xu.min@example.com')
    const accept = colleague.locator('main form#accept')
    // A password too short is refused by the server (its rule is the sign-up's), in Chinese, and the invitation still stands.
    await accept.getByLabel('密码').fill('short')
    await post(accept)
    await accept.locator('.field.has-error').first().waitFor()
    expect(await accept.locator('.field.has-error .error').first().textContent()).toMatch(/密码/)
    await accept.getByLabel('密码').fill('Purchaser-2026-secure')
    await Promise.all([colleague.waitForURL((u) => u.pathname !== link), accept.locator('button[type=submit]').click()])
    await visit(colleague, '/owner/procurements')
    expect(colleague.url()).toContain('/owner/procurements')
    expect(await noSideways(colleague)).toBe(true)
    await screenshot(colleague, 'members-accepted-zh-390')

    // The admin sees them, makes them an admin, then removes them: their session ends.
    await visit(admin, '/members')
    const row = admin.locator('main tr', { hasText: 'xu.min@example.com' })
    await row.getByLabel('Xu Min’s role').selectOption('admin')
    await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), row.getByRole('button', { name: 'Save' }).click()])
    await expect.poll(() => admin.locator('main tr', { hasText: 'xu.min@example.com' }).getByLabel('Xu Min’s role').inputValue()).toBe('admin')
    await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), admin.locator('main tr', { hasText: 'xu.min@example.com' }).getByRole('button', { name: 'Remove' }).click()])
    await expect.poll(() => admin.locator('main tr', { hasText: 'xu.min@example.com' }).count()).toBe(0)
    await colleague.goto(colleague.url())
    expect(new URL(colleague.url()).pathname).toBe('/login')
    for (const page of [admin, office, colleague]) await page.context().close()
  })
})
