import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { agencyOfferings, organizations, priceItems, priceLists, users } from '../../db/schema'
import { addPriceItem, priceItemSchema } from '../../services/agencies'
import { signUp, signUpSchema } from '../../services/auth'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { makeUscc, rng } from '../../seeds/factories'
import { freshDatabase } from '../support/db'

/**
 * On real PostgreSQL, where transactions do run at once: 20 sign-ups racing on one email, then 20
 * on one USCC. Exactly one account is made each time, and every other gets the field error a
 * person would get typing it later (PGlite runs one transaction at a time and never races).
 */
let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
const r = rng(11)
beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
}, 120_000)
afterAll(async () => database?.close())

const form = (email: string, uscc: string) =>
  signUpSchema.parse({ email, password: 'correct-horse-42', displayName: '王伟', orgKind: 'agency', orgNameZh: '广西并发测试工程咨询有限公司', uscc, regionCode: '450802', contactName: '王伟', contactPhone: '13800138000' })
const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}@${e.field}` : `500: ${e instanceof Error ? e.message : String(e)}`))

describe('sign-ups racing on a unique field', () => {
  it('make one account for one email; the other 19 are told the email is taken', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(signUp(database.db, clock, form('race@example.com', makeUscc(r, '450802'))))))
    expect(results.filter((x) => x === 'ok')).toHaveLength(1)
    expect(results.filter((x) => x !== 'ok')).toEqual(Array(19).fill('errors.emailTaken@email'))
    expect((await database.db.select({ n: count() }).from(users).where(eq(users.email, 'race@example.com')))[0]!.n).toBe(1)
  })

  it('make one organization for one USCC; the other 19 are told the code is taken', async () => {
    const uscc = makeUscc(r, '450802')
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(signUp(database.db, clock, form(`race${i}@example.com`, uscc)))))
    expect(results.filter((x) => x === 'ok')).toHaveLength(1)
    expect(results.filter((x) => x !== 'ok')).toEqual(Array(19).fill('errors.usccTaken@uscc'))
    expect((await database.db.select({ n: count() }).from(organizations).where(eq(organizations.uscc, uscc)))[0]!.n).toBe(1)
  })
})

describe('price-list edits racing', () => {
  it('ten items added at once by one agency land in one draft, none refused', async () => {
    const [agency] = await database.db.select().from(users).where(eq(users.email, 'agency@example.com'))
    const offered = await database.db.select().from(agencyOfferings).where(eq(agencyOfferings.orgId, agency!.orgId))
    expect(offered.length).toBeGreaterThan(0)
    const item = (n: number) => priceItemSchema.parse({ itemId: offered[n % offered.length]!.itemId, content: `并发测试收费项目 ${n}`, unit: '项', fee: String(1000 + n), legalBasis: '市场调节价', complaintPhone: '12315' })
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => outcome(addPriceItem(database.db, clock, { userId: agency!.id, orgId: agency!.orgId }, item(n)))))
    expect(results).toEqual(Array(10).fill('ok'))
    const drafts = await database.db.select().from(priceLists).where(eq(priceLists.orgId, agency!.orgId))
    const open = drafts.filter((d) => d.publishedAt === null)
    expect(open).toHaveLength(1)
    expect((await database.db.select({ n: count() }).from(priceItems).where(eq(priceItems.priceListId, open[0]!.id)))[0]!.n).toBeGreaterThanOrEqual(10)
  })
})

