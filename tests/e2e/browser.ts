import fs from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import { chromiumPath } from './chromium'

/** axe-core, from a server that lets the browser cache it (server.ts). */
const AXE_URL = inject('axeUrl')

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** A browser profile whose languages are the user's: Accept-Language follows `locale`. */
export function newContext(browser: Browser, locale: 'zh-CN' | 'en', mobile = false): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: mobile ? { width: 390, height: 844 } : { width: 1366, height: 900 }, isMobile: mobile, hasTouch: mobile })
}

/** axe-core on the page as it stands: no serious or critical violation is allowed. */
export async function expectAccessible(page: Page) {
  await page.addScriptTag({ url: AXE_URL })
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  })
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious, `${page.url()} has accessibility violations`).toEqual([])
  // Words the page asked for but was not sent (a namespace missing from a route's handle.i18n).
  const missing = await page.evaluate(() => (window as unknown as { __missingMessages?: string[] }).__missingMessages ?? [])
  expect(missing, `${page.url()} shows message keys instead of words`).toEqual([])
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true })
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true })
}

export type Locale = 'zh-CN' | 'en'

/**
 * The journeys of the pages people work from run in both languages and at both widths, a desktop
 * (1366 px) and a phone (390 px; `true`), paired: each journey twice, in Chinese at one width and
 * in English at the other. The pairing alternates between journeys (`variants(0)`, `variants(1)`),
 * so each language meets each width across the suite; and the narrow walk (narrow.test.ts) holds
 * every page of every role, in both languages, to a 360 px phone.
 */
export const variants = (k: 0 | 1): ReadonlyArray<readonly [Locale, boolean]> =>
  k === 0
    ? [['zh-CN', false], ['en', true]]
    : [['zh-CN', true], ['en', false]]

/** Whether the page fits the screen's width (nothing to scroll sideways). */
export const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
