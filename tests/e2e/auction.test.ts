import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { replay, type AuctionTerms } from '../../services/selection/auction/state'
import { expectAccessible, launch, newContext, screenshot } from './browser'
import { bidInBrowser, draftEia, passInstant, post, publishDraft, serverClock, settles, signIn, visit } from './helpers'
import { baseUrl as base } from './base'

/**
 * A live reverse auction in real browsers: three bidders and a public observer watch the same
 * board over SSE while the server's clock is moved turn by turn. The bidder whose turn it is
 * lowers its price through its form; the others see it at once. After the last turn the result
 * names the bidders, and replaying the public log gives the same ranking.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

// Demo agencies 19, 32 and 45 hold verified EIA qualifications and offer EIA items.
const BIDDERS = ['agency19@example.com', 'agency32@example.com', 'agency45@example.com']

type Board = { phase: string; startsAt: string; endsAt: string; turnSeconds: number; rounds: number; minStepFen: number; currentLabel: number | null; myLabel: number | null; winnerLabel: number | null; rows: Array<{ label: number; priceFen: number; initialFen: number; initialAt: string }>; log: Array<{ id: number; label: number; round: number; turn: number; priceFen: number }> }
const boardOf = (page: Page) => page.evaluate(() => (window as unknown as { __remixContext: { state: { loaderData: Record<string, { board?: unknown }> } } }).__remixContext.state.loaderData['routes/procurements.$id_.auction']!.board) as Promise<Board>

describe('a live reverse auction', () => {
  it('runs on an accelerated clock with three bidders and an observer, to a result its log replays', async () => {
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    const id = await draftEia(owner, { code: '2026-450802-46-01-071190', project: '贵港市港北区城市内涝治理工程', title: '城市内涝治理工程环境影响报告表编制（网上竞价）', max: '50,000', days: '10', method: 'reverse_auction', announcementDays: '3', extra: { '每次降价最小幅度（元）': '500' } })
    await publishDraft(owner)

    // The third bids from a phone.
    const bidders: Page[] = []
    for (const [n, email] of BIDDERS.entries()) bidders.push(await bidInBrowser(browser, email, id, ['46,000', '47,500', '48,800'][n]!, '8', n === 2))

    // The deadline passes: the bids open and the auction is scheduled for the next working day.
    await passInstant(owner, '报名截止')
    const observer = await (await newContext(browser, 'en')).newPage()
    await visit(observer, `/procurements/${id}/auction`)
    const terms = await boardOf(observer)
    expect(terms.phase).toBe('scheduled')
    expect(await observer.locator('#auction-status-title').textContent()).toBe('Not started yet')
    // Labels only, before and during: the page's whole answer names no bidder.
    expect(await (await observer.request.get(`${base}/procurements/${id}/auction`)).text()).not.toMatch(/agency19|agency32|agency45|环境影响评价有限公司/)
    // A minute before the start (sessions end after 12 hours of server time, so the bidders sign in now).
    await serverClock(new Date(Date.parse(terms.startsAt) - 60_000).toISOString())
    for (const [n, page] of bidders.entries()) {
      await signIn(page, BIDDERS[n]!)
      await visit(page, `/procurements/${id}/auction`)
    }
    const labelOf = await Promise.all(bidders.map(async (page) => (await boardOf(page)).myLabel!))
    expect([...labelOf].sort()).toEqual([1, 2, 3])

    const slotMs = terms.turnSeconds * 1000
    const start = Date.parse(terms.startsAt)
    const turns = terms.rounds * 3
    const cuts = [1500, 0, 800, 1000, 2000, 0, 500, 700, 600]
    for (let slot = 0; slot < turns; slot++) {
      await serverClock(new Date(start + slot * slotMs + 1000).toISOString())
      // The clock moved the turn: every board hears it over SSE, without reloading.
      await expect.poll(() => observer.locator('.auction-status .big-number').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^Round ${Math.floor(slot / 3) + 1} of 3, turn ${(slot % 3) + 1}: Bidder \\d bids$`))
      const current = Number(/Bidder (\d)/.exec((await observer.locator('.auction-status .big-number').textContent())!)![1])
      const page = bidders[labelOf.indexOf(current)]!
      await expect.poll(() => page.locator('#my-turn-title').count(), { timeout: 10_000 }).toBe(1)
      if (slot === 0) {
        await screenshot(page, 'auction-my-turn')
        // A cut smaller than the step is refused with the ceiling named, and nothing changes.
        const turnForm = page.locator('main form:has(input[name=price])')
        const before = await observer.locator('table.auction-board tbody').textContent()
        await turnForm.getByLabel('新报价（元）').fill('48,600')
        await post(turnForm)
        await expect.poll(() => turnForm.locator('.field.has-error .error').textContent()).toMatch(/^每次至少降价 ¥500，本次报价不得高于 ¥48300/)
        expect(await observer.locator('table.auction-board tbody').textContent()).toBe(before)
        // At most one attempt a second per bidder: a person's pace, not a script's.
        await page.waitForTimeout(1100)
      }
      if (!cuts[slot]) continue
      const mine = (await boardOf(page)).rows
      const price = Number((await page.locator('table.auction-board tbody tr', { has: page.locator('.badge.me') }).locator('td.num').first().textContent())!.replace(/[^\d.]/g, ''))
      expect(mine.length).toBe(3)
      const turnForm = page.locator('main form:has(input[name=price])')
      await turnForm.getByLabel('新报价（元）').fill(String(price - cuts[slot]!))
      await post(turnForm)
      await expect.poll(() => page.locator('.alert.ok').textContent()).toBe('报价已提交。')
      // The observer sees the move at once.
      await expect.poll(() => observer.locator('.auction-log li').count(), { timeout: 10_000 }).toBe(cuts.slice(0, slot + 1).filter(Boolean).length)
      if (slot === 3) {
        await screenshot(observer, 'auction-observer')
        await expectAccessible(observer)
      }
    }

    // After the last turn the finish job writes the result; the board says so and links to it.
    await serverClock(new Date(Date.parse(terms.endsAt) + 1000).toISOString())
    await expect.poll(() => observer.locator('#auction-status-title').textContent(), { timeout: 10_000 }).toBe('Over')
    await visit(observer, `/procurements/${id}/auction`)
    const final = await boardOf(observer)
    // Over, the board stops saying it is live, its prices are final, and the winner's row stands out.
    expect(await observer.locator('.live-dot').count()).toBe(0)
    expect(await observer.locator('table.auction-board thead th').allTextContents()).toContain('Final price')
    // The winner holds the lowest final price (a tie is broken by the selection, not by the board).
    const lowest = final.rows.find((r) => r.label === final.winnerLabel)!
    expect(lowest.priceFen).toBe(Math.min(...final.rows.map((r) => r.priceFen)))
    expect(await observer.locator('table.auction-board tr.winner th').textContent()).toBe(`Bidder ${lowest.label}Winner`)
    // The chart draws each bidder's price over the rounds, with the numbers in a table beside it.
    expect(await observer.locator('figure.chart svg:visible polyline').count()).toBe(3)
    const chartRow = await observer.locator('table.chart-table tbody tr', { hasText: `Bidder ${lowest.label}` }).locator('td').allTextContents()
    expect(Math.round(Number(chartRow.at(-1)!.replace(/[^\d.]/g, '')) * 100)).toBe(lowest.priceFen)
    await screenshot(observer, 'auction-finished-en')
    const phone = await (await newContext(browser, 'zh-CN', true)).newPage()
    await visit(phone, `/procurements/${id}/auction`)
    expect(await phone.locator('table.auction-board thead th').allTextContents()).toContain('最终报价')
    expect(await phone.locator('table.auction-board tr.winner .badge.ok').textContent()).toBe('中选')
    expect(await phone.locator('figure.chart figcaption strong').textContent()).toBe('各轮报价走势')
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await screenshot(phone, 'auction-finished-zh-phone')
    await settles(observer, () => Promise.all([observer.waitForURL(`**/procurements/${id}`), observer.getByRole('link', { name: 'See the result' }).click()]))
    await expectAccessible(observer)
    const resultPrices = (await observer.locator('table.selection tbody tr td.num:nth-child(3)').allTextContents()).map((s) => Math.round(Number(s.replace(/[^\d.]/g, '')) * 100))
    // Replaying the public log from the initial prices gives the same ranking.
    const replayTerms: AuctionTerms = { startsAt: new Date(final.startsAt), turnSeconds: final.turnSeconds, rounds: final.rounds, minStepFen: final.minStepFen, floorFen: null, bidders: final.rows.map((r) => ({ bidId: String(r.label), label: r.label, initialFen: r.initialFen, submittedAt: r.initialAt })) }
    const { prices } = replay(replayTerms, final.log.map((m) => ({ round: m.round - 1, turn: m.turn - 1, bidId: String(m.label), priceFen: m.priceFen })))
    expect(resultPrices).toEqual([...prices.values()].sort((a, b) => a - b))
    await screenshot(observer, 'auction-result')

    // A board that lost its connection comes back with Last-Event-ID and is whole again at once:
    // the first message is the entire board, its id the last move's.
    const abort = new AbortController()
    const stream = await fetch(`${base}/procurements/${id}/auction/stream`, { headers: { 'last-event-id': '1' }, signal: abort.signal })
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reader = stream.body!.getReader()
    let text = ''
    while (!text.includes('event: board')) text += new TextDecoder().decode((await reader.read()).value)
    while (!/data: .*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value)
    abort.abort()
    const lastId = Number(/id: (\d+)/.exec(text)![1])
    const resumed = JSON.parse(/data: (.*)\n/.exec(text)![1]!) as Board
    expect(lastId).toBe(Math.max(...final.log.map((m) => m.id)))
    expect(resumed.rows).toEqual(final.rows)
  }, 480_000)
})
