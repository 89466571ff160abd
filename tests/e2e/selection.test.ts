import { execFileSync } from 'node:child_process'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { expectAccessible, launch, newContext, screenshot } from './browser'
import { bidInBrowser, draftEia, passInstant, post, publishDraft, refused, signIn, visit } from './helpers'
import { baseUrl as base } from './base'

/**
 * A random draw, in a real browser: the owner publishes it; three agencies bid, each browser
 * making its own nonce; the deadline passes (the server's clock moves) and the draw is made at
 * the opening. Its record is public, verifies in the browser, and `npm run verify-draw`
 * recomputes it from its URL. The winner declines; the next in the draw's order is offered the award.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

// Demo agencies 19, 32 and 45 hold verified EIA qualifications and offer EIA items.
const BIDDERS = ['agency19@example.com', 'agency32@example.com', 'agency45@example.com']

describe('a random draw', () => {
  it('is drawn at the opening from a committed secret and the bidders’ nonces, and anyone can recompute it', async () => {
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    const id = await draftEia(owner, { code: '2026-450802-46-01-061180', project: '贵港市覃塘区污水管网完善工程', title: '覃塘区污水管网完善工程环境影响报告表编制', max: '50,000', days: '10', method: 'random_draw', announcementDays: '3' })
    await publishDraft(owner)
    const commitment = await owner.locator('main code.commitment').textContent()
    expect(commitment).toMatch(/^[0-9a-f]{64}$/)
    // With no bid yet, the owner is warned that a draw on public funds needs three.
    expect(await owner.locator('section[aria-labelledby=bids-title] .alert.warn').textContent()).toBe('目前只有 0 份报价，少于财政资金项目随机抽取所需的 3 份：若截止时仍不足，本项目将流标。')

    const bidders: Page[] = []
    const nonces: string[] = []
    for (const [n, email] of BIDDERS.entries()) {
      const page = await bidInBrowser(browser, email, id, ['46,000', '47,500', '48,800'][n]!, String(7 + n))
      nonces.push((await page.locator('code.nonce').textContent())!)
      bidders.push(page)
    }

    // Three stand now: the warning is gone.
    await visit(owner, `/owner/procurements/${id}`)
    expect(await owner.locator('section[aria-labelledby=bids-title] .alert.warn').count()).toBe(0)

    // The deadline passes; the close job opens the bids and draws at once.
    const moved = await passInstant(owner, '报名截止')
    expect(moved.ran).toBeGreaterThanOrEqual(1)

    // The public result, in English: three candidates in the draw's order, one record.
    const visitor = await (await newContext(browser, 'en')).newPage()
    await visit(visitor, `/procurements/${id}`)
    expect(await visitor.locator('.lead .badge').textContent()).toBe('Awarded')
    const rows = visitor.locator('table.selection tbody tr')
    expect(await rows.count()).toBe(3)
    const firstUscc = await rows.nth(0).locator('.mono').textContent()
    expect(await visitor.locator('#selection-title + p').textContent()).toBe('Drawn among 3 eligible bids; the draw’s order is the order in which the award is offered.')
    // The notice checks its record where it lists it: fetched from its address and recomputed in the page.
    await visitor.locator('.card', { has: visitor.locator('#selection-title') }).getByRole('button', { name: 'Verify' }).click()
    await expect.poll(() => visitor.locator('.draw-check').textContent()).toBe('Verified: it recomputes')
    await screenshot(visitor, 'draw-result')
    await Promise.all([visitor.waitForURL('**/draws/*'), visitor.getByRole('link', { name: 'View and verify' }).click()])
    await visitor.waitForSelector('html[data-hydrated]')
    await expectAccessible(visitor)
    await visitor.getByRole('button', { name: 'Verify' }).click()
    await expect.poll(() => visitor.locator('[role=status]').textContent()).toMatch(/^Verified: recomputing gives the same result\./)
    await screenshot(visitor, 'draw-record')

    // The record: the commitment shown since publication, the bidders' own nonces, the winner first.
    const url = `${base}${new URL(visitor.url()).pathname}/record.json`
    const response = await fetch(url)
    expect(response.headers.get('content-type')).toContain('application/json')
    const text = await response.text()
    const record = JSON.parse(text) as { commitment: string; candidates: Array<{ key: string; nonce: string }>; order: string[]; winner: string }
    // The fields keep the published order.
    expect(Object.keys(record)).toEqual(['algorithm', 'procurementId', 'purpose', 'commitment', 'committedAt', 'secret', 'beacon', 'candidates', 'order', 'winner'])
    expect(record.commitment).toBe(commitment)
    expect(record.candidates.map((c) => c.nonce).sort()).toEqual([...nonces].sort())
    expect(record.winner).toBe(firstUscc)

    // The command line recomputes it from its URL.
    const out = execFileSync('npx', ['tsx', path.resolve(__dirname, '../../services/selection/verify-cli.ts'), url], { encoding: 'utf8' })
    expect(out).toContain('OK: the record recomputes.')

    // The winner declines; the award passes to the second in the draw's order.
    const winnerIndex = await (async () => {
      for (const [n, page] of bidders.entries()) {
        await signIn(page, BIDDERS[n]!)
        await visit(page, `/agency/bids/${id}`)
        if (await page.locator('#offer-title').count()) return n
      }
      return -1
    })()
    expect(winnerIndex).toBeGreaterThanOrEqual(0)
    const winner = bidders[winnerIndex]!
    await screenshot(winner, 'award-offered')
    await winner.locator('summary', { hasText: '放弃中选' }).click()
    const decline = winner.locator('main form:has(textarea[name=reason])')
    await refused(decline)
    // A decline needs its reason; nothing changes without one.
    await expect.poll(() => decline.locator('.field.has-error .error').allTextContents()).toEqual(['请写明理由（至少 4 个字）'])
    await decline.getByLabel('放弃理由').fill('项目负责人临时调岗，无法保证承诺时限')
    await post(decline)
    await expect.poll(() => winner.locator('.alert.ok').textContent()).toBe('已放弃中选，已依序推荐下一候选人。')
    await expectAccessible(winner)
    await visit(visitor, `/procurements/${id}`)
    expect(await rows.nth(0).locator('.badge').first().textContent()).toBe('Declined')
    expect(await rows.nth(1).locator('.badge').first().textContent()).toBe('Selected, to confirm')
    expect(await visitor.locator('.result-notice .mono').first().textContent()).toBe(record.order[1])

    // On a phone the candidates table scrolls inside its frame and the page does not.
    const phone = await (await newContext(browser, 'zh-CN', true)).newPage()
    await visit(phone, `/procurements/${id}`)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)
    await screenshot(phone, 'draw-result-phone')
  }, 300_000)
})
