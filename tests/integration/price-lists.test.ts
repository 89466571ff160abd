import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, serviceItems, users, type User } from '../../db/schema'
import { addPriceItem, offeringsOf, priceItemSchema, priceListHistory, publishedPriceList, publishPriceList, removePriceItem, setOffering, draftPriceList } from '../../services/agencies'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

let database: Database
let agency: User
let other: User
const clock = new ManualClock('2026-11-23T02:00:00Z')
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const item = async (c: string) => (await database.db.select().from(serviceItems).where(eq(serviceItems.code, c)))[0]!

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  agency = (await database.db.select().from(users).where(eq(users.email, 'agency11@example.com')))[0]!
  other = (await database.db.select().from(users).where(eq(users.email, 'agency6@example.com')))[0]!
})
afterAll(async () => database?.close())
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })

describe('offerings and price lists', () => {
  it('refuses committed days above the standard time limit', async () => {
    const eia = await item('C06-02') // standard 10 working days
    expect(await code(setOffering(database.db, clock, as(agency), { itemId: eia.id, committedDays: 11 }))).toBe('errors.committedDaysOver@committedDays')
    await setOffering(database.db, clock, as(agency), { itemId: eia.id, committedDays: 5 })
    await setOffering(database.db, clock, as(agency), { itemId: eia.id, committedDays: 4 })
    expect((await offeringsOf(database.db, agency.orgId)).map((o) => [o.code, o.committedDays])).toEqual([['C06-02', 4]])
  })

  it('prices only offered items, publishes versions, and keeps each published version unchanged', async () => {
    const eia = await item('C06-02')
    const cost = await item('C10-01')
    const price = (over: Record<string, string> = {}) =>
      priceItemSchema.parse({ itemId: eia.id, content: '编制环境影响报告表', unit: '项', fee: '12,000', legalBasis: '市场调节价', complaintPhone: '12315', ...over })
    expect(await code(addPriceItem(database.db, clock, as(agency), price({ itemId: cost.id })))).toBe('errors.itemNotOffered@itemId')
    expect(await code(publishPriceList(database.db, clock, as(agency)))).toBe('errors.nothingToPublish')
    await addPriceItem(database.db, clock, as(agency), price())
    await addPriceItem(database.db, clock, as(agency), price({ content: '加急服务', fee: '3000.5' }))
    expect(await publishPriceList(database.db, clock, as(agency))).toBe(1)

    clock.advance(86_400_000)
    await addPriceItem(database.db, clock, as(agency), price({ content: '现场踏勘', unit: '次', fee: '800' }))
    const draft = (await draftPriceList(database.db, agency.orgId))!
    expect(draft.version).toBe(2)
    expect(draft.items).toHaveLength(3) // copied from version 1, plus the new line
    // Another agency cannot touch this draft.
    expect(await code(removePriceItem(database.db, as(other), draft.items[0]!.id))).toBe('errors.notFound')
    await removePriceItem(database.db, as(agency), draft.items.find((i) => i.content === '加急服务')!.id)
    expect(await publishPriceList(database.db, clock, as(agency))).toBe(2)

    const current = (await publishedPriceList(database.db, agency.orgId))!
    expect(current.items.map((i) => [i.content, i.feeFen]).sort()).toEqual([['现场踏勘', 80_000], ['编制环境影响报告表', 1_200_000]])
    const history = await priceListHistory(database.db, agency.orgId)
    expect(history.map((h) => [h!.version, h!.items.length])).toEqual([[2, 2], [1, 2]])
    expect((await database.db.select().from(auditLog).where(eq(auditLog.action, 'price_list.publish'))).length).toBe(2)
  })

  it('gives field errors for a zero or malformed fee and a bad phone', () => {
    const bad = priceItemSchema.safeParse({ itemId: '00000000-0000-4000-8000-000000000000', content: '编制', unit: '项', fee: '0', legalBasis: '市场调节价', complaintPhone: '110' })
    expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({ fee: 'errors.amountZero', complaintPhone: 'errors.complaintPhone' })
    expect(priceItemSchema.safeParse({ itemId: '00000000-0000-4000-8000-000000000000', content: '编制', unit: '项', fee: '12.345', legalBasis: '市场调节价', complaintPhone: '12315' }).error!.issues.map((i) => i.message)).toEqual(['errors.amount'])
  })
})
