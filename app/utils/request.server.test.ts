import { describe, expect, it } from 'vitest'
import { isSameOrigin, safeRedirect } from './request.server'

describe('safeRedirect', () => {
  it('keeps same-site paths with their query and fragment', () => {
    expect(safeRedirect('/owner/procurements?page=2#list')).toBe('/owner/procurements?page=2#list')
    expect(safeRedirect('/procurements/%E8%B4%B5%E6%B8%AF')).toBe('/procurements/%E8%B4%B5%E6%B8%AF')
    expect(safeRedirect('/')).toBe('/')
  })

  // Each of these leaves the site in some browser, or would once decoded by a proxy.
  const bypasses = [
    '/%09/example.org', '/\t/example.org', '/\r/example.org', '/\n/example.org', '/%0d/example.org', '/%0a/example.org',
    '//example.org', '///example.org', '/\\example.org', '/\\/example.org', '\\\\example.org', '/%5Cexample.org', '/%5c%5cexample.org',
    '/%2F/example.org', '/%2f%2fexample.org', '%2F%2Fexample.org', 'https://example.org', 'http:/example.org', 'javascript:alert(1)',
    ' /home', '/%00', '/%E0%A4%A', 'example.org', '',
  ]
  it.each(bypasses)('refuses %j', (to) => {
    expect(safeRedirect(to, '/home')).toBe('/home')
  })

  it('refuses what is not a string, and absurdly long targets', () => {
    expect(safeRedirect(null)).toBe('/home')
    expect(safeRedirect(undefined, '/')).toBe('/')
    expect(safeRedirect('/' + 'a'.repeat(3000))).toBe('/home')
  })
})

describe('isSameOrigin', () => {
  const request = (headers: Record<string, string>) => new Request('http://zjcs.example/calendar', { method: 'POST', headers: { host: 'zjcs.example', ...headers } })
  it('accepts our own Origin, or our own Referer when there is no Origin, or neither', () => {
    expect(isSameOrigin(request({ origin: 'http://zjcs.example' }))).toBe(true)
    expect(isSameOrigin(request({ referer: 'http://zjcs.example/office' }))).toBe(true)
    expect(isSameOrigin(request({}))).toBe(true)
  })
  it('refuses a foreign or null Origin, and a foreign Referer without Origin', () => {
    expect(isSameOrigin(request({ origin: 'https://evil.example' }))).toBe(false)
    expect(isSameOrigin(request({ origin: 'null' }))).toBe(false)
    expect(isSameOrigin(request({ origin: 'http://zjcs.example.evil.example' }))).toBe(false)
    expect(isSameOrigin(request({ referer: 'https://evil.example/zjcs.example' }))).toBe(false)
    expect(isSameOrigin(request({ referer: 'not a url' }))).toBe(false)
  })
})
