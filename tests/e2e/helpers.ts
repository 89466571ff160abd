import type { Page } from 'playwright-core'
import { inject } from 'vitest'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { expectAccessible } from './browser'

const base = inject('baseUrl')

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

