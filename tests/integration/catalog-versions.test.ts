import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, serviceItems } from '../../db/schema'
import { itemByCode, itemTermsAt, itemTermsSchema, itemVersions, updateItemTerms } from '../../services/catalog'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { freshDatabase } from '../support/db'

let database: Database
beforeAll(async () => {
  database = await freshDatabase()
})
afterAll(async () => database?.close())

const actor = { userId: '00000000-0000-4000-8000-000000000001' as never, ip: '127.0.0.1' }
const form = (over: Record<string, unknown> = {}) =>
  itemTermsSchema.parse({
    nameZh: '环境影响报告表编制',
    nameEn: 'EIA form (simplified)',
    standardDays: '8',
    legalBasis: '《中华人民共和国环境影响评价法》',
    authorityZh: '生态环境部门',
    authorityEn: 'Ecology and environment',
    feeMin: '5,000',
    feeMax: '120000.50',
    specialties: ['eia'],
    ...over,
  })

describe('catalog versions', () => {
  it('ships version 1 with its terms', async () => {
    const item = (await itemByCode(database.db, 'C06-02'))!
    expect(item).toMatchObject({ version: 1, standardDays: 10, legalBasis: '《中华人民共和国环境影响评价法》', feeMinFen: 500_000, feeMaxFen: 40_000_000, specialties: ['eia'] })
    expect((await itemTermsAt(database.db, item.id, 1))?.standardDays).toBe(10)
  })

  it('makes each edit a new version, keeps the old terms, and audits the change', async () => {
    const clock = new ManualClock('2026-11-23T02:00:00Z')
    const item = (await itemByCode(database.db, 'C06-02'))!
    expect(await updateItemTerms(database.db, clock, actor, item.id, 1, form())).toBe(2)
    const now = (await itemByCode(database.db, 'C06-02'))!
    expect(now).toMatchObject({ version: 2, standardDays: 8, feeMinFen: 500_000, feeMaxFen: 12_000_050 })
    expect((await itemTermsAt(database.db, item.id, 1))?.standardDays).toBe(10) // a procurement posted under v1 keeps 10 days
    expect((await itemVersions(database.db, item.id)).map((v) => v.version)).toEqual([2, 1])
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'catalog.item.update'))
    expect(entry).toMatchObject({ entityId: item.id, before: expect.objectContaining({ standardDays: 10 }), after: expect.objectContaining({ version: 2, standardDays: 8 }) })
  })

  it('refuses an edit made on stale terms, and unknown specialties, changing nothing', async () => {
    const clock = new ManualClock('2026-11-23T02:00:00Z')
    const item = (await itemByCode(database.db, 'C06-02'))!
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? e.code : String(e)))
    expect(await code(updateItemTerms(database.db, clock, actor, item.id, 1, form({ standardDays: '5' })))).toBe('errors.staleVersion')
    expect(await code(updateItemTerms(database.db, clock, actor, item.id, 2, form({ specialties: ['no-such'] })))).toBe('errors.chooseSpecialty')
    const [after] = await database.db.select().from(serviceItems).where(eq(serviceItems.id, item.id))
    expect(after).toMatchObject({ version: 2, standardDays: 8 })
  })

  it('gives field errors for bad amounts, a reversed range and no specialty', () => {
    const raw = { nameZh: 'x', nameEn: 'x', standardDays: '8', legalBasis: 'x', authorityZh: 'x', authorityEn: 'x' }
    const result = itemTermsSchema.safeParse({ ...raw, feeMin: '1.234', feeMax: '', specialties: [] })
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({ feeMin: 'errors.amount', specialties: 'errors.chooseSpecialty' })
    const reversed = itemTermsSchema.safeParse({ ...raw, feeMin: '900', feeMax: '100', specialties: ['eia'] })
    expect(reversed.error!.issues[0]).toMatchObject({ path: ['feeMax'], message: 'errors.feeRange' })
  })
})
