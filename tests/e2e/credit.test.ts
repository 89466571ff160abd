import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { CREDIT_EVENT_KINDS } from '../../services/credit/kinds'
import { launch, newContext, noSideways, screenshot, variants } from './browser'
import { settles, signIn, visit } from './helpers'

/**
 * Credit in public, in both languages, on a desktop (1366 px) and a phone (390 px): the ranking
 * with its grade chart and filters, an owner's and an agency's score explained line by line (the
 * lines add up to the score), and the rules they are computed by; the office's form refuses
 * grades that overlap.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

const words = {
  'zh-CN': { title: '信用排名', owners: '项目业主', ratedPoorly: '中介机构评价较差', poorEvaluation: '业主评价较差', overlap: '等级分数线重叠：A 级分数线须高于 B 级，B 级须高于 C 级。' },
  en: { title: 'Credit rankings', owners: 'Project owners', ratedPoorly: 'Rated poorly by the agency', poorEvaluation: 'Poor evaluation by the owner', overlap: 'The grades overlap: A must start above B, and B above C.' },
} as const

/** The score shown, and the lines' counts: 100 plus the counts must be the score. */
async function explained(page: Page) {
  const score = Number(await page.locator('.credit-score .big').textContent())
  const counts = await page.locator('section[aria-labelledby=credit-title] table.data-table tbody tr td:nth-child(5)').allTextContents()
  const kinds = await page.locator('section[aria-labelledby=credit-title] table.data-table tbody tr td:nth-child(1)').allTextContents()
  const sum = counts.map((c) => Number(c.trim().replace('−', '-').replace('+', ''))).reduce((a, b) => a + b, 0)
  return { score, sum, kinds: kinds.map((k) => k.trim()) }
}

describe('credit in public', () => {
  for (const [locale, phone] of variants(0)) {
    const at = `${locale}-${phone ? 390 : 1366}`
    const w = words[locale]
    it(`ranks by score with its grade chart, and explains an owner's and an agency's score, ${at}`, async () => {
      const page = await (await newContext(browser, locale, phone)).newPage()
      await visit(page, '/credit')
      expect(await page.locator('h1').textContent()).toBe(w.title)
      expect(await page.locator('figure.chart').count()).toBe(1)
      const scores = (await page.locator('table.data-table tbody tr td:nth-child(4)').allTextContents()).map(Number)
      expect(scores.length).toBeGreaterThan(10)
      expect([...scores].sort((a, b) => b - a)).toEqual(scores)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `credit-ranking-${at}`)

      // The grade filter keeps the ranking's positions and shows only that grade.
      await page.locator('#r-grade').selectOption('A')
      await settles(page, () => Promise.all([page.waitForURL(/grade=A/), page.locator('form.filters button[type=submit]').click()]))
      expect(new Set(await page.locator('table.data-table tbody .badge.grade').allTextContents())).toEqual(new Set(['A']))

      // Owners: the one an agency rated poorly, its lines adding up to its score.
      await visit(page, '/credit?kind=owner')
      expect(await page.locator('.tabs a[aria-current=page]').textContent()).toBe(w.owners)
      const owners = await page.locator('table.data-table tbody tr a[href^="/credit/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
      let found = false
      for (const href of owners) {
        await visit(page, href)
        const e = await explained(page)
        expect(e.score).toBe(100 + e.sum)
        if (e.kinds.includes(w.ratedPoorly)) {
          found = true
          expect(await noSideways(page)).toBe(true)
          await screenshot(page, `credit-owner-${at}`)
          break
        }
      }
      expect(found, 'an owner rated poorly by an agency').toBe(true)

      // An agency rated poorly by its owner: the ranking links to its page's credit section.
      // Lowest first: the last page of the ranking holds those with events.
      await visit(page, '/credit?kind=agency')
      const pages = Number((await page.locator('.pager').getAttribute('aria-label'))?.match(/\d+\D+(\d+)/)?.[1] ?? 1)
      await visit(page, `/credit?kind=agency&page=${pages}`)
      const agencies = await page.locator('table.data-table tbody tr a[href^="/agencies/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.replace(/#.*/, '')))
      found = false
      for (const href of agencies.reverse()) {
        await visit(page, href)
        const e = await explained(page)
        expect(e.score).toBe(100 + e.sum)
        if (e.kinds.includes(w.poorEvaluation)) {
          found = true
          expect(await noSideways(page)).toBe(true)
          await screenshot(page, `credit-agency-${at}`)
          break
        }
      }
      expect(found, 'an agency rated poorly by its owner').toBe(true)

      await visit(page, '/credit/rules')
      expect(await page.locator('table.data-table tbody tr').count()).toBe(CREDIT_EVENT_KINDS.length)
      expect(await noSideways(page)).toBe(true)
      await page.context().close()
    })

    it(`the office's credit rules refuse grades that overlap, ${at}`, async () => {
      const page = await (await newContext(browser, locale, phone)).newPage()
      await signIn(page, DEMO_ACCOUNTS.market_office)
      await visit(page, '/office/credit')
      await page.locator('input[name=gradeB]').fill('95')
      await page.locator('input[name=note]').fill('调整等级分数线')
      await page.locator('form#credit-rules button[type=submit]').click()
      await expect.poll(() => page.locator('input[name=gradeB]').getAttribute('aria-invalid')).toBe('true')
      expect(await page.locator('#main').textContent()).toContain(w.overlap)
      expect(await noSideways(page)).toBe(true)
      await screenshot(page, `credit-office-refused-${at}`)
      await page.context().close()
    })
  }
})
