import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { baseUrl } from './base'

/**
 * Every page reads the database a bounded number of times, whatever the number of rows: the
 * server counts each request's queries (COUNT_QUERIES=true, see db/client.ts) and answers them
 * in `x-db-queries`. Each budget below is the page's fixed cost; a loader that reads once per
 * row (N+1) breaks it on the seeded data, which lists dozens of rows.
 */
const base = () => baseUrl

async function signedIn(email: string): Promise<string> {
  const response = await fetch(`${base()}/login`, { method: 'POST', redirect: 'manual', headers: { origin: base(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password: DEMO_PASSWORD }) })
  const cookie = response.headers.get('set-cookie')
  if (!cookie) throw new Error(`no session for ${email}: ${response.status}`)
  return cookie.split(';')[0]!
}

async function queriesOf(path: string, cookie?: string): Promise<number> {
  const response = await fetch(`${base()}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' })
  expect(response.status, path).toBe(200)
  await response.text()
  const n = response.headers.get('x-db-queries')
  if (n === null) throw new Error(`${path} was not counted: is COUNT_QUERIES set on the server?`)
  return Number(n)
}

/** A page's id from a list's first link of that shape. */
async function firstLink(path: string, pattern: RegExp, cookie?: string): Promise<string> {
  const html = await (await fetch(`${base()}${path}`, { headers: cookie ? { cookie } : {} })).text()
  const found = pattern.exec(html)
  if (!found) throw new Error(`no link like ${pattern} on ${path}`)
  return found[0]
}

describe('the database reads of a page', () => {
  it('stay within each public page budget', async () => {
    const announcement = await firstLink('/procurements', /\/procurements\/[0-9a-f-]{36}(?=")/)
    const agency = await firstLink('/agencies', /\/agencies\/[0-9a-f-]{36}(?=")/)
    const budgets: Array<[string, number]> = [
      ['/', 9],
      ['/procurements', 6],
      ['/procurements?page=2', 6],
      ['/agencies', 6],
      ['/catalog', 6],
      ['/blacklist', 6],
      ['/calendar', 6],
      [announcement, 12],
      [agency, 13],
      ['/search?q=%E6%B5%8B%E7%BB%98', 8],
    ]
    const measured: Record<string, number> = {}
    for (const [path] of budgets) measured[path] = await queriesOf(path)
    console.info('[queries] public', measured)
    for (const [path, budget] of budgets) expect(measured[path], path).toBeLessThanOrEqual(budget)
  })

  it('read the session and the layout once per request, signed in too', async () => {
    const owner = await signedIn('owner@example.com')
    const agency = await signedIn('agency@example.com')
    const own = await firstLink('/owner/procurements', /\/owner\/procurements\/[0-9a-f-]{36}(?=")/, owner)
    const bid = await firstLink('/agency/bids', /\/agency\/bids\/[0-9a-f-]{36}(?=")/, agency)
    const budgets: Array<[string, string, number]> = [
      ['/procurements', owner, 8],
      ['/owner', owner, 10],
      ['/owner/procurements', owner, 8],
      [own, owner, 24],
      // Its to-do list judges every open announcement by the standing rule from one reading of its facts (6 queries).
      ['/agency', agency, 18],
      ['/agency/bids', agency, 8],
      [bid, agency, 24],
    ]
    const measured: Record<string, number> = {}
    for (const [path, cookie] of budgets) measured[path] = await queriesOf(path, cookie)
    console.info('[queries] signed in', measured)
    for (const [path, , budget] of budgets) expect(measured[path], path).toBeLessThanOrEqual(budget)
  })
})
