import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { baseUrl } from './base'
import { expectAccessible, launch, newContext, noSideways, screenshot } from './browser'
import { draftEia, passInstant, post, publishDraft, refused, settles, signIn, visit } from './helpers'

/**
 * Money in a real browser, on the local provider the server runs (it answers "pending", funds a
 * moment later and tells the site by a signed webhook). An owner commissions an agency directly,
 * signs the contract with a plan of two instalments, funds the first (declined once, when the
 * provider is told to decline), then the second; the agency delivers on a phone in English, the
 * owner accepts, and the agency's page shows the money released; the market office sees it settled
 * and the ledger balanced. A forged webhook is refused.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

const API_KEY = 'sk_local_development'
/** Tells the server's local provider how to behave (development only). */
async function provider(behaviour: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/local-provider/control`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(behaviour) })
  expect(response.status).toBe(200)
}

describe('a contract paid through escrow', () => {
  it('is funded by the owner, held, and released to the agency at the acceptance', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjcs-pay-'))
    const pdf = path.join(dir, 'document.pdf')
    fs.writeFileSync(pdf, '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

    const agency = await (await newContext(browser, 'en', true)).newPage()
    await signIn(agency, 'agency32@example.com')
    const uscc = (await agency.locator('section[aria-labelledby=org-title] .mono').first().textContent())!.trim()
    const owner = await (await newContext(browser, 'zh-CN')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    const id = await draftEia(owner, { code: '2026-450802-46-01-061807', project: '贵港市港南区污水管网完善工程', title: '污水管网完善工程环境影响报告表编制（直接委托）', max: '40,000', days: '8', method: 'direct', announcementDays: '1', extra: { 受委托机构的统一社会信用代码: uscc } })
    await publishDraft(owner)
    await visit(agency, `/agency/bids/${id}`)
    const confirm = agency.locator('main form:has(input[name=price])')
    await confirm.getByLabel('Price (yuan)').fill('36,000')
    await confirm.getByLabel('Committed days', { exact: true }).fill('6')
    await confirm.getByLabel(/We commit to serve at this price/).check()
    await post(confirm)

    // After the standstill the owner uploads the contract: 30% first, the rest by the due date.
    await visit(agency, `/procurements/${id}`)
    const { now } = await passInstant(agency, 'Standstill ends')
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, `/owner/procurements/${id}`)
    const contract = owner.locator('main form:has(input[name=startDate])')
    await contract.getByLabel('服务开始日期').fill(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now)))
    await contract.getByLabel(/合同扫描件/).setInputFiles(pdf)
    await contract.getByLabel('首期托管比例（%）').fill('95')
    await contract.locator('button[type=submit]').click()
    await expect.poll(() => contract.locator('.field.has-error .error').allTextContents()).toEqual(['首期比例应为 10 到 90 之间的整数，或留空'])
    await contract.getByLabel('首期托管比例（%）').fill('30')
    await post(contract)
    await signIn(agency, 'agency32@example.com')
    await visit(agency, `/agency/bids/${id}`)
    await settles(agency, () => Promise.all([agency.waitForResponse((r) => r.request().method() === 'POST'), agency.getByRole('button', { name: 'Confirm the contract' }).click()]))

    // The plan, as the owner sees it: two instalments, nothing funded yet.
    await visit(owner, `/owner/procurements/${id}`)
    const escrow = owner.locator('section[aria-labelledby=escrow-title]')
    expect(await escrow.locator('.escrow-row').allTextContents()).toEqual(['第 1 期¥10,800.00待托管', '第 2 期¥25,200.00待托管'])

    // Told to decline, the provider refuses the first funding: the owner reads why and funds again.
    await provider({ decline: true, delayMs: 300 })
    try {
      await post(escrow.locator('li[data-milestone="1"] form'))
      await expect.poll(() => escrow.locator('li[data-milestone="1"] .badge').textContent(), { timeout: 15_000 }).toBe('支付机构已拒绝（insufficient_funds）')
    } finally {
      await provider({ decline: false })
    }
    await post(escrow.locator('li[data-milestone="1"] form'))
    await expect.poll(() => owner.locator('.alert.ok').textContent()).toBe('已提交支付机构，确认后显示为“已托管”。')
    // The page updates itself once the provider's webhook arrives.
    await expect.poll(() => escrow.locator('li[data-milestone="1"] .badge').textContent(), { timeout: 15_000 }).toBe('已托管')
    await post(escrow.locator('li[data-milestone="2"] form'))
    await expect.poll(() => escrow.locator('li[data-milestone="2"] .badge').textContent(), { timeout: 15_000 }).toBe('已托管')
    expect(await escrow.locator('p').nth(1).textContent()).toBe('合同金额 ¥36,000.00：托管中 ¥36,000.00，已支付 ¥0.00')
    await expectAccessible(owner)
    await screenshot(owner, 'escrow-held-zh')

    // The agency sees the money held, delivers, and the owner accepts.
    await visit(agency, `/agency/bids/${id}`)
    const held = agency.locator('section[aria-labelledby=escrow-title]')
    expect(await held.locator('.badge').allTextContents()).toEqual(['In escrow', 'In escrow'])
    expect(await held.locator('form').count()).toBe(0)
    const delivery = agency.locator('main form:has(input[name=note])')
    await delivery.getByLabel(/Deliverable/).setInputFiles(pdf)
    await post(delivery)
    await visit(owner, `/owner/procurements/${id}`)
    await owner.locator('main form:has(input[name=decision])').getByLabel('通过验收').check()
    await post(owner.locator('main form:has(input[name=decision])'))

    // The release job runs at once; the agency's page shows the money paid when the provider confirms.
    await visit(agency, `/agency/bids/${id}`)
    await expect.poll(() => held.locator('.badge').allTextContents(), { timeout: 20_000 }).toEqual(['Released to the agency', 'Released to the agency'])
    expect(await held.locator('p').nth(1).textContent()).toBe('Contract ¥36,000.00: ¥0.00 in escrow, ¥36,000.00 released')
    expect(await noSideways(agency)).toBe(true)
    await expectAccessible(agency)
    await screenshot(agency, 'escrow-released-en-390')

    // The market office sees the two payments settled, and the ledger balanced.
    const office = await (await newContext(browser, 'en')).newPage()
    await signIn(office, DEMO_ACCOUNTS.market_office)
    await visit(office, '/office/payments?view=settled')
    expect(await office.locator('#ledger-title .badge').textContent()).toBe('Balanced')
    const mine = office.locator('tbody tr', { hasText: '污水管网完善工程环境影响报告表编制（直接委托）' })
    expect(await mine.count()).toBe(2)
    expect(await mine.locator('td:nth-child(6)').allTextContents()).toEqual(['Released to the agency', 'Released to the agency'])
    await screenshot(office, 'escrow-office-en')
  }, 240_000)

  it('is settled as the contract says when the owner terminates it', async () => {
    // The demo's contract that started (or starts) this week: its first instalment in escrow, the second to fund.
    const owner = await (await newContext(browser, 'en')).newPage()
    await signIn(owner, DEMO_ACCOUNTS.owner)
    await visit(owner, '/owner/procurements')
    // Contracted, or in service if the journeys before this one moved the clock past its start.
    const link = owner.locator('main tr', { hasText: '防洪堤加固工程水土保持方案编制' }).filter({ hasText: /Contracted|In service/ }).locator('a').first()
    const id = (await link.getAttribute('href'))!.split('/').pop()!
    await visit(owner, `/owner/procurements/${id}`)
    const escrow = owner.locator('section[aria-labelledby=escrow-title]')
    expect(await escrow.locator('li[data-milestone="1"] .badge').textContent()).toBe('In escrow')
    const terminate = owner.locator('main form#terminate')
    await owner.locator('summary', { hasText: 'Terminate the contract' }).click()
    expect(await owner.locator('details:has(form#terminate) .hint').textContent()).toContain('100% goes back to you')
    await terminate.getByLabel('Why the contract ends').fill('No')
    await refused(terminate, { summary: false })
    await terminate.getByLabel('Why the contract ends').fill('The flood wall project was redesigned; both parties agreed to end the contract')
    await post(terminate)
    await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('Terminated')
    // Nothing more is due, and what escrow held goes back to the owner (the contract's 100%).
    await expect.poll(() => escrow.locator('.badge').allTextContents(), { timeout: 20_000 }).toEqual(['Refunded to the owner', 'Not due: the contract was terminated'])
    expect(await escrow.locator('form').count()).toBe(0)
    expect(await owner.locator('section[aria-labelledby=contract-title] .alert').textContent()).toContain('both parties agreed to end the contract')
    await expectAccessible(owner)
  })

  it('refuses a webhook that is not signed by the provider', async () => {
    const body = JSON.stringify({ id: 'evt_forged', type: 'payment.held', created: Math.floor(Date.now() / 1000), data: { object: {} } })
    const forged = await fetch(`${baseUrl}/webhooks/payments`, { method: 'POST', headers: { 'content-type': 'application/json', 'provider-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` }, body })
    expect(forged.status).toBe(400)
    expect(await forged.json()).toMatchObject({ error: expect.stringMatching(/^signature /) })
    expect((await fetch(`${baseUrl}/webhooks/payments`)).status).toBe(405)
  })

  it('keeps the local provider to this machine and its key: through a proxy, or without the key, it does not move money', async () => {
    const proxied = await fetch(`${baseUrl}/local-provider/control`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: '{"decline":true}' })
    expect(proxied.status).toBe(404)
    const keyless = await fetch(`${baseUrl}/local-provider/v1/payments/pay_x/release`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'k' }, body: '{"amount":1}' })
    expect(keyless.status).toBe(401)
    const read = await fetch(`${baseUrl}/local-provider/control`, { headers: { authorization: `Bearer ${API_KEY}` } })
    expect(await read.json()).toMatchObject({ decline: false })
  })
})
