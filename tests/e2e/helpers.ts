import type { Browser, Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { expectAccessible, newContext } from './browser'
import { baseUrl as base } from './base'


export async function visit(page: Page, path: string) {
  const response = await page.goto(base + path)
  await page.waitForSelector('html[data-hydrated]')
  await expectAccessible(page)
  return response
}

/** Submits a form and waits until its answer is on screen: another page, or an error. */
export async function submit(page: Page, from: string) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('main').locator('button[type=submit]').click()])
  await Promise.race([page.waitForURL((u) => u.pathname !== from), page.locator('.alert.error, .field.has-error').first().waitFor()])
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, '/login')
  await page.getByRole('main').locator('input[name=email]').fill(email)
  await page.getByRole('main').locator('input[name=password]').fill(password)
  await submit(page, '/login')
}


/**
 * Submits a form the browser must refuse on its own: the errors show beside the fields and in the
 * summary above (a one-field form in a table row has none), the focus is on the first field in
 * error, and nothing was sent. The check is
 * synchronous on submit, so by the time the errors show a request would have been made.
 */
export async function refused(form: Locator, { summary = true } = {}) {
  const page = form.page()
  const posts: string[] = []
  const onRequest = (r: { method(): string; url(): string }) => void (r.method() === 'POST' && posts.push(r.url()))
  page.on('request', onRequest)
  await form.locator('button[type=submit]').first().click()
  await form.locator('.has-error, [aria-invalid=true]').first().waitFor()
  page.off('request', onRequest)
  expect(posts).toEqual([])
  const form_ = await form.getAttribute('id')
  // The field in error, or (a group of choices) one of its inputs.
  expect(await page.evaluate((id) => {
    const el = document.activeElement as HTMLInputElement | null
    return !!el && el.form?.getAttribute('id') === id && (el.getAttribute('aria-invalid') === 'true' || !!el.closest('[data-invalid]'))
  }, form_)).toBe(true)
  if (summary) expect(await page.locator(`.error-summary[aria-labelledby="${form_}-summary"] a`).count()).toBeGreaterThan(0)
}

/** Submits one form (a page may hold several) and waits for the server's answer. */
export async function post(form: Locator) {
  await settles(form.page(), () => Promise.all([form.page().waitForResponse((r) => r.request().method() === 'POST'), form.locator('button[type=submit]').first().click()]))
}

/**
 * Does `act` and waits until the page has come to rest again with what it loaded: the root counts
 * each time navigation and reloading end (`html[data-settled]`), after the new data is on screen.
 * A post's answer shows before its reloaded data, and a link's URL changes before its page renders.
 */
export async function settles(page: Page, act: () => Promise<unknown>) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.settled ?? 0))
  await act()
  await page.waitForFunction((n) => Number(document.documentElement.dataset.settled ?? 0) > n, before)
}

/**
 * Fills the owner's new-procurement form for one EIA report (C06-02) as a person would, then
 * saves the draft; `extra` fills fields a method needs. Returns the draft's id.
 */
export async function draftEia(owner: Page, terms: { code: string; project: string; title: string; max: string; days: string; method: string; announcementDays: string; extra?: Record<string, string>; checks?: string[] }) {
  await visit(owner, '/owner/procurements/new')
  const form = owner.locator('main form.procurement-form')
  await form.getByLabel('项目代码').fill(terms.code)
  await form.getByLabel('项目名称').fill(terms.project)
  await form.getByLabel('公告标题').fill(terms.title)
  await form.locator('summary', { hasText: '环境影响评价' }).click()
  await form.getByLabel('C06-02 环境影响报告表编制').check()
  await form.getByLabel('最高限价（元）').fill(terms.max)
  await form.getByLabel('服务时限（工作日）').fill(terms.days)
  await form.getByLabel('选取方式', { exact: true }).selectOption(terms.method)
  await form.getByLabel('公告期（工作日）').fill(terms.announcementDays)
  for (const [label, value] of Object.entries(terms.extra ?? {})) await form.getByLabel(label).fill(value)
  for (const label of terms.checks ?? []) await form.getByLabel(label).check()
  await Promise.all([owner.waitForURL('**/owner/procurements/*?saved=draft'), form.locator('button[type=submit]').click()])
  await owner.waitForSelector('html[data-hydrated]')
  return new URL(owner.url()).pathname.split('/').pop()!
}

/** Publishes the owner's draft from its page and waits for it to be open for bids. */
export async function publishDraft(owner: Page) {
  await Promise.all([owner.waitForResponse((r) => r.request().method() === 'POST'), owner.getByRole('button', { name: '发布公告' }).click()])
  await expect.poll(() => owner.locator('.lead .badge').textContent()).toBe('报名中')
}

/** An agency, in its own browser, bids on a procurement through the form and sees it sealed. */
export async function bidInBrowser(browser: Browser, email: string, id: string, price: string, days: string, mobile = false) {
  const page = await (await newContext(browser, 'zh-CN', mobile)).newPage()
  await signIn(page, email)
  await visit(page, `/agency/bids/${id}`)
  const bidForm = page.locator('main form:has(input[name=price])')
  await bidForm.getByLabel('报价（元）').fill(price)
  await bidForm.getByLabel('承诺时限', { exact: true }).fill(days)
  await bidForm.getByLabel(/本机构承诺按报价/).check()
  await post(bidForm)
  await expect.poll(() => page.locator('.alert.ok').textContent()).toBe('报价已提交并密封。')
  return page
}

/**
 * The server's clock (TEST_CLOCK): read it, or move it forward to the instant a step needs. It
 * starts at a fixed instant (E2E_START), so no journey depends on the day it runs.
 */
export async function serverClock(to?: Date | string | number): Promise<{ now: string; ran: number }> {
  const body = new URLSearchParams(to === undefined ? {} : { to: new Date(to).toISOString() })
  const response = await fetch(`${base}/__test/clock`, { method: 'POST', body })
  if (!response.ok) throw new Error(`the test clock answered ${response.status}`)
  return (await response.json()) as { now: string; ran: number }
}

/** The instant a page shows under a term of its definition lists, from its <time datetime>. */
export async function instantOn(page: Page, term: string): Promise<string> {
  const row = page.locator('dl.deflist > div', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
  const iso = await row.locator('time').first().getAttribute('datetime')
  if (!iso) throw new Error(`${page.url()} shows no time under “${term}”`)
  return iso
}

/** Moves the server's clock just past the instant the page shows under `term`: what fell due then runs. */
export async function passInstant(page: Page, term: string) {
  return serverClock(Date.parse(await instantOn(page, term)) + 1000)
}

/** Moves the server's clock on by `ms` from its own now (for jobs that recur, like the outbox's every 2 minutes). */
export async function clockForward(ms: number) {
  return serverClock(Date.parse((await serverClock()).now) + ms)
}
