import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { expectAccessible, launch, newContext, noSideways, screenshot, variants, type Locale } from './browser'
import { clockForward, serverClock, signIn, visit } from './helpers'
import { baseUrl } from './base'

/**
 * The pages people work from (issue 13), walked in both languages, on a desktop (1366 px) and
 * on a phone (390 px), paired (browser.ts, `variants`): the home page's lists and search, the announcement list's dates, sorting
 * and filters, the agency's bids, the office's navigation, outbox and jobs, and an agency's record.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

const words = {
  'zh-CN': { search: '搜索', record: '履约记录', latest: '最近中选', rules: '交易规则' },
  en: { search: 'Search', record: 'Record', latest: 'Latest awards', rules: 'Market rules' },
} as const
const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''))

async function open(locale: Locale, phone: boolean, email?: string) {
  const page = await (await newContext(browser, locale, phone)).newPage()
  if (email) await signIn(page, email)
  return page
}

describe('the public finds what it looks for', () => {
  for (const [locale, phone] of variants(0)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    it(`home, search and the announcement list, ${at}`, async () => {
      const page = await open(locale, phone)
      // The home page counts the agencies the directory lists, and lists what is open and what was awarded.
      await visit(page, '/')
      const counted = number(await page.locator('.stats li').first().locator('strong').textContent())
      expect(await page.locator('#open-title + .notice-list li, #open-title ~ p.muted').count()).toBeGreaterThan(0)
      expect(await page.locator('#results-title ~ .notice-list li').count()).toBeGreaterThan(0)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `home-${at}`)
      await visit(page, '/agencies')
      expect(number(await page.locator('p[role=status]').textContent())).toBe(counted)

      // One search box over announcements, results and agencies.
      await visit(page, '/')
      await page.locator('#home-q').fill('测绘')
      await Promise.all([page.waitForURL('**/search?q=*'), page.locator('form.search-box button').click()])
      // The next page shows once its words have come (the old one stays until then).
      await expect.poll(() => page.locator('h1').textContent()).toBe(words[locale].search)
      await expectAccessible(page)
      const found = await page.locator('.notice-list li').count()
      expect(found).toBeGreaterThan(2)
      expect(await page.locator('#found-agencies ~ .notice-list a[href^="/agencies/"]').count()).toBeGreaterThan(0)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `search-${at}`)

      // The list shows when each was published, sorts by closing soonest, and keeps its feed link outside the filters.
      // Closing soonest: those still open first, nearest first, then the passed ones, latest first (as of the server's clock).
      const now = (await serverClock()).now
      await visit(page, '/procurements?sort=deadline&method=lowest_price')
      const deadlines: string[] = await page.locator('table.data-table tbody tr td:nth-child(5) time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!))
      expect(deadlines.length).toBeGreaterThan(1)
      const ahead = deadlines.filter((d) => d >= now)
      expect(deadlines.slice(0, ahead.length)).toEqual([...ahead].sort())
      expect(deadlines.slice(ahead.length)).toEqual([...deadlines.slice(ahead.length)].sort().reverse())
      expect(await page.locator('table.data-table tbody tr td:nth-child(4) time').count()).toBe(deadlines.length)
      expect(await page.locator('form.filters a[href*="feed.xml"]').count()).toBe(0)
      expect(await page.locator('.list-head a[href^="/procurements/feed.xml?method=lowest_price"]').count()).toBe(1)
      // The same list exports, in the reader's language: one row per announcement the filters match.
      const csvLink = (await page.locator('.list-head a[href*="format=csv"]').getAttribute('href'))!
      expect(csvLink).toBe('/procurements/export?sort=deadline&method=lowest_price&format=csv')
      const [bom, csv] = await page.evaluate(async (href) => {
        const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer())
        return [[...bytes.slice(0, 3)], new TextDecoder().decode(bytes)] as const
      }, csvLink)
      // A byte-order mark first, so Excel reads the characters as UTF-8 (the decoder drops it).
      expect(bom).toEqual([0xef, 0xbb, 0xbf])
      const lines = csv.trimEnd().split('\r\n')
      expect(lines[0]!.startsWith(locale === 'en' ? 'Number,Announcement,Project name' : '公告编号,公告,项目名称')).toBe(true)
      expect(lines.length - 1).toBe(number(await page.locator('p[role=status]').textContent()))
      const xlsx = await page.evaluate(async (href) => { const r = await fetch(href); return [r.headers.get('content-type'), (await r.arrayBuffer()).byteLength] as const }, csvLink.replace('format=csv', 'format=xlsx'))
      expect(xlsx[0]).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      expect(xlsx[1]).toBeGreaterThan(1000)
      if (phone) {
        // Each row is a card of its own, its title first, no taller than a screen's half.
        const heights = await page.locator('table.data-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height))
        expect(Math.max(...heights)).toBeLessThan(420)
        expect(await page.locator('table.data-table thead').evaluate((t) => t.getBoundingClientRect().height)).toBeLessThanOrEqual(1)
      }
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `procurements-by-deadline-${at}`)

      // Choosing a category narrows the items to its own.
      await page.locator('#a-category').selectOption('C06')
      const items = await page.locator('#a-item option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
      expect(items.length).toBeGreaterThan(1)
      expect(items.every((v) => v.startsWith('C06-'))).toBe(true)
      await page.context().close()
    })
  }
})

describe('an agency reads its bids and the public its record', () => {
  for (const [locale, phone] of variants(1)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    it(`bids with their own result, and an agency's record, ${at}`, async () => {
      const page = await open(locale, phone, DEMO_ACCOUNTS.agency)
      await visit(page, '/agency/bids')
      // No two columns share a heading; only a won bid is green.
      const headings = await page.locator('table.data-table thead th').allTextContents()
      expect(new Set(headings).size).toBe(headings.length)
      const rows = page.locator('table.data-table tbody tr')
      expect(await rows.count()).toBeGreaterThan(0)
      for (let i = 0; i < (await rows.count()); i++) {
        const outcome = rows.nth(i).locator('td').nth(4)
        if (await outcome.locator('.badge.ok').count()) expect(await outcome.textContent()).toBe(locale === 'en' ? 'Won' : '中选')
      }
      expect(await page.locator('table.data-table tbody .badge.proc-awarded').count()).toBe(0)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `agency-bids-${at}`)

      // The winner of the latest result has a record of awards on its public page.
      await visit(page, '/')
      const winner = (await page.locator('#results-title ~ .notice-list li').first().locator('.muted').textContent())!.split(' · ')[0]!.trim()
      await visit(page, `/search?q=${encodeURIComponent(winner.slice(0, 20))}`)
      await Promise.all([page.waitForURL('**/agencies/*'), page.locator('#found-agencies ~ .notice-list a').first().click()])
      const record = page.locator('section[aria-labelledby=r-title]')
      await expect.poll(() => record.locator('h2').textContent()).toBe(words[locale].record)
      await expectAccessible(page)
      expect(await record.locator('h3').first().textContent()).toBe(words[locale].latest)
      expect(number(await record.locator('.award-stats strong').first().textContent())).toBeGreaterThan(0)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `agency-record-${at}`)
      await page.context().close()
    })
  }
})

describe('the market office works from its own bar, outbox and jobs', () => {
  for (const [locale, phone] of variants(0)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    it(`navigation, outbox and jobs, ${at}`, async () => {
      // The outbox job renders what the journeys so far have sent.
      await clockForward(3 * 60_000)
      const page = await open(locale, phone, DEMO_ACCOUNTS.market_office)
      await visit(page, '/office')
      if (phone) {
        await page.locator('.nav-toggle summary').click()
        await expect.poll(() => page.locator('.nav-toggle .work-nav a[href="/office/rules"]').isVisible()).toBe(true)
      } else {
        // The main bar keeps to one row; the office's own pages, rules included, are in the bar below.
        expect(await page.locator('.nav-wide .nav').evaluate((n) => n.getBoundingClientRect().height)).toBeLessThan(60)
        expect(await page.locator('.work-wide a[href="/office/rules"]').textContent()).toBe(words[locale].rules)
      }
      await screenshot(page, `office-nav-${at}`)

      // The outbox: in pages, filtered by language, each email opened on demand.
      await visit(page, '/office/outbox?locale=zh-CN')
      const cards = page.locator('ul.outbox > li')
      expect(await cards.count()).toBeGreaterThan(0)
      expect(await cards.count()).toBeLessThanOrEqual(20)
      // Named in words ('中文' in either language), never as a code.
      for (const meta of await cards.locator('p.muted').allTextContents()) expect(meta).toContain('中文')
      const first = cards.first()
      expect(await first.locator('pre.outbox-body').isVisible()).toBe(false)
      await first.locator('summary').click()
      await expect.poll(() => first.locator('pre.outbox-body').isVisible()).toBe(true)
      await expectAccessible(page)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `outbox-${at}`)

      // Jobs in words, each linked to what it concerns.
      await visit(page, '/office/jobs?name=procurement.close')
      const jobRows = page.locator('table.data-table tbody tr')
      expect(await jobRows.count()).toBeGreaterThan(0)
      expect(await page.locator('table.data-table tbody').textContent()).not.toContain('procurement.close')
      expect(await page.locator('table.data-table tbody a[href^="/procurements/"]').count()).toBeGreaterThan(0)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `jobs-${at}`)

      // The audit log in words: the sign-in just made, by name and organization, from this machine's address.
      await visit(page, '/office/audit?action=auth.sign_in')
      const newest = page.locator('table.data-table tbody tr').first()
      expect(await newest.locator('td').first().textContent()).toMatch(locale === 'en' ? /^Signed in #\d+$/ : /^登录 #\d+$/)
      expect(await newest.textContent()).toContain('office@example.com')
      expect(await newest.locator('td.mono').first().textContent()).toBe('127.0.0.1')
      // An agency's sign-ins never name it: they would let a reader guess who sealed a bid just after.
      await visit(page, '/office/audit?action=auth.sign_in&actor=agency')
      expect(await page.locator('table.data-table tbody tr').count()).toBe(0)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `audit-${at}`)
      const auditCsv = await page.evaluate(async () => new TextDecoder().decode(await (await fetch('/office/audit/export?action=auth.sign_in&format=csv')).arrayBuffer()))
      expect(auditCsv.split('\r\n')[1]).toContain(locale === 'en' ? 'Signed in' : '登录')
      await page.context().close()
    })
  }
})

describe("every role's home is its to-do list, with an inbox that counts what is unread", () => {
  for (const [locale, phone] of variants(1)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    it(`owner, agency, authority and office, ${at}`, async () => {
      // The owner: its list, the overdue first; a message opens its subject and is read.
      const owner = await open(locale, phone, DEMO_ACCOUNTS.owner)
      await visit(owner, '/owner')
      const todo = owner.locator('section.todo')
      const items = todo.locator('.todo-list li')
      expect(number(await todo.locator('h2').textContent())).toBeGreaterThanOrEqual(await items.count())
      expect(await items.count()).toBeGreaterThan(0)
      const overdue = await items.evaluateAll((lis) => lis.map((li) => li.classList.contains('overdue')))
      expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)))
      expect(await noSideways(owner)).toBe(true)
      await screenshot(owner, `todo-owner-${at}`)
      const unreadOf = async () => number(await owner.locator('#inbox-title .badge').textContent().catch(() => '0'))
      const unread = await unreadOf()
      const message = owner.locator('.inbox li.unread a').first()
      const target = await message.getAttribute('href')
      expect(target).toMatch(/^\/inbox\/[0-9a-f-]{36}$/)
      await Promise.all([owner.waitForURL((u) => !u.pathname.startsWith('/inbox') && u.pathname !== '/owner'), message.click()])
      await owner.waitForSelector('html[data-hydrated]')
      await expectAccessible(owner)
      await visit(owner, '/owner')
      expect(await unreadOf()).toBe(unread - 1)
      await visit(owner, '/inbox')
      expect(await owner.locator('.inbox li').count()).toBeGreaterThan(0)
      await owner.context().close()

      // The agency: its list, and the announcements it may bid on now, through the list's own filter.
      const agency = await open(locale, phone, DEMO_ACCOUNTS.agency)
      await visit(agency, '/agency')
      await screenshot(agency, `todo-agency-${at}`)
      const openLink = agency.locator('section.todo a[href^="/procurements?"]')
      if (await openLink.count()) {
        const n = number(await openLink.textContent())
        await visit(agency, (await openLink.getAttribute('href'))!)
        expect(await agency.locator('#a-eligible').isChecked()).toBe(true)
        expect(number(await agency.locator('p[role=status]').textContent())).toBe(n)
        expect(await agency.locator('table.data-table tbody .badge').allTextContents()).toEqual(Array(n).fill(locale === 'en' ? 'Accepting bids' : '报名中'))
      }
      await agency.context().close()

      // The authority: its review queue with each submission's day and the working days it has waited.
      const authority = await open(locale, phone, DEMO_ACCOUNTS.authority)
      await visit(authority, '/authority')
      const waited = await authority.locator('section[aria-labelledby=pending-title] td .sub').allTextContents()
      expect(waited.length).toBeGreaterThan(0)
      for (const w of waited) expect(w).toMatch(locale === 'en' ? /^waiting \d+ working days?$/ : /^已等待 \d+ 个工作日$/)
      expect(await noSideways(authority)).toBe(true)
      await screenshot(authority, `todo-authority-${at}`)
      await authority.context().close()

      // The office: what waits for it, and its announcements per month as a chart beside a table.
      const office = await open(locale, phone, DEMO_ACCOUNTS.market_office)
      await visit(office, '/office')
      expect(await office.locator('section.todo').count()).toBe(1)
      expect(await office.locator('section[aria-labelledby=months-title] figure.chart svg:visible rect').count()).toBeGreaterThan(0)
      // Its words stay readable on a phone: the drawing for the width shows them at 11 px or more.
      const smallest = await office.locator('section[aria-labelledby=months-title] figure.chart svg:visible text').evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().height)))
      expect(smallest).toBeGreaterThanOrEqual(11)
      expect(await office.locator('section[aria-labelledby=months-title] table tbody tr').count()).toBe(12)
      expect(await noSideways(office)).toBe(true)
      await screenshot(office, `office-home-${at}`)
      await office.context().close()
    })
  }
})

describe('a public notice prints as a clean A4 document', () => {
  for (const [locale, phone] of variants(0)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    it(`a result decided by a draw, with its issuer, number, date and QR codes, ${at}`, async () => {
      const page = await open(locale, phone)
      await visit(page, '/procurements?status=awarded&method=random_draw')
      const href = (await page.locator('table.data-table tbody tr a[href^="/procurements/"]').first().getAttribute('href'))!
      await visit(page, href)
      // On screen: the page's progress and a print button; the print heading stays hidden.
      expect(await page.locator('nav.progress li.done').count()).toBeGreaterThanOrEqual(4)
      expect(await page.locator('.print-header').isVisible()).toBe(false)
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('.site-header').isVisible()).toBe(false)
      expect(await page.locator('.site-footer').isVisible()).toBe(false)
      expect(await page.locator('main button:visible').count()).toBe(0)
      const heading = page.locator('.print-header')
      expect(await heading.isVisible()).toBe(true)
      const text = (await heading.textContent())!
      expect(text).toContain(locale === 'en' ? 'Notice of the selected intermediary' : '中介服务中选结果公告')
      expect(text).toMatch(/ZJCS-\d{4}-\d{6}/)
      // Two codes: to the notice and to its draw record.
      expect(await heading.locator('.print-qr svg').count()).toBe(2)
      await screenshot(page, `print-result-${at}`)
      await page.context().close()
    })
  }
})

describe('details that must hold in both languages, on both widths', () => {
  for (const [locale, phone] of variants(1)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    it(`the sign-in page says why, and an irreversible decision is never pre-selected, ${at}`, async () => {
      // A page that needs signing in sends there, saying so.
      const page = await open(locale, phone)
      await page.goto(`${baseUrl}/owner/procurements`)
      await page.waitForSelector('html[data-hydrated]')
      await expectAccessible(page)
      expect(new URL(page.url()).pathname).toBe('/login')
      expect(await page.locator('main .alert').first().textContent()).toBe(locale === 'en' ? 'That page needs you to sign in. Sign in and you will be taken back to it.' : '该页面需要登录后查看，请先登录。登录后将回到该页面。')
      await page.context().close()

      // The owner's delivery waiting for acceptance: neither choice is ticked.
      const owner = await open(locale, phone, DEMO_ACCOUNTS.owner)
      await visit(owner, '/owner')
      const decide = owner.locator('section.todo .todo-list li', { hasText: locale === 'en' ? 'Accept or return a delivery' : '验收服务成果' }).first().locator('a')
      await visit(owner, (await decide.getAttribute('href'))!)
      const choices = owner.locator('main input[type=radio][name=decision]')
      expect(await choices.count()).toBe(2)
      expect(await choices.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length)).toBe(0)
      // Past its acceptance period, the delivery says it is overdue, not that it waits.
      expect(await owner.locator('section[aria-labelledby=deliveries-title] .overdue-text').count()).toBeGreaterThan(0)
      expect(await noSideways(owner)).toBe(true)
      await screenshot(owner, `delivery-decision-${at}`)
      await owner.context().close()
    })
  }
})
