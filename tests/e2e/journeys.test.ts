import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo'
import { usccCheckChar } from '../../services/shared/uscc'
import { idNumberCheckChar } from '../../services/shared/id-number'

const E2E_USCC = '91450881MA5L7XY00' + usccCheckChar('91450881MA5L7XY00')
const E2E_ID_NUMBER = '45088119850712001' + idNumberCheckChar('45088119850712001')
import { expectAccessible, launch, newContext, screenshot } from './browser'
import { refused, serverClock, signIn, visit } from './helpers'
import { baseUrl as base, clockAtStart } from './base'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

const HOMES = {
  owner: { path: '/owner', zh: '项目业主', en: 'Project owner' },
  agency: { path: '/agency', zh: '中介机构', en: 'Agency' },
  authority: { path: '/authority', zh: '行业主管部门', en: 'Industry authority' },
  market_office: { path: '/office', zh: '中介超市管理部门', en: 'Market office' },
} as const

/** Fills the agency's qualification form (labels in Chinese). */
async function fillQualification(form: Locator, q: { specialty: string; level: string; certificateNo: string; validFrom: string; validTo: string; scan: string }) {
  await form.getByLabel('资质专业').selectOption(q.specialty)
  await form.getByLabel('资质等级').selectOption(q.level)
  await form.getByLabel('证书编号').fill(q.certificateNo)
  await form.getByLabel('发证机关').fill('广西壮族自治区住房和城乡建设厅')
  await form.getByLabel('有效期起').fill(q.validFrom)
  await form.getByLabel('有效期至').fill(q.validTo)
  await form.getByLabel('证书扫描件').setInputFiles(q.scan)
}

describe('every demo account signs in and sees its home, in both languages', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const [kind, home] of Object.entries(HOMES)) {
      it(`${kind} in ${locale}`, async () => {
        const context = await newContext(browser, locale)
        const page = await context.newPage()
        await signIn(page, DEMO_ACCOUNTS[kind as keyof typeof HOMES])
        expect(new URL(page.url()).pathname).toBe(home.path)
        await expect.poll(() => page.locator('h1').textContent()).toMatch(locale === 'en' ? /^Welcome, / : /，您好$/)
        expect(await page.locator('.eyebrow').textContent()).toBe(locale === 'en' ? home.en : home.zh)
        expect(await page.locator('html').getAttribute('lang')).toBe(locale)
        await expectAccessible(page)
        await screenshot(page, `home-${kind}-${locale}`)
        // Another role's home is closed to it.
        const other = Object.values(HOMES).find((h) => h.path !== home.path)!
        const response = await page.goto(base + other.path)
        expect(response?.status()).toBe(403)
        await expectAccessible(page)
        await context.close()
      })
    }
  }
})

describe('without JavaScript', () => {
  it('signs in, switches language and signs out with plain forms', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${base}/login`)
    await page.locator('main input[name=email]').fill(DEMO_ACCOUNTS.agency)
    await page.locator('main input[name=password]').fill('wrong-password-9')
    await Promise.all([page.waitForNavigation(), page.locator('main button[type=submit]').click()])
    expect(await page.locator('.alert.error').textContent()).toBe('邮箱或密码不正确')
    await page.locator('main input[name=password]').fill(DEMO_PASSWORD)
    await Promise.all([page.waitForNavigation(), page.locator('main button[type=submit]').click()])
    expect(new URL(page.url()).pathname).toBe('/agency')
    expect(await page.locator('.deflist').first().textContent()).toContain('贵港市覃塘区')
    await Promise.all([page.waitForNavigation(), page.locator('.lang-switch button').click()])
    expect(await page.locator('h1').textContent()).toMatch(/^Welcome, /)
    // (axe needs scripts, so these pages are checked in the journeys with JavaScript.)
    await Promise.all([page.waitForNavigation(), page.locator('.nav-wide button.link-button').click()])
    expect(await page.locator('.alert.info').textContent()).toBe('You have signed out.')
    await context.close()
  })
})

describe('the public site', () => {
  it('serves every public page without signing in, accessible, in both languages', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const context = await newContext(browser, locale)
      const page = await context.newPage()
      for (const path of ['/', '/procurements', '/agencies', '/draws/algorithm', '/catalog', '/calendar?from=2026-09-30&n=3', '/login', '/signup']) {
        const response = await visit(page, path)
        expect(response?.status(), path).toBe(200)
      }
      expect(await page.locator('h1').textContent()).toBe(locale === 'en' ? 'Register an organization' : '机构注册')
      // React 18 streams could leak NUL bytes into Chinese text at 2 KiB boundaries: none may reach a page.
      for (const path of ['/', '/procurements', '/draws/algorithm', '/catalog', '/calendar?year=2026', '/signup']) {
        const bytes = new Uint8Array(await (await fetch(base + path, { headers: { 'accept-language': locale } })).arrayBuffer())
        expect(bytes.indexOf(0), `${path} has a NUL byte`).toBe(-1)
      }
      const missing = await visit(page, '/no-such-page')
      expect(missing?.status()).toBe(404)
      expect(await page.locator('h1').textContent()).toBe(locale === 'en' ? 'Page not found' : '页面不存在')
      await context.close()
    }
  })

  it('computes working days across the National Day holiday', async () => {
    const context = await newContext(browser, 'en')
    const page = await context.newPage()
    await visit(page, '/calendar?from=2026-09-30&n=3')
    expect(await page.locator('.result').first().textContent()).toBe('Working day 3 after 30 Sept 2026 is 10 Oct 2026 (Saturday)')
    await context.close()
  })

  it('switches language with one click and remembers it', async () => {
    const context = await newContext(browser, 'zh-CN')
    const page = await context.newPage()
    await visit(page, '/catalog')
    expect(await page.locator('h1').textContent()).toBe('中介服务事项目录')
    await page.locator('.lang-switch button').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Catalog of intermediary services')
    await visit(page, '/')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await context.close()
  })

  it('looks right on a phone: the menu folds and nothing overflows', async () => {
    const context = await newContext(browser, 'zh-CN', true)
    const page = await context.newPage()
    for (const path of ['/', '/catalog', '/signup']) {
      await visit(page, path)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, path).toBeLessThanOrEqual(0)
    }
    await page.locator('.nav-toggle summary').click()
    await expect.poll(() => page.locator('.nav-toggle a[href="/catalog"]').isVisible()).toBe(true)
    await screenshot(page, 'phone-menu')
    await context.close()
  })
})

describe('registration', () => {
  it('shows field errors in the user language, keeps what was typed, then registers', async () => {
    const context = await newContext(browser, 'en')
    const page = await context.newPage()
    await visit(page, '/signup')
    const form = page.getByRole('main')
    await form.getByLabel('Name (Chinese)').fill('贵港市测试建设投资有限公司')
    await form.getByLabel('Unified social credit code (USCC)').fill('91350100M000100Y44')
    await form.locator('select[name=regionCode]').selectOption('450802')
    await form.getByLabel('Contact person').fill('张伟')
    await form.getByLabel('Contact phone').fill('13800138000')
    await form.getByLabel('Your name').fill('张伟')
    await form.getByLabel('Email').fill('new-owner@example.com')
    await form.getByLabel('Password').fill('short')
    await refused(form.locator('form'))
    await expect.poll(() => page.locator('.field.has-error .error').allTextContents()).toEqual(['This USCC is not valid (its check character does not match)', 'The password needs at least 10 characters'])
    expect(await form.getByLabel('Name (Chinese)').inputValue()).toBe('贵港市测试建设投资有限公司')
    await expectAccessible(page)
    await screenshot(page, 'signup-errors-en')
    await form.getByLabel('Unified social credit code (USCC)').fill('91350100M000100Y43')
    await form.getByLabel('Password').fill('a-strong-passphrase-9')
    await form.locator('button[type=submit]').click()
    await page.waitForURL('**/owner')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welcome, 张伟')
    await context.close()
  })

  it('locks an account after five wrong passwords, with the same message for an unknown email', async () => {
    const context = await newContext(browser, 'zh-CN')
    const page = await context.newPage()
    for (let i = 0; i < 5; i++) await signIn(page, 'owner2@example.com', `wrong-password-${i}`)
    await expect.poll(() => page.locator('.alert.error').textContent()).toBe('登录失败次数过多，账号已暂时锁定，请 15 分钟后再试')
    await signIn(page, 'owner2@example.com')
    expect(new URL(page.url()).pathname).toBe('/login')
    await signIn(page, 'nobody@example.com', 'wrong-password-0')
    await expect.poll(() => page.locator('.alert.error').textContent()).toBe('邮箱或密码不正确')
    await context.close()
  })
})

describe('the draw algorithm page', () => {
  it('verifies a draw record in the browser and catches a tampered one', async () => {
    const { makeRecord } = await import('../../services/selection/draw')
    const record = makeRecord({
      procurementId: 'e2e-1', purpose: 'award', secret: 'ab'.repeat(32), committedAt: new Date('2026-11-23T02:00:00Z'),
      candidates: [{ key: '91450802MA5KXXXX01', nonce: 'cd'.repeat(32) }, { key: '91450804MA5KYYYY02', nonce: 'ef'.repeat(32) }], pickAmong: 4,
    })
    const page = await (await newContext(browser, 'en')).newPage()
    await visit(page, '/draws/algorithm')
    await page.getByLabel('Paste a draw record (JSON)').fill(JSON.stringify(record))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect.poll(() => page.locator('[role=status] .alert').textContent()).toBe(`Verified: recomputing gives the same result. Order: ${record.order.join(' > ')}`)
    await page.getByLabel('Paste a draw record (JSON)').fill(JSON.stringify({ ...record, winner: record.order[1] }))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect.poll(() => page.locator('[role=status] .alert').textContent()).toBe('Does not verify. Not matching the recomputation: the winner.')
    await expectAccessible(page)
    await screenshot(page, 'draw-algorithm-en')
  })
})

describe('the server clock for accelerated journeys', () => {
  it('starts at the run’s fixed instant, moves only forward on request and runs what fell due', async () => {
    const before = await serverClock()
    // The clock started at E2E_START, not at this machine's time (the seconds the boot took apart);
    // journeys only move it forward.
    expect(Math.abs(Date.parse(clockAtStart) - Date.parse(inject('e2eStart')))).toBeLessThan(5 * 60_000)
    expect(Date.parse(before.now)).toBeGreaterThanOrEqual(Date.parse(clockAtStart))
    // Two days on: the nightly purge scheduled at start-up has fallen due and runs.
    const after = await serverClock(Date.parse(before.now) + 2 * 86_400_000)
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(2 * 86_400_000)
    expect(after.ran).toBeGreaterThanOrEqual(1)
    // Asked to go back, it stays where it is.
    const back = await serverClock(before.now)
    expect(Date.parse(back.now)).toBeGreaterThanOrEqual(Date.parse(after.now))
    const bad = await fetch(`${base}/__test/clock`, { method: 'POST', body: new URLSearchParams({ to: 'tomorrow' }) })
    expect(bad.status).toBe(400)
    expect((await fetch(`${base}/__test/clock`)).status).toBe(404)
  })
})

describe('the market office edits the calendar', () => {
  it('enters a make-up workday, which moves the working-day count, and a nameless holiday is refused', async () => {
    const context = await newContext(browser, 'en')
    const page = await context.newPage()
    await signIn(page, DEMO_ACCOUNTS.market_office)
    await visit(page, '/calendar?year=2027&start=2027-02-19&end=2027-02-22')
    expect(await page.locator('.result').textContent()).toBe('1 working day from 19 Feb 2027 to 22 Feb 2027')
    const form = page.locator('form:has(input[name=intent][value=setDay])')
    await form.locator('input[name=day]').fill('2027-02-20')
    await form.locator('select[name=kind]').selectOption('workday')
    await refused(form)
    await expect.poll(() => form.locator('.error').textContent()).toBe('This field is required')
    await form.locator('input[name=nameZh]').fill('春节')
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.locator('button[type=submit]').click()])
    await expect.poll(() => page.locator('.alert.ok').first().textContent()).toBe('Saved 20 Feb 2027')
    await expectAccessible(page)
    await visit(page, '/calendar?year=2027&start=2027-02-19&end=2027-02-22')
    expect(await page.locator('.result').textContent()).toBe('2 working days from 19 Feb 2027 to 22 Feb 2027')
    await context.close()
  })
})

describe('the market office edits the catalog', () => {
  it('saves new terms as a version the public sees, and refuses a bad amount', async () => {
    const context = await newContext(browser, 'zh-CN')
    const page = await context.newPage()
    await signIn(page, DEMO_ACCOUNTS.market_office)
    await visit(page, '/catalog')
    await page.getByRole('link', { name: '修改 节能审查意见咨询' }).click()
    await page.waitForURL('**/office/catalog/C07-02')
    await page.waitForSelector('html[data-hydrated]')
    await expectAccessible(page)
    const form = page.locator('main form.card')
    await form.getByLabel('收费指导下限（元）').fill('八千')
    await refused(form)
    await expect.poll(() => form.locator('.field.has-error .error').textContent()).toBe('请输入金额（元），最多两位小数')
    await form.getByLabel('收费指导下限（元）').fill('8,000')
    await form.getByLabel('统一服务承诺时间（工作日）').fill('4')
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.locator('button[type=submit]').click()])
    await expect.poll(() => page.locator('.alert.ok').textContent()).toBe('已保存为第 2 版')
    await expect.poll(() => page.locator('section[aria-labelledby=history-title] tbody tr').count()).toBe(2)
    await screenshot(page, 'office-catalog-edit')
    const publicPage = await (await newContext(browser, 'zh-CN')).newPage()
    await visit(publicPage, '/catalog')
    const row = publicPage.locator('tr', { hasText: 'C07-02' })
    expect(await row.locator('td').nth(2).textContent()).toBe('4 个工作日')
    expect(await row.locator('td').nth(3).textContent()).toBe('¥8,000.00 – ¥150,000.00')
    await context.close()
  })
})

describe('an agency qualification goes through review', () => {
  it('is submitted with a scan, sent back for changes, corrected and verified', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjcs-scan-'))
    const pdf = path.join(dir, 'certificate.pdf')
    const fake = path.join(dir, 'certificate-really-html.pdf')
    fs.writeFileSync(pdf, '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
    fs.writeFileSync(fake, '<html><script>alert(1)</script></html>')

    const agencyContext = await newContext(browser, 'zh-CN')
    const agency = await agencyContext.newPage()
    await signIn(agency, 'agency3@example.com')
    await agency.getByRole('link', { name: '提交资质' }).click()
    await agency.waitForURL('**/agency/qualifications/new')
    await agency.waitForSelector('html[data-hydrated]')
    await expectAccessible(agency)
    const form = agency.locator('main form.card')
    await fillQualification(form, { specialty: 'cost', level: '2', certificateNo: 'zj-e2e-0001', validFrom: '2026-01-01', validTo: '2025-12-31', scan: fake })
    await refused(form)
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['有效期截止日不能早于起始日'])
    await form.getByLabel('有效期至').fill('2029-12-31')
    await form.getByLabel('证书扫描件').setInputFiles(fake)
    await Promise.all([agency.waitForResponse((r) => r.request().method() === 'POST'), form.locator('button[type=submit]').click()])
    await expect.poll(() => form.locator('.field.has-error .error').allTextContents()).toEqual(['只接受 PDF、JPEG 或 PNG 文件（按文件内容判断）'])
    await form.getByLabel('证书扫描件').setInputFiles(pdf)
    await Promise.all([agency.waitForURL('**/agency?submitted=1'), form.locator('button[type=submit]').click()])
    await expect.poll(() => agency.locator('.alert.ok').textContent()).toBe('资质已提交，等待行业主管部门核验。')
    await expectAccessible(agency)

    const authorityContext = await newContext(browser, 'zh-CN')
    const authority = await authorityContext.newPage()
    await signIn(authority, DEMO_ACCOUNTS.authority)
    const row = authority.locator('tr', { hasText: 'ZJ-E2E-0001' })
    await row.getByRole('link', { name: '核验' }).click()
    await authority.waitForURL('**/authority/qualifications/*')
    await authority.waitForSelector('html[data-hydrated]')
    await expectAccessible(authority)
    const reviewUrl = authority.url()
    const scanHref = await authority.getByRole('link', { name: '查看扫描件' }).getAttribute('href')
    const scan = await authority.request.get(base + scanHref)
    expect(scan.status()).toBe(200)
    expect(scan.headers()['content-disposition']).toMatch(/^attachment;/)
    expect((await scan.body()).subarray(0, 5).toString()).toBe('%PDF-')
    await authority.getByLabel('退回补正').check()
    await Promise.all([authority.waitForResponse((r) => r.request().method() === 'POST'), authority.locator('main form button[type=submit]').click()])
    await expect.poll(() => authority.locator('.field.has-error .error').textContent()).toBe('驳回或退回时请写明理由（至少 4 个字）')
    await authority.getByLabel('意见（驳回或退回时必填）').fill('证书有效期与扫描件不一致')
    await authority.getByLabel('退回补正').check()
    await Promise.all([authority.waitForURL('**/authority?reviewed=1'), authority.locator('main form button[type=submit]').click()])

    // Another agency can neither open the qualification nor its scan.
    const otherContext = await newContext(browser, 'zh-CN')
    const other = await otherContext.newPage()
    await signIn(other, 'agency4@example.com')
    const id = reviewUrl.split('/').pop()!
    expect((await other.goto(`${base}/agency/qualifications/${id}`))?.status()).toBe(404)
    expect((await other.request.get(base + scanHref)).status()).toBe(404)
    await otherContext.close()

    await visit(agency, '/agency')
    expect(await agency.locator('.inbox li').first().textContent()).toContain('工程造价咨询资质（证书 ZJ-E2E-0001）需要补正：证书有效期与扫描件不一致')
    await agency.locator('tr', { hasText: 'ZJ-E2E-0001' }).getByRole('link', { name: '修改' }).click()
    await agency.waitForURL(`**/agency/qualifications/${id}`)
    await agency.waitForSelector('html[data-hydrated]')
    expect(await agency.locator('.alert.warn').textContent()).toContain('证书有效期与扫描件不一致')
    await agency.locator('main form.card').getByLabel('有效期至').fill('2029-06-30')
    await Promise.all([agency.waitForURL('**/agency?submitted=1'), agency.locator('main form.card button[type=submit]').click()])

    await authority.goto(reviewUrl)
    await authority.waitForSelector('html[data-hydrated]')
    await authority.getByLabel('通过').check()
    await Promise.all([authority.waitForURL('**/authority?reviewed=1'), authority.locator('main form button[type=submit]').click()])
    await visit(agency, '/agency')
    expect(await agency.locator('tr', { hasText: 'ZJ-E2E-0001' }).locator('.badge').first().textContent()).toBe('已核验')
    await screenshot(agency, 'agency-qualification-verified')
    await agencyContext.close()
    await authorityContext.close()
  })
})

describe('a new agency enters the marketplace', () => {
  it('registers, is verified, publishes its prices and appears in the public directory under its item', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjcs-scan-'))
    const scan = path.join(dir, 'licence.png')
    fs.writeFileSync(scan, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    const context = await newContext(browser, 'zh-CN')
    const page = await context.newPage()
    await visit(page, '/signup')
    const signup = page.getByRole('main')
    await signup.getByLabel('中介机构').check()
    await signup.getByLabel('机构名称（中文）').fill('广西桂平新程造价咨询有限公司')
    // A valid code for 桂平市 (450881), with its GB 32100 check character.
    await signup.getByLabel('统一社会信用代码').fill(E2E_USCC)
    await signup.locator('select[name=regionCode]').selectOption('450881')
    await signup.getByLabel('联系人').fill('黄海燕')
    await signup.getByLabel('联系电话').fill('13907751234')
    await signup.getByLabel('您的姓名').fill('黄海燕')
    await signup.getByLabel('电子邮箱').fill('xincheng@example.com')
    await signup.getByLabel('密码').fill('gp-cost-2026-safe')
    await Promise.all([page.waitForURL('**/agency'), signup.locator('button[type=submit]').click()])

    await visit(page, '/agency/qualifications/new')
    const q = page.locator('main form.card')
    await fillQualification(q, { specialty: 'cost', level: '1', certificateNo: 'ZJ-GP-2026-77', validFrom: '2026-01-01', validTo: '2030-12-31', scan })
    await Promise.all([page.waitForURL('**/agency?submitted=1'), q.locator('button[type=submit]').click()])

    await visit(page, '/agency/services')
    const offer = page.locator('form:has(input[name=intent][value=offer])')
    await offer.getByLabel('服务事项').selectOption({ label: '工程概算编制 (≤ 10)' })
    await offer.getByLabel('承诺时限（工作日）').fill('12')
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), offer.locator('button[type=submit]').click()])
    await expect.poll(() => offer.locator('.error').textContent()).toBe('承诺时限不能超过统一服务承诺时间（10 个工作日）')
    await offer.getByLabel('服务事项').selectOption({ label: '工程概算编制 (≤ 10)' })
    await offer.getByLabel('承诺时限（工作日）').fill('6')
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), offer.locator('button[type=submit]').click()])
    await expect.poll(() => page.locator('section[aria-labelledby=offer-title] tbody tr').count()).toBe(1)
    const price = page.locator('form:has(input[name=intent][value=addPrice])')
    await price.getByLabel('服务事项').selectOption({ label: '工程概算编制' })
    await price.getByLabel('服务内容').fill('编制工程概算书')
    await price.getByLabel('计费单位').fill('项')
    await price.getByLabel('收费标准（元）').fill('6,800')
    await price.getByLabel('收费依据').fill('市场调节价')
    await price.getByLabel('投诉举报电话').fill('12315')
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), price.locator('button[type=submit]').click()])
    await page.getByRole('button', { name: '公示此版本' }).click()
    await expect.poll(() => page.locator('.alert.ok').textContent()).toBe('已公示第 1 版价目表。')
    await expectAccessible(page)
    await screenshot(page, 'agency-services')

    // Not in the directory, nor before its authority, until it signs the commitment and is verified.
    const visitor = await (await newContext(browser, 'en')).newPage()
    await visit(visitor, '/agencies?item=C10-01&q=Xincheng')
    expect(await visitor.locator('main tbody tr').count()).toBe(0)
    const authority = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(authority, DEMO_ACCOUNTS.authority)
    expect(await authority.locator('tr', { hasText: 'ZJ-GP-2026-77' }).count()).toBe(0)

    // The admission page lists what is missing: the profile lacks its legal representative.
    await visit(page, '/agency/admission')
    expect(await page.locator('.badge').first().textContent()).toBe('未提交')
    expect(await page.getByRole('button', { name: '签署承诺并提交入驻申请' }).isDisabled()).toBe(true)
    await page.locator('li.todo').getByRole('link', { name: '去填写' }).click()
    await page.waitForURL('**/profile?back=/agency/admission')
    await page.waitForSelector('html[data-hydrated]')
    await expectAccessible(page)
    const profile = page.locator('main form.card')
    await profile.getByLabel('法定代表人').fill('黄海燕')
    await profile.getByLabel('地址').fill('')
    await refused(profile)
    await expect.poll(() => profile.locator('.field.has-error .error').allTextContents()).toEqual(['此项必填'])
    expect(await profile.getByLabel('法定代表人').inputValue()).toBe('黄海燕')
    await profile.getByLabel('地址').fill('桂平市西山镇人民路 18 号')
    await Promise.all([page.waitForURL('**/agency/admission?saved=profile'), profile.locator('button[type=submit]').click()])
    await page.waitForSelector('html[data-hydrated]')

    // A practitioner, with a mistyped identity number first.
    await visit(page, '/agency/practitioners')
    const person = page.locator('main form.form:has(input[name=name])')
    await person.getByLabel('姓名').fill('梁志强')
    await person.getByLabel('身份证号码').fill('450881198507120011')
    await person.getByLabel('资质专业').selectOption('cost')
    await person.getByLabel('注册证书编号').fill('JS-ZJ-2026-015')
    await person.getByLabel('注册有效期至').fill('2029-03-31')
    await refused(person)
    await expect.poll(() => person.locator('.field.has-error .error').allTextContents()).toEqual(['身份证号码无效（校验位不符）'])
    expect(await person.getByLabel('注册证书编号').inputValue()).toBe('JS-ZJ-2026-015')
    await person.getByLabel('身份证号码').fill(E2E_ID_NUMBER)
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), person.locator('button[type=submit]').click()])
    await expect.poll(() => page.locator('section[aria-labelledby=list-title] tbody tr').count()).toBe(1)
    expect(await page.locator('section[aria-labelledby=list-title] tbody td.mono').first().textContent()).toBe(E2E_ID_NUMBER)
    await expectAccessible(page)

    // The commitment, read and signed.
    await visit(page, '/agency/admission')
    await page.getByLabel('本机构已阅读并同意以上承诺，对所提交信息的真实性负责').check()
    await Promise.all([page.waitForURL('**/agency?saved=admission'), page.getByRole('button', { name: '签署承诺并提交入驻申请' }).click()])
    await page.waitForSelector('html[data-hydrated]')
    await expect.poll(() => page.locator('#adm-title .badge').textContent()).toBe('待核验')
    await screenshot(page, 'agency-submitted')

    await visit(authority, '/authority')
    expect(await authority.locator('.inbox li').first().textContent()).toContain('广西桂平新程造价咨询有限公司 已签署诚信承诺书并提交入驻申请')
    await authority.locator('tr', { hasText: 'ZJ-GP-2026-77' }).getByRole('link', { name: '核验' }).click()
    await authority.waitForURL('**/authority/qualifications/*')
    await authority.waitForSelector('html[data-hydrated]')
    await authority.getByLabel('通过').check()
    await Promise.all([authority.waitForURL('**/authority?reviewed=1'), authority.locator('main form button[type=submit]').click()])

    await visit(visitor, '/agencies?item=C10-01&maxFee=7000')
    const row = visitor.locator('main tbody tr', { hasText: '广西桂平新程造价咨询有限公司' })
    expect(await row.locator('td').nth(3).textContent()).toBe('6 working days')
    expect(await row.locator('td').nth(4).textContent()).toBe('¥6,800.00')
    await screenshot(visitor, 'directory-en')
    await row.getByRole('link').click()
    await visitor.waitForURL('**/agencies/*')
    await visitor.waitForSelector('html[data-hydrated]')
    await expectAccessible(visitor)
    expect(await visitor.locator('h2#p-title').textContent()).toMatch(/^Price list \(version 1, published /)
    expect(await visitor.content()).not.toContain('/files/')
    // The public sees the practitioner with the identity number masked, never whole.
    expect(await visitor.locator('section[aria-labelledby=people-title] tbody td.mono').nth(1).textContent()).toBe(`${E2E_ID_NUMBER.slice(0, 4)}**********${E2E_ID_NUMBER.slice(-4)}`)
    expect(await visitor.content()).not.toContain(E2E_ID_NUMBER)
    await screenshot(visitor, 'agency-public-en')
    await context.close()
  })
})
