import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../seeds/demo'
import { expectAccessible, launch, newContext, noSideways, screenshot, variants, type Locale } from './browser'
import { bidInBrowser, draftEia, passInstant, post, publishDraft, refused, settles, signIn, visit } from './helpers'

/**
 * A bidder's challenge in a real browser, in each language at one width: the runner-up of a
 * lowest-price selection objects to the result (a text too short refused, then a draft saved,
 * then sent), the owner answers, the bidder says it does not resolve it and complains with
 * evidence; the office accepts the complaint, is refused a remedy the state no longer allows,
 * upholds it with the award revoked, and the selection offers the award to the next candidate:
 * the complainant. The public sees the decision.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => browser?.close())

const ZH = {
    raise: '提出异议', violation: '违规情形', remedy: '请求的处理措施', text: '异议内容及理由', send: '提交异议', draft: '保存草稿', drafted: '异议草稿已保存，尚未提交。', short: '异议至少 10 个字',
    sent: '异议已提交，采购人将在 3 个工作日内答复。', notResolved: '未解决', arguments: '投诉事项与理由', evidence: '证明材料（可选）', file: '提交投诉', filed: '投诉已提交', pending: '待受理',
    accept: '受理', review: '提交审查结论', uphold: '投诉成立', remedyOrdered: '处理措施', decision: '处理决定书', decide: '作出处理决定', notAllowed: '当前状态不允许该措施', decided: '处理决定已作出',
    upheld: '投诉成立',
}
const EN: typeof ZH = {
    raise: 'Raise an objection', violation: 'Violation', remedy: 'Remedy requested', text: 'Objection and its grounds', send: 'Send the objection', draft: 'Save as draft', drafted: 'Draft saved; it has not been sent.', short: 'at least 10',
    sent: 'Objection sent; the owner answers within 3 working days.', notResolved: 'Not resolved', arguments: 'Grounds', evidence: 'Evidence (optional)', file: 'File the complaint', filed: 'Complaint filed', pending: 'Awaiting review',
    accept: 'Accept for decision', review: 'Record the review', uphold: 'Uphold', remedyOrdered: 'Remedy ordered', decision: 'Decision', decide: 'Decide', notAllowed: 'Not possible in the current state', decided: 'Decision made',
    upheld: 'Upheld',
}
const WORDS: Record<Locale, typeof ZH> = { 'zh-CN': ZH, en: EN }

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF')

describe('an objection taken to a complaint', () => {
  for (const [n, [locale, mobile]] of variants(1).entries()) {
    const w = WORDS[locale]
    const tag = `${locale === 'en' ? 'en' : 'zh'}-${mobile ? 390 : 1366}`
    it(`is upheld and the selection runs again, ${tag}`, async () => {
      const owner = await (await newContext(browser, 'zh-CN')).newPage()
      await signIn(owner, DEMO_ACCOUNTS.owner)
      const title = `港南区污水管网工程环境影响报告表编制（投诉${n + 1}）`
      const id = await draftEia(owner, { code: '2026-450803-48-01-072210', project: '贵港市港南区污水管网完善工程', title, max: '50,000', days: '10', method: 'lowest_price', announcementDays: '3' })
      await publishDraft(owner)
      for (const [k, email] of ['agency19@example.com', 'agency32@example.com', 'agency45@example.com'].entries()) await (await bidInBrowser(browser, email, id, ['46,000', '47,500', '48,800'][k]!, '8')).context().close()
      // The deadline passes: the lowest price is offered the award, the standstill begins.
      await passInstant(owner, '报名截止')

      // The runner-up objects, on its page of the procurement, in its language.
      const bidder = await (await newContext(browser, locale, mobile)).newPage()
      await signIn(bidder, 'agency32@example.com')
      await visit(bidder, `/agency/bids/${id}`)
      await settles(bidder, () => bidder.getByRole('link', { name: w.raise }).click())
      await expectAccessible(bidder)
      const form = bidder.locator('main form#object')
      await form.getByLabel(w.violation).selectOption('price_or_scoring')
      await form.getByLabel(w.remedy).selectOption('rerun_next')
      await form.getByLabel(w.text).fill('报价太低')
      await refused(form)
      expect(await form.locator('.field.has-error .error').textContent()).toContain(w.short)
      await form.getByLabel(w.text).fill('中选报价低于同类项目成本约 15%，评审未要求其说明报价合理性，请撤销并依序确定。')
      await settles(bidder, () => Promise.all([bidder.waitForResponse((r) => r.request().method() === 'POST'), form.getByRole('button', { name: w.draft }).click()]))
      expect(await bidder.locator('.alert.ok').textContent()).toBe(w.drafted)
      await settles(bidder, () => Promise.all([bidder.waitForURL('**/agency/objections/*?sent=1'), form.getByRole('button', { name: w.send }).click()]))
      expect(await bidder.locator('.alert.ok').textContent()).toBe(w.sent)
      await expectAccessible(bidder)
      const objectionUrl = new URL(bidder.url()).pathname

      // The owner answers (signed in again: sessions end after 12 hours of server time).
      await signIn(owner, DEMO_ACCOUNTS.owner)
      await visit(owner, `/owner/procurements/${id}`)
      const answer = owner.locator('form[id^=objection-]')
      await answer.getByLabel('答复').fill('评审按公告的最低价法进行，中选报价未低于异常低价警戒线。')
      await post(answer)
      await expect.poll(() => owner.locator('.objection .alert.info').textContent()).toContain('警戒线')

      // Not resolved: the bidder complains, with its evidence.
      await visit(bidder, objectionUrl)
      await settles(bidder, () => Promise.all([bidder.waitForResponse((r) => r.request().method() === 'POST'), bidder.getByRole('button', { name: w.notResolved, exact: true }).click()]))
      const complaint = bidder.locator('main form#complain')
      await expect.poll(() => complaint.count()).toBe(1)
      await complaint.getByLabel(w.arguments).fill('采购人答复未说明中选报价的成本构成；同类项目近三年成交价均在 5.3 万元以上，附对比表。')
      await complaint.getByLabel(w.evidence).setInputFiles({ name: 'prices.pdf', mimeType: 'application/pdf', buffer: PDF })
      await post(complaint)
      await expect.poll(() => bidder.locator('.alert.ok').textContent()).toContain(w.filed)
      expect(await bidder.locator('#complaint-title .badge').textContent()).toBe(w.pending)
      expect(await noSideways(bidder)).toBe(true)
      await expectAccessible(bidder)
      await screenshot(bidder, `complaint-filed-${tag}`)

      // The office, in the same language: accepts it, then upholds it; a remedy the state no longer allows is refused first.
      const office = await (await newContext(browser, locale, mobile)).newPage()
      await signIn(office, DEMO_ACCOUNTS.market_office)
      await visit(office, '/office/complaints')
      await settles(office, () => office.getByRole('link', { name: title }).first().click())
      await expectAccessible(office)
      const review = office.locator('main form#review')
      await review.getByLabel(w.accept, { exact: true }).check()
      await post(review)
      const decide = office.locator('main form#decide')
      await expect.poll(() => decide.count()).toBe(1)
      await decide.getByLabel(w.uphold, { exact: true }).check()
      await decide.getByLabel(w.remedyOrdered).selectOption('amend_terms')
      await decide.getByLabel(w.decision).fill('经查，中选报价低于其余有效报价平均值且未按规定说明，投诉成立，撤销中选结果，依序确定下一候选人。')
      await post(decide)
      await expect.poll(() => decide.locator('.field.has-error .error').textContent()).toBe(w.notAllowed)
      await decide.getByLabel(w.remedyOrdered).selectOption('rerun_next')
      await post(decide)
      await expect.poll(() => office.locator('.alert.ok[role=status]').textContent()).toContain(w.decided)
      await expect.poll(() => office.locator('#complaint-title .badge').textContent()).toBe(w.upheld)
      await expectAccessible(office)
      await screenshot(office, `complaint-upheld-${tag}`)

      // The selection ran again: the complainant holds the offer now, and the public sees the decision.
      await visit(bidder, `/agency/bids/${id}`)
      expect(await bidder.locator('#offer-title').count()).toBe(1)
      const reader = await (await newContext(browser, locale, mobile)).newPage()
      await visit(reader, '/complaints')
      expect(await reader.locator('main .records').textContent()).toContain(title)
      await screenshot(reader, `complaints-public-${tag}`)
      for (const page of [owner, bidder, office, reader]) await page.context().close()
    }, 300_000)
  }
})
