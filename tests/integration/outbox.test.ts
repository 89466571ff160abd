import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { emailOutbox, notifications, users } from '../../db/schema'
import { rememberLocale } from '../../services/auth'
import { notify, renderOutbox } from '../../services/notifications'
import { ManualClock } from '../../services/shared/clock'
import { seedDemo } from '../../seeds/demo'
import { emailRenderer } from '../../app/utils/email.server'
import { freshDatabase } from '../support/db'

let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
const render = emailRenderer('https://zjcs.example.gov.cn')

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
})
afterAll(async () => database?.close())

describe('the email outbox', () => {
  it('renders every notification once per addressee, in the language each last used, with absolute links', async () => {
    // Everything the seeds notified is rendered first.
    await renderOutbox(database.db, clock, render, 10_000)
    const [owner] = await database.db.select().from(users).where(eq(users.email, 'owner@example.com'))
    await rememberLocale(database.db, owner!.id, 'en')
    await notify(database.db, { orgId: owner!.orgId, kind: 'bidsOpened', params: { number: 'ZJCS-2026-000777', title: '污水厂环评', n: 3 }, link: '/owner/procurements/x', at: clock.now() })
    await notify(database.db, { orgId: owner!.orgId, userId: owner!.id, kind: 'procurementFailed', params: { number: 'ZJCS-2026-000778', title: '测绘', reason: 'noBids' }, at: clock.now() })
    const first = await renderOutbox(database.db, clock, render)
    // The organization's notice goes to both the demo owner's users, the personal one to its admin only.
    expect(first).toEqual({ notifications: 2, emails: 3 })
    const mails = await database.db.select().from(emailOutbox).where(eq(emailOutbox.userId, owner!.id))
    const opened = mails.find((m) => m.body.includes('ZJCS-2026-000777'))!
    expect(opened.locale).toBe('en')
    expect(opened.subject).toBe('Intermediary Marketplace · “污水厂环评” (ZJCS-2026-000777) closed and its bids were opened: 3 valid bids.')
    expect(opened.body).toContain('https://zjcs.example.gov.cn/owner/procurements/x')
    expect(opened.body.startsWith(`Dear ${owner!.displayName},`)).toBe(true)
    // A second run finds nothing new.
    expect(await renderOutbox(database.db, clock, render)).toEqual({ notifications: 0, emails: 0 })
    const left = await database.db.select().from(notifications).where(eq(notifications.orgId, owner!.orgId))
    expect(left.every((n) => n.emailedAt)).toBe(true)
  })

  it('writes to every member of an organization in Chinese when they chose nothing', async () => {
    const [agency] = await database.db.select().from(users).where(eq(users.email, 'agency@example.com'))
    await notify(database.db, { orgId: agency!.orgId, kind: 'termsAmended', params: { number: 'ZJCS-2026-000779', title: '节能评估' }, at: clock.now() })
    await renderOutbox(database.db, clock, render)
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.userId, agency!.id)).orderBy(emailOutbox.createdAt)
    expect(mail).toBeDefined()
    const last = (await database.db.select().from(emailOutbox).where(eq(emailOutbox.userId, agency!.id))).find((m) => m.body.includes('ZJCS-2026-000779'))!
    expect(last.locale).toBe('zh-CN')
    expect(last.subject).toBe('中介超市 · 「节能评估」（ZJCS-2026-000779）的关键条款已变更，截止时间已顺延。')
    expect(last.body).toContain('https://zjcs.example.gov.cn')
  })
})
