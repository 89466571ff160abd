import { createPublicKey, verify } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anchorStatement, type AnchorFeed } from '../../services/audit/anchors'
import { launch, newContext, screenshot } from './browser'
import { clockForward, visit } from './helpers'
import { baseUrl as base } from './base'

/** The hourly job signs the chain's head; anyone can read, archive and check it, without signing in. */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

describe('audit chain anchors', () => {
  it('are published on the hour, signed by the key they name, and explained on a public page', async () => {
    // An hour on: the anchor job booked at start-up falls due and runs.
    await clockForward(3_600_000)
    const feed = (await (await fetch(`${base}/audit/anchors.json`)).json()) as AnchorFeed
    expect(feed.anchors.length).toBeGreaterThanOrEqual(1)
    const [key] = feed.keys
    const newest = feed.anchors.at(-1)!
    const statement = anchorStatement({ headId: newest.headId, headHash: newest.headHash, publishedAt: new Date(newest.publishedAt), keyId: newest.keyId })
    expect(verify(null, Buffer.from(statement), createPublicKey(key!.publicKey), Buffer.from(newest.signature, 'base64'))).toBe(true)

    const phone = await (await newContext(browser, 'en', true)).newPage()
    await visit(phone, '/audit/anchors')
    expect(await phone.locator('h1').textContent()).toBe('Audit chain anchors')
    expect(await phone.locator('main').textContent()).toContain('Not guaranteed: entries added since the newest anchor')
    expect(await phone.locator('table tbody tr').count()).toBe(Math.min(50, feed.anchors.length))
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)
    await screenshot(phone, 'audit-anchors-phone-en')
    const desk = await (await newContext(browser, 'zh-CN')).newPage()
    await visit(desk, '/audit/anchors')
    expect(await desk.locator('main').textContent()).toContain('不保证：最近一个锚点之后')
    await screenshot(desk, 'audit-anchors-zh')
  })
})
