import { describe, expect, it } from 'vitest'
import { baseUrl as base } from './base'

/**
 * Public pages carry a validator (app/server.js): a browser or proxy holding the page it was sent
 * gets a 304 and no body; another language gets its own page; a signed-in request, a download or
 * a stream is never held back or marked cacheable.
 */
describe('public pages and their ETags', () => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { 'accept-language': 'zh-CN', ...headers } })

  it('answers a view of an unchanged page with 304, and each language with its own page', async () => {
    const first = await get('/catalog')
    expect(first.status).toBe(200)
    const body = await first.text()
    expect(body).toContain('</html>')
    const tag = first.headers.get('etag')!
    expect(tag).toMatch(/^W\/"[\w-]{32}"$/)
    expect(first.headers.get('cache-control')).toBe('public, no-cache')
    expect(first.headers.get('vary')).toMatch(/Accept-Language.*Cookie/)

    const again = await get('/catalog', { 'if-none-match': tag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(tag)

    const english = await get('/catalog', { 'accept-language': 'en', 'if-none-match': tag })
    expect(english.status).toBe(200)
    expect(english.headers.get('etag')).not.toBe(tag)
    expect(await english.text()).toContain('</html>')
  })

  it('marks nothing cacheable for a signed-in browser, a download or a missing page', async () => {
    const signedIn = await get('/catalog', { cookie: 'zjcs_session=not-a-session' })
    expect(signedIn.headers.get('etag')).toBeNull()
    expect(signedIn.headers.get('cache-control')).not.toBe('public, no-cache')
    await signedIn.arrayBuffer()

    const download = await get('/procurements/export')
    expect(download.status).toBe(200)
    expect(download.headers.get('etag')).toBeNull()
    await download.arrayBuffer()

    const missing = await get('/no-such-page')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('etag')).toBeNull()
    await missing.arrayBuffer()
  })
})
