import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo'
import { baseUrl as base } from './base'

/**
 * Bad input from outside the pages (crafted requests), as it reaches the production server: each
 * gets a 4xx that says what was wrong in the asker's language, and nothing is saved.
 */
let office = ''
let owner = ''

async function signIn(email: string) {
  const response = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ email, password: DEMO_PASSWORD }), redirect: 'manual' })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed for ${email}: ${response.status}`)
  return cookie
}

beforeAll(async () => {
  office = await signIn(DEMO_ACCOUNTS.market_office)
  owner = await signIn(DEMO_ACCOUNTS.owner)
})

const answer = async (path: string, init: RequestInit & { lang?: 'zh-CN' | 'en' } = {}) => {
  const response = await fetch(base + path, { redirect: 'manual', ...init, headers: { 'accept-language': init.lang ?? 'zh-CN', ...(init.headers as Record<string, string>) } })
  return { status: response.status, text: await response.text() }
}
const profileName = async () => /name="contactName"[^>]*value="([^"]*)"/.exec((await answer('/profile', { headers: { cookie: owner } })).text)?.[1]

describe('bad input from outside the pages', () => {
  it('a control character in a query: 400, said in the asker’s language', async () => {
    for (const path of ['/agencies?q=%00', '/procurements?q=%00', '/procurements/feed.xml?q=%00', '/procurements?q=a%0Ab', '/agencies/%00']) {
      const zh = await answer(path)
      expect(zh.status, path).toBe(400)
      expect(zh.text).toContain('不可见的控制字符')
      const en = await answer(path, { lang: 'en' })
      expect(en.status, path).toBe(400)
      expect(en.text).toContain('invisible control character')
    }
  })

  it('queries out of range: 400 with what was wrong', async () => {
    expect((await answer('/calendar?year=0.5')).status).toBe(400)
    expect((await answer('/calendar?year=99999')).status).toBe(400)
    const far = await answer('/calendar?from=9999-12-31&n=5', { lang: 'en' })
    expect(far.status).toBe(400)
    expect(far.text).toContain('The date must be between 2000 and 2099')
    const long = await answer('/calendar?start=0001-01-01&end=9999-12-31')
    expect(long.status).toBe(400)
    expect((await answer('/office/audit?before=1e309', { headers: { cookie: office } })).status).toBe(400)
    expect((await answer('/office/audit?before=-3', { headers: { cookie: office } })).status).toBe(400)
    // The ordinary pages still answer.
    expect((await answer('/calendar?from=2026-09-30&n=3')).status).toBe(200)
    expect((await answer('/office/audit?before=5', { headers: { cookie: office } })).status).toBe(200)
  })

  it('a body that is not a form, or a broken one, on an action: 400, and nothing is saved', async () => {
    const before = await profileName()
    expect(before).toBeTruthy()
    const bodies: Array<[string, string]> = [
      ['application/json', JSON.stringify({ contactName: '篡改者' })],
      ['text/plain', 'contactName=篡改者'],
      ['multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="contactName"\r\n\r\n篡改者'],
      ['multipart/form-data', '--zz\r\nContent-Disposition: form-data; name="contactName"\r\n\r\n篡改者\r\n--zz--'],
    ]
    for (const [type, body] of bodies) {
      const reply = await answer('/profile', { method: 'POST', body, headers: { cookie: owner, 'content-type': type } })
      expect(reply.status, type).toBe(400)
      expect(reply.text).toContain('提交的内容不是网页表单')
    }
    // An upload route, with a multipart body cut short.
    const cut = await answer('/agency/qualifications/new', { method: 'POST', body: '--zz\r\nContent-Disposition: form-data; name="scan"; filename="a.pdf"\r\n\r\n%PDF', headers: { cookie: await signIn(DEMO_ACCOUNTS.agency), 'content-type': 'multipart/form-data; boundary=zz' } })
    expect(cut.status).toBe(400)
    expect(await profileName()).toBe(before)
  })

  it('a NUL byte in a text field: 400 that names it, and nothing is saved', async () => {
    const before = await profileName()
    const reply = await answer('/profile', { method: 'POST', body: new URLSearchParams({ contactName: '李\u0000强', contactPhone: '0775-4561234' }), headers: { cookie: owner }, lang: 'en' })
    expect(reply.status).toBe(400)
    expect(reply.text).toContain('invisible control character')
    expect(await profileName()).toBe(before)
    const signInWithNul = await answer('/login', { method: 'POST', body: new URLSearchParams({ email: 'owner@example.com\u0000', password: 'x' }) })
    expect(signInWithNul.status).toBe(400)
  })

  it('a cross-site post: 403 for a foreign or null Origin, or a foreign Referer without Origin, before any route runs', async () => {
    const attempt = (headers: Record<string, string>, path = '/profile') =>
      answer(path, { method: 'POST', body: new URLSearchParams({ contactName: '跨站篡改' }), headers: { cookie: owner, ...headers }, lang: 'en' })
    const cases: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { referer: 'https://evil.example/profile' }]
    for (const headers of cases) {
      const reply = await attempt(headers)
      expect(reply.status, JSON.stringify(headers)).toBe(403)
      expect(reply.text).toContain('A submission from another site was refused')
      // The data request the browser makes for the same form.
      expect((await attempt(headers, '/profile.data')).status).toBe(403)
    }
    expect(await profileName()).not.toBe('跨站篡改')
  })
})
