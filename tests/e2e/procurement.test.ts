import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo'
import { expectAccessible, launch, newContext, screenshot } from './browser'
import { draftEia, passInstant, post, publishDraft, refused, signIn, visit } from './helpers'
import { baseUrl as base } from './base'

/**
 * An open procurement, in a real browser: the owner posts and publishes it; three agencies bid,
 * one edits and one withdraws; nobody but the bidder sees a price, and the owner only a count;
 * the deadline passes by itself (the server's test clock moves) and the opening makes the bids
 * readable to the owner.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

// Demo agencies 19, 32 and 45 hold verified EIA qualifications and offer EIA items.
const BIDDERS = ['agency19@example.com', 'agency32@example.com', 'agency45@example.com']

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
    // A malformed project code is named by the browser, with the server's own schema and words,
    // before anything is sent; the field has the focus, the summary links to it, and what was typed stays.
    const posts: string[] = []
    owner.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())))
    await form.locator('button[type=submit]').click()
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['项目代码格式应为 年份-行政区划-行业-类型-流水号，例如 2026-450802-48-01-012345'])
    expect(posts).toEqual([])
    expect(await owner.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('projectCode')
    expect(await form.locator('.error-summary a').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([['项目代码：项目代码格式应为 年份-行政区划-行业-类型-流水号，例如 2026-450802-48-01-012345', '#procurement-projectCode']])
    expect(await form.getByLabel('项目名称').inputValue()).toBe('贵港市江南污水处理厂提标改造工程')
    expect(await form.getByLabel('C06-02 环境影响报告表编制').isChecked()).toBe(true)
    await expectAccessible(owner)
    // Without JavaScript the server says the same, with the summary at the top of the form.
    const plain = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false })
    const noJs = await plain.newPage()
    await noJs.goto(`${base}/login`)
    await noJs.locator('main input[name=email]').fill(DEMO_ACCOUNTS.owner)
    await noJs.locator('main input[name=password]').fill(DEMO_PASSWORD)
    await Promise.all([noJs.waitForURL((u) => u.pathname !== '/login'), noJs.locator('main button[type=submit]').click()])
    await noJs.goto(`${base}/owner/procurements/new`)
    await noJs.locator('main form.procurement-form').getByLabel('项目代码').fill('2026-4508-46-01')
    await Promise.all([noJs.waitForResponse((r) => r.request().method() === 'POST'), noJs.locator('main form.procurement-form button[type=submit]').click()])
    await noJs.waitForSelector('.error-summary')
    expect(await noJs.locator('.error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(expect.arrayContaining(['#procurement-projectCode', '#procurement-itemCodes']))
    await plain.close()
    await form.getByLabel('项目代码').fill('2026-450802-46-01-052210')
    await Promise.all([owner.waitForURL('**/owner/procurements/*?saved=draft'), form.locator('button[type=submit]').click()])
    await owner.waitForSelector('html[data-hydrated]')
    await expectAccessible(owner)
    const id = new URL(owner.url()).pathname.split('/').pop()!
    // A document for the bidders, attached to the draft.
    const fs = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const doc = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zjcs-att-')), '技术要求.pdf')
    fs.writeFileSync(doc, '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
    const attach = owner.locator('main form:has(input[name=file])')
    await attach.getByLabel(/附件（PDF/).setInputFiles(doc)
    await post(attach)
    await expect.poll(() => owner.locator('.alert.ok').textContent()).toBe('附件已上传。')
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
    // The draw is committed from publication on: the commitment is shown, the secret is not.
    expect(await visitor.locator('main code.commitment').textContent()).toMatch(/^[0-9a-f]{64}$/)
    // Its attachment downloads without signing in, named as the owner named it.
    const href = await visitor.locator('.attachments a').getAttribute('href')
    const download = await fetch(base + href!, { redirect: 'manual' })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('技术要求')}.pdf`)

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
      await post(bidForm)
      if (n === 2) {
        await expect.poll(() => bidForm.locator('.field.has-error .error').allTextContents()).toEqual(['报价须在最低限价与最高限价之间'])
        await bidForm.getByLabel('报价（元）').fill('59,500')
        await bidForm.getByLabel(/本机构承诺按报价/).check()
        await post(bidForm)
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
    await post(edit)
    await expect.poll(() => bidders[1]!.locator('.alert.ok').textContent()).toBe('报价已更新。')
    await Promise.all([bidders[2]!.waitForResponse((r) => r.request().method() === 'POST'), bidders[2]!.getByRole('button', { name: '撤回报价' }).click()])
    await expect.poll(() => bidders[2]!.locator('.alert.ok').textContent()).toBe('报价已撤回。')

    // A bidder asks; the owner answers for everyone; nobody is told who asked.
    const ask = bidders[0]!.locator('main form:has(textarea[name=question]), main form:has(input[name=question])')
    await ask.getByLabel('您的问题').fill('是否需要同时提交排污许可申请材料？')
    await Promise.all([bidders[0]!.waitForResponse((r) => r.request().method() === 'POST'), ask.locator('button[type=submit]').click()])
    await expect.poll(() => bidders[0]!.locator('.alert.ok').textContent()).toBe('问题已提交，采购人答复后将公开。')
    await visit(owner, `/owner/procurements/${id}`)
    const answer = owner.locator('main form.question')
    await answer.getByLabel('答复').fill('不需要，排污许可另行办理。')
    await Promise.all([owner.waitForResponse((r) => r.request().method() === 'POST'), answer.locator('button[type=submit]').click()])
    await expect.poll(() => owner.locator('.alert.ok').textContent()).toBe('答复已公开。')
    await visit(visitor, `/procurements/${id}`)
    expect(await visitor.locator('.qa').textContent()).toContain('不需要，排污许可另行办理。')
    expect(await (await visitor.request.get(`${base}/procurements/${id}`)).text()).not.toMatch(/agency19|广西贵港.*环境影响评价有限公司/)

    // Sealed: the owner sees a count only. The server's whole answer (page and hydration data)
    // holds no price and no bidder, for the owner, the public, or a bidder looking at the list.
    await visit(owner, `/owner/procurements/${id}`)
    expect(await owner.locator('.big-number').textContent()).toBe('已收到 2 份报价')
    const SECRETS = /5680000|5550000|5950000|56,800|55,500|59,500|nonce|agencyOrgId/
    for (const [page, path] of [[owner, `/owner/procurements/${id}`], [visitor, `/procurements/${id}`], [bidders[0]!, `/procurements/${id}`], [visitor, '/procurements']] as const) {
      const html = await (await page.request.get(base + path)).text()
      expect(html).toContain('江南污水处理厂')
      // The page's words (the same dictionary text for everyone) name a nonce; the rest may not.
      expect(html.replace(/<script id="page-messages"[^>]*>.*?<\/script>/s, '')).not.toMatch(SECRETS)
    }

    // The deadline passes: the server's clock moves past it and the queued close runs.
    const deadline = await owner.evaluate(() => document.querySelector('main')!.textContent)
    expect(deadline).toContain('截止后自动开标')
    const moved = await passInstant(owner, '报名截止')
    expect(moved.ran).toBeGreaterThanOrEqual(1)

    // Sessions end after 12 hours; the owner signs in again and finds the bids opened.
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, `/owner/procurements/${id}`)
    // Lowest price selects at the opening: the result notice is up at once.
    await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('中选公示')
    expect(await owner.locator('.result-notice').textContent()).toContain('¥55,500.00')
    const rows = owner.locator('section[aria-labelledby=opened-title] tbody tr')
    expect(await rows.count()).toBe(3)
    expect(await rows.nth(0).locator('td.num').first().textContent()).toBe('¥55,500.00')
    expect(await rows.nth(1).locator('td.num').first().textContent()).toBe('¥56,800.00')
    expect(await rows.nth(2).locator('td').last().textContent()).toBe('已撤回')
    expect(await owner.locator('#opened-title').textContent()).toBe('开标结果（2 份有效报价）')
    await screenshot(owner, 'procurement-opened')
    await ownerContext.close()
    await visitorContext.close()
  }, 240_000)
})

describe('a direct commission', () => {
  it('is confirmed by the named agency, contracted, delivered, returned with reasons, accepted and evaluated', async () => {
    const fs = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjcs-docs-'))
    const pdf = path.join(dir, 'document.pdf')
    fs.writeFileSync(pdf, '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

    // The agency to commission: its USCC, as shown on its own home page.
    const agency = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(agency, 'agency32@example.com')
    const uscc = (await agency.locator('section[aria-labelledby=org-title] .mono').first().textContent())!.trim()

    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    const id = await draftEia(owner, { code: '2026-450802-46-01-052211', project: '贵港市江南污水处理厂配套管网工程', title: '配套管网工程环境影响报告表编制（直接委托）', max: '30,000', days: '8', method: 'direct', announcementDays: '1', extra: { 受委托机构的统一社会信用代码: uscc } })
    await publishDraft(owner)

    // The agency finds the invitation in its inbox and confirms its price and days.
    await visit(agency, '/agency')
    expect(await agency.locator('.inbox li').first().textContent()).toContain('您被直接委托承接「配套管网工程环境影响报告表编制（直接委托）」')
    await visit(agency, `/agency/bids/${id}`)
    const confirm = agency.locator('main form:has(input[name=price])')
    await confirm.getByLabel('报价（元）').fill('27,600')
    await confirm.getByLabel('承诺时限', { exact: true }).fill('6')
    await confirm.getByLabel(/本机构承诺按报价/).check()
    await post(confirm)
    await expect.poll(() => agency.locator('.alert.ok').textContent()).toBe('已确认，直接委托成交。')
    await expectAccessible(agency)

    // The result notice is public, with the savings against the max price.
    const visitor = await (await newContext(browser, 'en')).newPage()
    await visit(visitor, `/procurements/${id}`)
    expect(await visitor.locator('#result-title').textContent()).toBe('Result notice')
    expect(await visitor.locator('.result-notice').textContent()).toContain('¥27,600.00')
    expect(await visitor.locator('.result-notice').textContent()).toContain('Savings rate 8.00%')
    await screenshot(visitor, 'result-notice-en')

    // After the standstill (3 working days) the owner uploads the contract, starting today.
    const { now: serverNow } = await passInstant(visitor, 'Standstill ends')
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, `/owner/procurements/${id}`)
    // The server's today, in Shanghai: its clock is not this machine's.
    const start = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(serverNow))
    const contract = owner.locator('main form:has(input[name=startDate])')
    await contract.getByLabel('服务开始日期').fill(start)
    await contract.getByLabel(/合同扫描件/).setInputFiles(pdf)
    await post(contract)
    await expect.poll(() => owner.locator('.alert.ok').textContent()).toBe('合同已上传，等待中选机构确认。')

    await signIn(agency, 'agency32@example.com')
    await visit(agency, `/agency/bids/${id}`)
    await Promise.all([agency.waitForResponse((r) => r.request().method() === 'POST'), agency.getByRole('button', { name: '确认合同' }).click()])
    await expect.poll(() => agency.locator('.lead .badge').textContent()).toBe('服务中')
    const delivery = agency.locator('main form:has(input[name=note])')
    await delivery.getByLabel(/服务成果文件/).setInputFiles(pdf)
    await delivery.getByLabel('说明（可选）').fill('环境影响报告表（送审稿）')
    await post(delivery)
    await expect.poll(() => agency.locator('.alert.ok').textContent()).toBe('服务成果已提交。')

    // The owner returns it, first forgetting the reason.
    await visit(owner, `/owner/procurements/${id}`)
    const decide = owner.locator('main form:has(input[name=decision])')
    // Accepting cannot be undone, so neither choice is ticked for the owner.
    expect(await decide.locator('input[name=decision]:checked').count()).toBe(0)
    await decide.getByLabel('退回修改').check()
    await refused(decide)
    await expect.poll(() => decide.locator('.field.has-error .error').allTextContents()).toEqual(['驳回或退回时请写明理由（至少 4 个字）'])
    await decide.getByLabel('退回修改').check()
    await decide.getByLabel('退回理由（退回时必填）').fill('缺少污染物排放总量核算')
    await post(decide)
    await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('服务中')

    await visit(agency, `/agency/bids/${id}`)
    expect(await agency.locator('section[aria-labelledby=deliveries-title] tbody').textContent()).toContain('缺少污染物排放总量核算')
    const again = agency.locator('main form:has(input[name=note])')
    await again.getByLabel(/服务成果文件/).setInputFiles(pdf)
    await again.getByLabel('说明（可选）').fill('已补充总量核算')
    await post(again)
    await expect.poll(() => agency.locator('.lead .badge').textContent()).toBe('已提交成果')

    await visit(owner, `/owner/procurements/${id}`)
    await owner.locator('main form:has(input[name=decision])').getByLabel('通过验收').check()
    await post(owner.locator('main form:has(input[name=decision])'))
    await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('已验收')
    const rating = owner.locator('main form:has(select[name=quality])')
    await rating.getByLabel('按时程度').selectOption('4')
    await rating.getByLabel('评价意见（可选）').fill('沟通及时，补正迅速')
    await post(rating)
    await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('已评价')
    expect(await owner.locator('section[aria-labelledby=eval-title]').textContent()).toContain('沟通及时，补正迅速')
    await expectAccessible(owner)
    await screenshot(owner, 'procurement-evaluated')

    // Every step is in the audit log the market office reads.
    const office = await (await newContext(browser, 'en')).newPage()
    await signIn(office, DEMO_ACCOUNTS.market_office)
    await visit(office, '/office/audit')
    const log = await office.locator('main').textContent()
    for (const action of ['Evaluated the service', 'Accepted the delivery', 'Returned a delivery', 'Delivered', 'Service started', 'Confirmed the contract', 'Uploaded the contract'])
      expect(log).toContain(action)
  }, 240_000)
})

describe('an amendment of key terms', () => {
  it('changes the method and the requirement from the owner page, and the announcement says so', async () => {
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await draftEia(owner, { code: '2026-450802-46-01-081120', project: '贵港市港北区雨污分流改造工程', title: '雨污分流改造工程环境影响报告表编制', max: '40,000', days: '10', method: 'random_draw', announcementDays: '3' })
    await publishDraft(owner)
    await owner.locator('summary', { hasText: '变更关键条款' }).click()
    const amend = owner.locator('main form:has(input[name=reason])').filter({ has: owner.locator('select[name=method]') })
    await amend.getByLabel('选取方式', { exact: true }).selectOption('reverse_auction')
    // The auction needs its step: refused without it, with what was chosen kept.
    await amend.getByLabel('变更理由').fill('为充分竞争改为网上竞价')
    await refused(amend)
    await expect.poll(() => amend.locator('.field.has-error .error').allTextContents()).toEqual(['此项必填'])
    // The summary above the form names the field and links to it; the field has the focus.
    expect(await owner.locator('.error-summary a').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([['每次降价最小幅度（元）：此项必填', '#amend-minStep']])
    await expect.poll(() => owner.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('minStep')
    expect(await amend.getByLabel('选取方式', { exact: true }).inputValue()).toBe('reverse_auction')
    await amend.getByLabel('每次降价最小幅度（元）').fill('300')
    await amend.locator('fieldset', { hasText: '资质要求' }).locator('input[name=requirementSpecialties]').first().check()
    await post(amend)
    await expect.poll(() => owner.locator('.alert.ok').textContent()).toBe('关键条款已变更，截止时间已顺延，已报价机构将被要求重新确认。')
    // The answer shows first; the page's terms follow as it reloads them.
    await expect.poll(() => owner.locator('section[aria-labelledby=terms-title]').textContent()).toContain('网上竞价')
    await expectAccessible(owner)
    const terms = await owner.locator('section[aria-labelledby=terms-title]').textContent()
    expect(terms).toContain('¥300.00')
    await screenshot(owner, 'procurement-amended')
  }, 180_000)
})
