import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { launch, newContext, noSideways, screenshot, variants } from './browser'
import { signIn, visit } from './helpers'

/**
 * 统计 in a real browser: the public dashboard in both languages (a desktop and a phone, paired)
 * with its figures, its two charts and its four tables; a method chosen narrows every figure to
 * that method's row; a table's CSV export holds the rows the table shows. The environment
 * bureau's own dashboard counts only its categories.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

const words = {
  'zh-CN': { title: '市场统计', announced: '发布公告', lowest: '最低价中选', total: '合计', scoped: '主管行业统计' },
  en: { title: 'Market statistics', announced: 'Announced', lowest: 'Lowest price', total: 'Total', scoped: 'Statistics of your categories' },
} as const
const figure = async (page: Page, label: string) => (await page.locator('ul.stats li', { hasText: label }).locator('strong').textContent())?.trim()

describe('statistics', () => {
  for (const [locale, phone] of variants(0)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    const w = words[locale]
    it(`are public, as figures, charts and tables that export, ${at}`, async () => {
      const page = await (await newContext(browser, locale, phone)).newPage()
      await visit(page, '/statistics?from=2025-01-01')
      expect(await page.locator('h1').textContent()).toBe(w.title)
      const announced = Number(await figure(page, w.announced))
      expect(announced).toBeGreaterThan(10)
      expect(await page.locator('figure.chart').count()).toBe(2)
      // The table by method adds up to the headline: its announcements column sums to the figure.
      const byMethod = page.locator('section[aria-labelledby=stats-method] table tbody tr')
      const counts = (await byMethod.locator('td:nth-child(2)').allTextContents()).map(Number)
      expect(counts.reduce((a, b) => a + b, 0)).toBe(announced)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `statistics-${at}`)

      // The method filter narrows every figure to the method's row.
      const lowestRow = byMethod.filter({ hasText: w.lowest })
      const lowestCount = Number(await lowestRow.locator('td:nth-child(2)').textContent())
      await page.locator('#s-method').selectOption('lowest_price')
      await Promise.all([page.waitForURL(/method=lowest_price/), page.locator('form.filters button[type=submit]').click()])
      await page.waitForSelector('html[data-hydrated]')
      await expect.poll(async () => Number(await figure(page, w.announced))).toBe(lowestCount)

      // The CSV of the months holds every month of the period (the table, only those with an announcement) and the total last, in the reader's language.
      const href = await page.locator('section[aria-labelledby=stats-month] a[href*="format=csv"]').getAttribute('href')
      const csv = await page.evaluate(async (url) => new TextDecoder().decode(await (await fetch(url)).arrayBuffer()), href!)
      const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
      const until = await page.locator('#s-until').inputValue()
      expect(lines.length).toBe(1 + (Number(until.slice(0, 4)) - 2025) * 12 + Number(until.slice(5, 7)) + 1)
      const active = lines.slice(1, -1).filter((l) => l.split(',')[1] !== '0').length
      expect(active).toBe(await page.locator('section[aria-labelledby=stats-month] table tbody tr').count())
      expect(lines.at(-1)!.startsWith(w.total)).toBe(true)
      expect(Number(lines.at(-1)!.split(',')[1])).toBe(lowestCount)
      await page.context().close()
    })
  }

  it("give an authority the figures of the categories it supervises", async () => {
    const page = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(page, DEMO_ACCOUNTS.authority)
    await visit(page, '/authority/statistics?from=2025-01-01')
    expect(await page.locator('h1').textContent()).toBe(words['zh-CN'].scoped)
    const mine = Number(await figure(page, words['zh-CN'].announced))
    await visit(page, '/statistics?from=2025-01-01')
    const all = Number(await figure(page, words['zh-CN'].announced))
    expect(mine).toBeGreaterThan(0)
    expect(mine).toBeLessThan(all)
    await page.context().close()
  })
})
