import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { launch, newContext, screenshot } from './browser'
import { cookieOf, crawlSite, read, routePatterns } from './crawl'
import { bidInBrowser, clockForward, draftEia, passInstant, post, publishDraft, refused, signIn, visit } from './helpers'

/**
 * Sealed means sealed, checked from the outside. An open procurement gets three bidders: one alone
 * and a consortium of two (its member accepts on a phone). Then every page and API route the site
 * has is crawled, as each role that is not bidding (the public, the procurement's owner, another
 * agency, an authority, the market office), following every link from every page, once before
 * the bids and once after. After the bids, no response may hold a planted price or nonce anywhere,
 * and no response may name a bidder more often than it did before the bids: whatever the bids
 * added to a page would be a leak.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

type Role = 'public' | 'owner' | 'agency' | 'authority' | 'market_office'
const ROLES: Role[] = ['public', 'owner', 'agency', 'authority', 'market_office']
const LIMIT = 200
const crawl = (cookie: string | undefined, seeds: string[]) => crawlSite(cookie, seeds, LIMIT)

const count = (text: string, needle: string) => text.split(needle).length - 1

describe('sealed bids, from the outside', () => {
  it('no page or API route shows a planted price, nonce or bidder to anyone not bidding, before the opening', async () => {
    // The owner posts an EIA report that accepts consortia.
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    const title = '西江大桥引道工程环境影响报告表编制（联合体）'
    const id = await draftEia(owner, { code: '2026-450802-48-01-061203', project: '贵港市西江大桥引道工程', title, max: '50,000', days: '12', method: 'lowest_price', announcementDays: '3', checks: ['接受联合体报名'] })
    await publishDraft(owner)

    // Every role that is not bidding, and where each starts: every route the site has, with this procurement's id.
    const cookies: Record<Role, string | undefined> = { public: undefined, owner: await cookieOf(DEMO_ACCOUNTS.owner), agency: await cookieOf(DEMO_ACCOUNTS.agency), authority: await cookieOf(DEMO_ACCOUNTS.authority), market_office: await cookieOf(DEMO_ACCOUNTS.market_office) }
    const auctionId = /\/procurements\/([0-9a-f-]{36})/.exec(await read('/procurements?method=reverse_auction', undefined))?.[1] ?? ''
    const seeds = [
      '/', '/home', '/login', '/signup', '/healthz', '/no-such-page', '/procurements', `/procurements?q=${encodeURIComponent('西江大桥')}`, `/procurements/${id}`, '/procurements/feed.xml', '/webhooks/payments', '/messages/zh-CN.json?ns=bid,proc,sel,draw,auction', '/messages/en.json?ns=bid,proc,sel,draw,auction',
      `/procurements/${id}/auction`, `/procurements/${auctionId}/auction`, `/procurements/${auctionId}/auction/stream`, '/agencies', '/catalog', '/calendar', '/draws/algorithm', '/blacklist',
      '/owner', '/owner/procurements', '/owner/procurements/new', `/owner/procurements/${id}`, `/owner/procurements/${id}/edit`, '/agency', '/agency/bids', `/agency/bids/${id}`,
      '/agency/admission', '/agency/practitioners', '/agency/services', '/profile', '/authority', '/office', '/office/audit', '/office/jobs', '/office/outbox', '/office/rules', '/office/blacklist', '/office/approvals',
      // Every export, each in both formats' source: the same rows as its page.
      '/procurements/export?format=csv', '/owner/procurements/export?format=csv', '/blacklist/export?format=csv', '/office/audit/export?format=csv', '/inbox', '/search?q=%E7%8E%AF%E8%AF%84',
      // An invitation's page, which only its email links to (this token names none: the page says so).
      '/invite/abcdefghijklmnopqrstuvwxyz012345',
      // Objections and complaints: the agency's, the office's, the public decisions, and the form on this procurement.
      '/agency/objections', `/agency/objections/new?procurement=${id}`, '/office/complaints', '/complaints',
      // Monitoring: the public results, the office's desk, and a new one on this procurement.
      '/monitoring', '/office/monitoring', `/office/monitoring/new?procurement=${id}`, '/office/red-flags', '/office/payments', '/office/payments?view=held',
    ]
    // Whatever other journeys left due runs first (the outbox job renders its emails), so that
    // between the two crawls only the bids change what the site holds.
    await clockForward(3 * 60_000)
    const started = Date.now()
    const before = new Map<Role, Map<string, string>>()
    for (const role of ROLES) before.set(role, await crawl(cookies[role], seeds))

    // The bidders: one alone, then a consortium whose lead names its member by USCC.
    const alone = await bidInBrowser(browser, 'agency19@example.com', id, '47,613.29', '10')
    const lead = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(lead, 'agency32@example.com')
    const member = await (await newContext(browser, 'zh-CN', true)).newPage()
    await signIn(member, 'agency45@example.com')
    const identity = async (page: Page) => (await page.locator('section[aria-labelledby=org-title] dd').allTextContents()).slice(0, 2).map((s) => s.trim())
    await visit(alone, '/agency')
    const [aloneName, aloneUscc] = await identity(alone)
    await visit(lead, '/agency')
    const [leadName, leadUscc] = await identity(lead)
    await visit(member, '/agency')
    const [memberName, memberUscc] = await identity(member)

    await visit(lead, `/agency/bids/${id}`)
    const form = lead.locator('main form:has(input[name=price])')
    await form.getByLabel('报价（元）').fill('46,958.71')
    await form.getByLabel('承诺时限', { exact: true }).fill('11')
    await form.locator('summary', { hasText: '以联合体报价' }).click()
    // A member's code mistyped is named beside its field, and what was typed stays.
    await form.locator('fieldset', { hasText: '成员 1' }).getByLabel('统一社会信用代码').fill(leadUscc!)
    await form.getByLabel(/本机构承诺按报价/).check()
    await post(form)
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['这是本机构自己的代码：牵头人无需列为成员'])
    expect(await form.getByLabel('报价（元）').inputValue()).toBe('46,958.71')
    await form.locator('fieldset', { hasText: '成员 1' }).getByLabel('统一社会信用代码').fill(memberUscc!)
    await form.getByLabel(/本机构承诺按报价/).check()
    await post(form)
    await expect.poll(() => lead.locator('.alert.ok').textContent()).toBe('报价已提交并密封。')
    expect(await lead.locator('section[aria-labelledby=mine-title] table').textContent()).toContain('待确认')
    await screenshot(lead, 'consortium-lead')

    // The member finds the invitation in its inbox and accepts on its phone, committing to the price.
    await visit(member, '/agency')
    expect(await member.locator('.inbox li').first().textContent()).toContain(`${leadName} 邀请本机构作为联合体成员参加「${title}」`)
    await visit(member, `/agency/bids/${id}`)
    const invitation = member.locator('section[aria-labelledby^=invite-title]')
    expect(await invitation.textContent()).toContain('¥46,958.71')
    await refused(invitation.locator('form').first())
    await expect.poll(() => invitation.locator('.field .error, p.error').textContent()).toBe('请阅读并勾选同意承诺书')
    await invitation.getByLabel(/本机构同意联合体协议/).check()
    await post(invitation.locator('form').first())
    await expect.poll(() => member.locator('.alert.ok').first().textContent()).toBe('已确认参加联合体。')
    expect(await member.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await screenshot(member, 'consortium-member-phone')
    await visit(lead, `/agency/bids/${id}`)
    expect(await lead.locator('section[aria-labelledby=mine-title] table').textContent()).toContain('已确认')

    const nonces: string[] = []
    for (const page of [alone, lead]) {
      await visit(page, `/agency/bids/${id}`)
      nonces.push((await page.locator('code.nonce').textContent())!.trim())
    }
    // Three minutes on, so the outbox job has rendered the bidders' receipts and invitations as emails.
    await clockForward(3 * 60_000)
    const secrets = ['4761329', '47,613.29', '47613.29', '4695871', '46,958.71', '46958.71', ...nonces]
    const bidders = [aloneName!, aloneUscc!, leadName!, leadUscc!, memberName!, memberUscc!, 'agency19@example.com', 'agency32@example.com', 'agency45@example.com']
    expect(bidders.every((s) => s.length >= 8)).toBe(true)

    // The second crawl: nothing new may name a bidder, and nothing may hold a price or a nonce.
    const visited = new Set<string>()
    const leaks: string[] = []
    for (const role of ROLES) {
      const after = await crawl(cookies[role], seeds)
      const earlier = before.get(role)!
      for (const url of earlier.keys()) visited.add(url.split('?')[0]!)
      for (const [url, body] of after) {
        visited.add(url.split('?')[0]!)
        for (const secret of secrets) if (body.includes(secret)) leaks.push(`${role} ${url}: ${secret}`)
        for (const name of bidders) if (count(body, name) > count(earlier.get(url) ?? '', name)) leaks.push(`${role} ${url}: ${name}`)
      }
      expect(after.size, `${role} crawled`).toBeGreaterThan(30)
    }
    expect(leaks).toEqual([])
    // The crawl reached every route module of the site (the test clock's hook and the sign-out and language actions hold no data).
    const unreached = routePatterns().filter(({ file, pattern }) => !['[__test].clock.tsx', 'logout.tsx', 'lang.tsx', 'inbox.$id.tsx'].includes(file) && ![...visited].some((u) => pattern.test(u)))
    expect(unreached.map((r) => r.file)).toEqual([])
    console.info(`sealed crawl: ${[...before.values()].reduce((n, m) => n + m.size, 0)} + ${visited.size} distinct paths, ${((Date.now() - started) / 1000).toFixed(1)} s`)

    // The deadline passes: the owner sees both bids, the consortium with its member.
    await visit(owner, `/owner/procurements/${id}`)
    await passInstant(owner, '报名截止')
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, `/owner/procurements/${id}`)
    const rows = owner.locator('section[aria-labelledby=opened-title] tbody tr')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.nth(0).textContent()).toContain(`联合体成员：${memberName}`)
    expect(await rows.nth(0).textContent()).toContain('¥46,958.71')
    expect(await owner.locator('#opened-title').textContent()).toBe('开标结果（2 份有效报价）')
  }, 300_000)
})
