import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { launch } from './browser'
import { cookieOf, crawlSite, read, routePatterns } from './crawl'
import { visit } from './helpers'
import { baseUrl as base } from './base'

/**
 * No page scrolls sideways on a 360 px phone, for any role, in Chinese or in English. Each role's
 * pages are found by crawling from its home (one page per route, so the walk covers every route
 * the role reaches), plus a page for each state a procurement is in on the public list, on the
 * owner's list and on the agency's bids: a procurement's page changes most with its state. Every
 * page is also held to axe (through `visit`). All offenders are reported together.
 */
const WIDTH = 360
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

type Role = 'public' | 'owner' | 'agency' | 'authority' | 'market_office'
const HOMES: Record<Role, string[]> = {
  public: ['/', '/login', '/signup', '/no-such-page', '/procurements', '/agencies', '/catalog', '/calendar', '/blacklist', '/draws/algorithm', '/audit/anchors'],
  owner: ['/owner', '/owner/procurements', '/owner/procurements/new', '/profile'],
  agency: ['/agency', '/agency/bids', '/agency/admission', '/agency/practitioners', '/agency/services', '/agency/qualifications/new', '/profile'],
  authority: ['/authority', '/profile'],
  market_office: ['/office', '/office/approvals', '/office/rules', '/office/blacklist', '/office/audit', '/office/jobs', '/office/outbox', '/office/payments', '/catalog', '/calendar', '/profile'],
}
/** Pages whose content differs by who reads them, so each role's own is walked too. */
const ROLE_VARIANTS = new Set(['/', '/catalog', '/calendar', '/procurements/[^/]+', '/agencies/[^/]+', '/procurements'])

/** One link per state of a list's rows: `<tr>` holding a link of `pattern` and a `proc-<state>` badge, or the state named in `from`. */
function onePerState(html: string, pattern: RegExp) {
  const byState = new Map<string, string>()
  for (const row of html.split('<tr').slice(1)) {
    const link = pattern.exec(row)?.[0]
    const state = /badge proc-([a-z_]+)/.exec(row)?.[1] ?? /data-label="[^"]*"[^>]*>([^<]+)<\/td><\/tr>/.exec(row)?.[1]
    if (link && state && !byState.has(state)) byState.set(state, link)
  }
  return [...byState.values()]
}

async function statesOf(cookie: string | undefined, list: string, pattern: RegExp) {
  return onePerState(await read(list, cookie), pattern)
}

/** How far the page reaches past the screen's right edge, and what sticks out. */
function overflow(page: Page) {
  return page.evaluate((width) => {
    const reach = document.documentElement.scrollWidth
    if (reach <= width) return null
    // The outermost boxes past the edge: those whose parent stays inside, or is the page itself.
    const out: string[] = []
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect()
      if (box.right > width + 1 && box.width > 0 && (!el.parentElement || el.parentElement === document.body || el.parentElement.getBoundingClientRect().right <= width + 1)) out.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} to ${Math.round(box.right)} px`)
    }
    return `${reach} px wide: ${out.slice(0, 4).join(', ')}`
  }, WIDTH)
}

/**
 * Dates on a Chinese page read one way, 2026年9月24日 (with the time after it where there is one):
 * what else looks like a date in the page's text (ISO, slashed, or an English month) is returned.
 * Inputs are not text: a date field shows the browser's own format.
 */
function foreignDates(page: Page) {
  return page.evaluate(() => {
    const text = document.body.innerText
    const found = text.match(/\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{4}-\d{2}\b(?!-)|\b\d{1,4}\/\d{1,2}(?:\/\d{1,4})?\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/g) ?? []
    return [...new Set(found)].slice(0, 4)
  })
}

describe('narrow screens', () => {
  it('no page of any role scrolls sideways at 360 px, in Chinese or English, and Chinese pages write dates one way', async () => {
    const roles: Role[] = ['public', 'owner', 'agency', 'authority', 'market_office']
    const cookies: Record<Role, string | undefined> = { public: undefined, owner: await cookieOf(DEMO_ACCOUNTS.owner), agency: await cookieOf(DEMO_ACCOUNTS.agency), authority: await cookieOf(DEMO_ACCOUNTS.authority), market_office: await cookieOf(DEMO_ACCOUNTS.market_office) }
    // The splat route (the 404 page) matches every address, so it is asked last.
    const patterns = routePatterns().sort((a, b) => Number(a.file === '$.tsx') - Number(b.file === '$.tsx'))
    const patternOf = (url: string) => patterns.find((p) => p.pattern.test(url.split('?')[0]!))?.pattern.source.slice(1, -1).replaceAll('\\/', '/') ?? url

    // The pages to walk: each role's one page per route (public ones once, unless they vary by role), and each state's page.
    const walk = new Map<Role, string[]>()
    const seen = new Set<string>()
    for (const role of roles) {
      const pages: string[] = []
      const states = role === 'public'
        ? await statesOf(undefined, '/procurements', /\/procurements\/[0-9a-f-]{36}(?=")/)
        : role === 'owner'
          ? await statesOf(cookies.owner, '/owner/procurements', /\/owner\/procurements\/[0-9a-f-]{36}(?=")/)
          : role === 'agency'
            ? await statesOf(cookies.agency, '/agency/bids', /\/agency\/bids\/[0-9a-f-]{36}(?=")/)
            : []
      if (role === 'public') {
        const auction = /\/procurements\/[0-9a-f-]{36}(?=")/.exec(await read('/procurements?method=reverse_auction', undefined))?.[0]
        if (auction) states.push(`${auction}/auction`)
      }
      pages.push(...states)
      const answers = await crawlSite(cookies[role], HOMES[role], 120)
      for (const [url, body] of answers) {
        if (!/^(200|404) <!DOCTYPE html>/i.test(body) || url.includes('?')) continue
        const key = patternOf(url)
        const mine = `${role} ${key}`
        if (seen.has(mine) || (role !== 'public' && seen.has(`public ${key}`) && !ROLE_VARIANTS.has(key))) continue
        seen.add(mine)
        if (!states.includes(url)) pages.push(url)
      }
      walk.set(role, pages)
    }
    expect(walk.get('public')!.length).toBeGreaterThan(12)

    const offenders: string[] = []
    let visited = 0
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const role of roles) {
        const context = await browser.newContext({ locale, viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true })
        if (cookies[role]) {
          const [name, value] = cookies[role]!.split('=')
          await context.addCookies([{ name: name!, value: value!, url: base }])
        }
        const page = await context.newPage()
        for (const url of walk.get(role)!) {
          await visit(page, url).catch((error: Error) => {
            throw new Error(`${locale}, as ${role}: ${error.message}`)
          })
          visited++
          const wide = await overflow(page)
          if (wide) offenders.push(`${locale} ${role} ${url}: ${wide}`)
          const dates = locale === 'zh-CN' ? await foreignDates(page) : []
          if (dates.length) offenders.push(`${locale} ${role} ${url}: dates written otherwise: ${dates.join(', ')}`)
        }
        await context.close()
      }
    }
    console.info(`narrow screens: ${visited} pages at ${WIDTH} px`)
    expect(offenders).toEqual([])
  }, 900_000)
})
