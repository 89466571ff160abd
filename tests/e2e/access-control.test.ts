import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo'
import { baseUrl as base } from './base'

/**
 * Every route of the agencies work, as every role and as the public: who gets the page, who is
 * refused (403), who is sent to sign in (302), and who is told it does not exist (404).
 */
type Role = 'public' | keyof typeof DEMO_ACCOUNTS
const ROLES: Role[] = ['public', 'owner', 'agency', 'authority', 'market_office']
const cookies: Partial<Record<Role, string>> = {}

async function signIn(email: string) {
  const response = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ email, password: DEMO_PASSWORD }), redirect: 'manual' })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed for ${email}: ${response.status}`)
  return cookie
}

const get = (role: Role, path: string) => fetch(base + path, { headers: cookies[role] ? { cookie: cookies[role]! } : {}, redirect: 'manual' }).then((r) => r.status)
const post = (role: Role, path: string, body: Record<string, string>) =>
  fetch(base + path, { method: 'POST', body: new URLSearchParams(body), headers: cookies[role] ? { cookie: cookies[role]! } : {}, redirect: 'manual' }).then((r) => r.status)

let pendingId = ''
let scanId = ''
let agencyId = ''
let openId = ''
let ownId = ''
let otherId = ''
let drawId = ''
let auctionId = ''

beforeAll(async () => {
  for (const role of ROLES) if (role !== 'public') cookies[role] = await signIn(DEMO_ACCOUNTS[role])
  // Ids as a supervisor and the public see them: a qualification awaiting review, its scan, an agency.
  const authorityHome = await (await fetch(`${base}/authority`, { headers: { cookie: cookies.authority! } })).text()
  pendingId = /\/authority\/qualifications\/([0-9a-f-]{36})/.exec(authorityHome)?.[1] ?? ''
  const review = await (await fetch(`${base}/authority/qualifications/${pendingId}`, { headers: { cookie: cookies.authority! } })).text()
  scanId = /\/files\/([0-9a-f-]{36})/.exec(review)?.[1] ?? '00000000-0000-4000-8000-000000000000'
  const directory = await (await fetch(`${base}/agencies`)).text()
  agencyId = /\/agencies\/([0-9a-f-]{36})/.exec(directory)?.[1] ?? ''
  // A procurement that is not a direct commission (open or not: other journeys move the clock), and one of the demo owner's own.
  const open = await (await fetch(`${base}/procurements?method=lowest_price`)).text()
  openId = /\/procurements\/([0-9a-f-]{36})/.exec(open)?.[1] ?? ''
  const mine = await (await fetch(`${base}/owner/procurements`, { headers: { cookie: cookies.owner! } })).text()
  ownId = /\/owner\/procurements\/([0-9a-f-]{36})/.exec(mine)?.[1] ?? ''
  const everyone = await (await fetch(`${base}/procurements`)).text()
  const drawn = await (await fetch(`${base}/procurements?method=random_draw&status=awarded`)).text()
  const drawnId = /\/procurements\/([0-9a-f-]{36})/.exec(drawn)?.[1] ?? ''
  drawId = /\/draws\/([0-9a-f-]{36})/.exec(await (await fetch(`${base}/procurements/${drawnId}`)).text())?.[1] ?? ''
  auctionId = /\/procurements\/([0-9a-f-]{36})/.exec(await (await fetch(`${base}/procurements?method=reverse_auction&status=awarded`)).text())?.[1] ?? ''
  otherId = [...everyone.matchAll(/\/procurements\/([0-9a-f-]{36})/g)].map((m) => m[1]!).find((id) => !mine.includes(id)) ?? ''
})

describe('access control, every route by every role', () => {
  it('finds the ids it needs', () => {
    expect(pendingId).toMatch(/^[0-9a-f-]{36}$/)
    expect(agencyId).toMatch(/^[0-9a-f-]{36}$/)
    expect(openId).toMatch(/^[0-9a-f-]{36}$/)
    expect(ownId).toMatch(/^[0-9a-f-]{36}$/)
    expect(otherId).toMatch(/^[0-9a-f-]{36}$/)
    expect(drawId).toMatch(/^[0-9a-f-]{36}$/)
    expect(auctionId).toMatch(/^[0-9a-f-]{36}$/)
  })

  const table: Array<[string, Record<Role, number>]> = [
    ['/agencies', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/agencies/AGENCY', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/procurements', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/procurements/OPEN', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/procurements/feed.xml', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/procurements/AUCTION/auction', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/procurements/OPEN/auction', { public: 404, owner: 404, agency: 404, authority: 404, market_office: 404 }],
    ['/statistics', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/statistics/export?by=region&format=xlsx', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/statistics/export?by=nothing', { public: 400, owner: 400, agency: 400, authority: 400, market_office: 400 }],
    ['/statistics/export?by=month&scope=mine', { public: 302, owner: 403, agency: 403, authority: 200, market_office: 200 }],
    ['/authority/statistics', { public: 302, owner: 403, agency: 403, authority: 200, market_office: 200 }],
    // Complaints: public decisions; an agency's own objections; the office's desk.
    ['/complaints', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/complaints?year=abc', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/agency/objections', { public: 302, owner: 403, agency: 200, authority: 403, market_office: 403 }],
    ['/agency/objections/00000000-0000-4000-8000-000000000000', { public: 302, owner: 403, agency: 404, authority: 403, market_office: 403 }],
    ['/agency/objections/new?procurement=nothing', { public: 302, owner: 403, agency: 404, authority: 403, market_office: 403 }],
    ['/office/complaints', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/office/complaints/00000000-0000-4000-8000-000000000000', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 404 }],
    // Monitoring: concluded ones public; the office's desk and its new-monitoring form.
    ['/monitoring', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/monitoring/00000000-0000-4000-8000-000000000000', { public: 404, owner: 404, agency: 404, authority: 404, market_office: 404 }],
    ['/office/monitoring', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/office/monitoring/new?q=nothing', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/office/red-flags', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/office/payments', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/draws/DRAW', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/draws/DRAW/record.json', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/draws/00000000-0000-4000-8000-000000000000/record.json', { public: 404, owner: 404, agency: 404, authority: 404, market_office: 404 }],
    ['/owner/procurements', { public: 302, owner: 200, agency: 403, authority: 403, market_office: 403 }],
    ['/owner/procurements/new', { public: 302, owner: 200, agency: 403, authority: 403, market_office: 403 }],
    ['/owner/procurements/OWN', { public: 302, owner: 200, agency: 403, authority: 403, market_office: 403 }],
    // Another owner's procurement does not exist for this owner's pages.
    ['/owner/procurements/OTHER', { public: 302, owner: 404, agency: 403, authority: 403, market_office: 403 }],
    ['/agency/bids', { public: 302, owner: 403, agency: 200, authority: 403, market_office: 403 }],
    ['/agency/bids/OPEN', { public: 302, owner: 403, agency: 200, authority: 403, market_office: 403 }],
    ['/catalog', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/agency', { public: 302, owner: 403, agency: 200, authority: 403, market_office: 403 }],
    ['/agency/services', { public: 302, owner: 403, agency: 200, authority: 403, market_office: 403 }],
    ['/agency/admission', { public: 302, owner: 403, agency: 200, authority: 403, market_office: 403 }],
    ['/agency/practitioners', { public: 302, owner: 403, agency: 200, authority: 403, market_office: 403 }],
    ['/profile', { public: 302, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    // Price-list history is for supervisors.
    ['/agencies/AGENCY/prices', { public: 302, owner: 403, agency: 403, authority: 200, market_office: 200 }],
    ['/agency/qualifications/new', { public: 302, owner: 403, agency: 200, authority: 403, market_office: 403 }],
    // Another agency's qualification does not exist for this agency.
    ['/agency/qualifications/PENDING', { public: 302, owner: 403, agency: 404, authority: 403, market_office: 403 }],
    ['/authority', { public: 302, owner: 403, agency: 403, authority: 200, market_office: 403 }],
    ['/authority/qualifications/PENDING', { public: 302, owner: 403, agency: 403, authority: 200, market_office: 403 }],
    ['/office/catalog/C06-02', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/office/rules', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/office/outbox', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/office/audit', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    // The blacklist is public; listing and lifting are the market office's.
    ['/blacklist', { public: 200, owner: 200, agency: 200, authority: 200, market_office: 200 }],
    ['/office/blacklist', { public: 302, owner: 403, agency: 403, authority: 403, market_office: 200 }],
    ['/files/SCAN', { public: 302, owner: 404, agency: 404, authority: 200, market_office: 200 }],
  ]
  for (const [path, expected] of table) {
    it(`GET ${path}`, async () => {
      const real = path.replace('AGENCY', agencyId).replace('PENDING', pendingId).replace('SCAN', scanId).replace('OTHER', otherId).replace('OPEN', openId).replace('OWN', ownId).replace('DRAW', drawId).replace('AUCTION', auctionId)
      const got = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await get(role, real)] as const)))
      expect(got).toEqual(expected)
    })
  }

  it('refuses state changes from the wrong role, changing nothing', async () => {
    expect(await post('owner', '/agency/services', { intent: 'publish' })).toBe(403)
    expect(await post('public', '/agency/services', { intent: 'publish' })).toBe(302)
    expect(await post('agency', `/authority/qualifications/${pendingId}`, { decision: 'approve', reason: '' })).toBe(403)
    expect(await post('authority', '/office/catalog/C06-02', { version: '1', nameZh: 'x' })).toBe(403)
    expect(await post('owner', '/agency/admission', { accept: 'yes', textSha256: '0'.repeat(64) })).toBe(403)
    expect(await post('authority', '/agency/practitioners', { intent: 'add', name: '冒名' })).toBe(403)
    expect(await post('public', '/profile', { legalRepresentative: '冒名' })).toBe(302)
    expect(await post('agency', '/owner/procurements/new', { title: '冒名' })).toBe(403)
    expect(await post('owner', `/agency/bids/${openId}`, { intent: 'submit', price: '1', committedDays: '1', accept: 'yes' })).toBe(403)
    expect(await post('public', `/owner/procurements/${ownId}`, { intent: 'cancel', reason: '冒名撤销' })).toBe(302)
    expect(await post('authority', '/office/rules', { threshold: '0' })).toBe(403)
    expect(await post('agency', '/office/blacklist', { intent: 'add', uscc: '91450800MA5XXXXXX1', decisionNo: '伪造', reason: '冒名列入失信名单', startsOn: '2027-01-04' })).toBe(403)
    expect(await post('owner', `/procurements/${auctionId}/auction`, { price: '1', idempotencyKey: 'owner-tries-to-bid' })).toBe(403)
    expect(await post('public', `/procurements/${auctionId}/auction`, { price: '1', idempotencyKey: 'public-tries-to-bid' })).toBe(302)
    expect(await post('owner', '/calendar', { intent: 'setDay', day: '2027-01-04', kind: 'holiday', nameZh: '假' })).toBe(403)
    // Still pending after the refused approval.
    const review = await (await fetch(`${base}/authority/qualifications/${pendingId}`, { headers: { cookie: cookies.authority! } })).text()
    expect(review).toContain('name="decision"')
  })

  it('refuses a cross-site form post before any route runs, changing nothing', async () => {
    const attempt = (origin: string) =>
      fetch(`${base}/calendar`, { method: 'POST', body: new URLSearchParams({ intent: 'setDay', day: '2027-03-01', kind: 'holiday', nameZh: '伪造' }), headers: { cookie: cookies.market_office!, origin }, redirect: 'manual' })
    // The server's screen answers before Remix's own guard (which would answer an empty 500).
    expect((await attempt('https://evil.example')).status).toBe(403)
    expect((await attempt('null')).status).toBe(403)
    const calendar = await (await fetch(`${base}/calendar?year=2027`)).text()
    expect(calendar).not.toContain('伪造')
  })
})
