import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { launch, newContext, noSideways, screenshot, variants } from './browser'
import { draftEia, post, publishDraft, refused, signIn, visit } from './helpers'

/**
 * The notices a procurement's life leaves behind, in both languages, on a desktop (1366 px) and
 * on a phone (390 px): a failed announcement links to its re-announcement and back; an owner's
 * random draw on public funds warns while too few bids stand; an amendment, a failure and a
 * cancellation each print as their own notice; a refused text area is marked as fields are.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

const words = {
  'zh-CN': {
    again: /^已重新公告：ZJCS-\d{4}-\d{6}$/,
    repeats: (n: string) => `本公告为流标项目 ${n} 的重新公告`,
    short: '目前只有 0 份报价，少于财政资金项目随机抽取所需的 3 份：若截止时仍不足，本项目将流标。',
    amended: '关键条款已变更，截止时间已顺延，已报价机构将被要求重新确认。',
    kinds: { failure: '中介服务采购流标公告', cancellation: '中介服务采购终止公告', amendment: '中介服务采购更正公告' },
  },
  en: {
    again: /^Announced again as ZJCS-\d{4}-\d{6}$/,
    repeats: (n: string) => `This announces again ${n}, which failed`,
    short: 'Only 0 bids stand, fewer than the 3 a random draw on public funds needs: if it is still short at the deadline, the procurement fails.',
    amended: 'Key terms changed: the deadline moved and bidders are asked to confirm again.',
    kinds: { failure: 'Notice of a failed procurement', cancellation: 'Notice of a cancelled procurement', amendment: 'Amended procurement announcement' },
  },
} as const

/** The page as paper: no navigation, footer or button; the print heading names the notice, its number and date. */
async function printsAs(page: Page, kind: string, name: string) {
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('.site-header').isVisible()).toBe(false)
  expect(await page.locator('main button:visible').count()).toBe(0)
  const heading = page.locator('.print-header')
  expect(await heading.locator('.print-kind').textContent()).toBe(kind)
  expect(await heading.textContent()).toMatch(/ZJCS-\d{4}-\d{6}/)
  expect(await heading.locator('.print-qr svg').count()).toBe(1)
  await screenshot(page, name)
  await page.emulateMedia({ media: 'screen' })
}

/** The public list's first procurement in a state, as the list links it. */
async function firstListed(page: Page, status: string) {
  await visit(page, `/procurements?status=${status}`)
  return page.locator('table.data-table tbody tr a[href^="/procurements/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
}

describe('notices of a procurement’s life', () => {
  for (const [locale, phone] of variants(1)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    const w = words[locale]
    it(`a failure links to its re-announcement and back, and the failure and cancellation print, ${at}`, async () => {
      const page = await (await newContext(browser, locale, phone)).newPage()
      // The demo owner's announcement that nobody bid on was announced again: its notice links there.
      let failed: string | null = null
      for (const href of await firstListed(page, 'failed')) {
        await visit(page, href)
        if (await page.locator('main .alert.warn a').count()) {
          failed = href
          break
        }
      }
      expect(failed, 'a failed procurement announced again').not.toBeNull()
      const number = (await page.locator('.lead .mono').first().textContent())?.trim() ?? ''
      const link = page.locator('main .alert.warn a')
      expect(await link.textContent()).toMatch(w.again)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `failed-reannounced-${at}`)
      await printsAs(page, w.kinds.failure, `print-failure-${at}`)

      // The re-announcement says what it repeats, and links back.
      await Promise.all([page.waitForURL((u) => u.pathname !== failed), link.click()])
      await page.waitForSelector('html[data-hydrated]')
      const back = page.locator('main .alert.info a')
      await expect.poll(() => back.getAttribute('href')).toBe(failed)
      expect(await back.textContent()).toBe(w.repeats(number))
      await visit(page, new URL(page.url()).pathname)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `reannouncement-${at}`)

      // A cancelled announcement prints as a cancellation notice, with its reason on the page.
      const [cancelled] = await firstListed(page, 'cancelled')
      await visit(page, cancelled!)
      expect(await page.locator('main .alert.warn').textContent()).toContain('项目建设方案调整')
      await printsAs(page, w.kinds.cancellation, `print-cancellation-${at}`)
      await page.context().close()
    })

    it(`an owner's short random draw warns, and its amendment prints as one, ${at}`, async () => {
      // Set up in Chinese on a desktop (the helpers fill the form by its Chinese labels): a random draw on public funds, published.
      const setup = await (await newContext(browser, 'zh-CN')).newPage()
      await signIn(setup, DEMO_ACCOUNTS.owner)
      const id = await draftEia(setup, { code: '2026-450802-46-01-090417', project: '贵港市港南区排水防涝设施建设工程', title: `排水防涝设施建设工程环境影响报告表编制（${at}）`, max: '42,000', days: '10', method: 'random_draw', announcementDays: '3' })
      await publishDraft(setup)
      await setup.context().close()

      // The owner, in this language and width: with no bid yet, the draw is short of its three.
      const owner = await (await newContext(browser, locale, phone)).newPage()
      await signIn(owner, DEMO_ACCOUNTS.owner)
      await visit(owner, `/owner/procurements/${id}`)
      expect(await owner.locator('section[aria-labelledby=bids-title] .alert.warn').textContent()).toBe(w.short)
      expect(await noSideways(owner)).toBe(true)
      await screenshot(owner, `draw-short-${at}`)

      // The owner raises the max price; the public notice becomes an amendment, and prints as one.
      await owner.locator('details:has(form select[name=method]) > summary').click()
      const amend = owner.locator('main form:has(input[name=reason])').filter({ has: owner.locator('select[name=method]') })
      await amend.locator('input[name=maxPrice]').fill('46,000')
      await amend.locator('[name=reason]').fill(locale === 'en' ? 'Max price raised after the fiscal review' : '根据财政评审意见调整最高限价')
      await post(amend)
      await expect.poll(() => owner.locator('.alert.ok').textContent()).toBe(w.amended)
      // The answer shows first, the page's reloaded terms a moment later: wait for them before the next form.
      await expect.poll(() => owner.locator('section[aria-labelledby=terms-title]').textContent()).toContain('46,000')

      // Cancelling needs a reason: refused without one, the text area is marked in red as fields are, and nothing changes.
      await owner.locator('details.danger-zone > summary').click()
      const cancel = owner.locator('form#cancel')
      await refused(cancel)
      const reason = cancel.locator('textarea[name=reason]')
      expect(await reason.getAttribute('aria-invalid')).toBe('true')
      expect(await reason.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(164, 22, 26)')
      expect(await owner.locator('.lead .badge').textContent()).toBe(locale === 'en' ? 'Accepting bids' : '报名中')
      await owner.context().close()

      const visitor = await (await newContext(browser, locale, phone)).newPage()
      await visit(visitor, `/procurements/${id}`)
      expect(await visitor.locator('section[aria-labelledby=terms-title]').textContent()).toContain('46,000')
      // The amendment notice says what changed and why, and prints with the page.
      const amendment = await visitor.locator('section[aria-labelledby=amendments-title] li').allTextContents()
      expect(amendment).toHaveLength(1)
      expect(amendment[0]).toContain(locale === 'en' ? 'Changed: Max price (yuan)' : '变更事项：最高限价（元）')
      expect(amendment[0]).toContain(locale === 'en' ? 'Reason: Max price raised after the fiscal review' : '变更理由：根据财政评审意见调整最高限价')
      await printsAs(visitor, w.kinds.amendment, `print-amendment-${at}`)
      await visitor.context().close()
    }, 180_000)
  }
})
