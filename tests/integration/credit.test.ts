import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { creditEvents, creditRuleVersions, creditScores, type OrgId, type User } from '../../db/schema'
import { creditExplained, creditHandlers, creditRanking, DEFAULT_CREDIT_TABLE, publishCreditTable, rankingQuerySchema, refreshScores, rollScores } from '../../services/credit'
import { JobQueue } from '../../services/jobs'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { eiaMarket } from '../support/load'
import { freshDatabase } from '../support/db'

/*
 * A known set of credit events, planted on known days, and every score, grade and ranking position
 * they must give; then the window moving on, and a new rules version recomputing them all.
 */
let database: Database
let owner: User
let agencies: User[]
const clock = new ManualClock('2026-06-15T02:00:00Z')
const ranking = (params: Record<string, string>) => creditRanking(database.db, rankingQuerySchema.parse(params))
let seq = 0

/** Plants one event of an organization on a Shanghai day (noon), then rescores it as the step that records it would. */
async function plant(orgId: OrgId, kind: string, day: string, voided = false) {
  const at = new Date(`${day}T04:00:00Z`)
  await database.db.insert(creditEvents).values({ orgId, kind, occurredAt: at, dedupeKey: `test:${seq++}`, voidedAt: voided ? at : null, voidReason: voided ? '申诉成立' : null })
  await refreshScores(database.db, [orgId], clock.now())
}

beforeAll(async () => {
  database = await freshDatabase()
  ;({ owner, agencies } = await eiaMarket(database.db, 6, 'credit', clock.now()))
  const [a1, a2, a3, a4, a5, a6] = agencies.map((a) => a.orgId)
  void a1 // no event: 100
  await plant(a2!, 'award_declined', '2026-03-01') // 95
  for (const d of ['2026-01-05', '2026-02-05', '2026-03-05']) await plant(a3!, 'service_overdue', d)
  await plant(a3!, 'evaluation_poor', '2026-04-01') // 100 − 15 − 5 = 80
  for (const d of ['2025-09-01', '2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01']) await plant(a4!, 'award_declined', d) // −25, capped at −20
  await plant(a4!, 'explanation_missing', '2026-02-01') // −3
  await plant(a4!, 'service_overdue', '2026-02-02', true) // voided: 0 → 77
  await plant(a5!, 'service_overdue', '2024-06-10') // out of the window
  await plant(a5!, 'award_declined', '2024-06-20') // counts until 2026-06-20 → 95
  for (let i = 1; i <= 6; i++) await plant(a6!, 'service_overdue', `2026-0${i}-10`) // −30, at its cap
  for (let i = 1; i <= 4; i++) await plant(a6!, 'award_not_confirmed', `2026-0${i}-11`) // −20
  for (let i = 1; i <= 5; i++) await plant(a6!, 'explanation_missing', `2026-0${i}-12`) // −15 → 35
  await plant(owner.orgId, 'acceptance_overdue', '2026-05-01')
  await plant(owner.orgId, 'owner_rated_well', '2026-05-20') // 100 − 3 + 2 = 99
})
afterAll(async () => database?.close())

describe('credit scores from a known set of events', () => {
  it('stores each score as the explanation adds it up, line by line', async () => {
    const expected = [100, 95, 80, 77, 95, 35]
    for (const [i, a] of agencies.entries()) {
      const [stored] = await database.db.select().from(creditScores).where(eq(creditScores.orgId, a.orgId))
      const explained = (await creditExplained(database.db, a.orgId, clock.now()))!
      expect(explained.score, `agency ${i + 1}`).toBe(expected[i])
      expect(stored?.score ?? 100, `agency ${i + 1}`).toBe(expected[i])
      expect(100 + explained.lines.reduce((s, l) => s + l.counted, 0)).toBe(expected[i])
    }
    const a4 = (await creditExplained(database.db, agencies[3]!.orgId, clock.now()))!
    expect(a4.lines.map((l) => [l.kind, l.counted, l.why])).toEqual([
      ['service_overdue', 0, 'voided'],
      ['explanation_missing', -3, 'counted'],
      ['award_declined', 0, 'capped'],
      ['award_declined', -5, 'counted'],
      ['award_declined', -5, 'counted'],
      ['award_declined', -5, 'counted'],
      ['award_declined', -5, 'counted'],
    ])
    const a5 = (await creditExplained(database.db, agencies[4]!.orgId, clock.now()))!
    expect(a5.changesOn).toBe('2026-06-20')
    expect(a5.lines.map((l) => l.why)).toEqual(['counted', 'expired'])
    expect((await creditExplained(database.db, owner.orgId, clock.now()))!).toMatchObject({ score: 99, grade: 'A' })
  })

  it('ranks them with shared positions, grades them, and filters by grade without renumbering', async () => {
    const all = await ranking({ kind: 'agency' })
    const mine = new Map(agencies.map((a, i) => [a.orgId as string, i + 1]))
    expect(all.rows.filter((r) => mine.has(r.id)).map((r) => [mine.get(r.id), r.position, r.score, r.grade])).toEqual([
      [1, 1, 100, 'A'],
      [2, 2, 95, 'A'],
      [5, 2, 95, 'A'],
      [3, 4, 80, 'B'],
      [4, 5, 77, 'C'],
      [6, 6, 35, 'D'],
    ])
    expect(all.distribution).toEqual([{ grade: 'A', n: 3 }, { grade: 'B', n: 1 }, { grade: 'C', n: 1 }, { grade: 'D', n: 1 }])
    const grade = await ranking({ kind: 'agency', grade: 'A' })
    expect(grade.rows.map((r) => r.position)).toEqual([1, 2, 2])
    expect(grade.total).toBe(3)
    const owners = await ranking({ kind: 'owner', city: '450800' })
    expect(owners.rows.find((r) => r.id === owner.orgId)).toMatchObject({ score: 99, grade: 'A', position: 1 })
  })

  it('moves with the window: the day an event leaves it, the daily pass rescores', async () => {
    clock.set(new Date('2026-06-19T17:00:00Z')) // 01:00 on 2026-06-20 in Shanghai
    expect(await rollScores(database.db, clock)).toBe(1)
    const all = await ranking({ kind: 'agency' })
    expect(all.rows.filter((r) => r.id === agencies[0]!.orgId || r.id === agencies[4]!.orgId).map((r) => [r.position, r.score])).toEqual([[1, 100], [1, 100]])
    expect(await rollScores(database.db, clock)).toBe(0)
  })

  it('refuses a table whose grades overlap, changing nothing', async () => {
    const office = { userId: owner.id, orgId: owner.orgId }
    const queue = new JobQueue(database.db, clock, creditHandlers, { log: () => {} })
    const bad = { ...DEFAULT_CREDIT_TABLE, grades: { A: 80, B: 80, C: 60 } }
    const error = await publishCreditTable(database.db, clock, queue, office, bad, '调整等级').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DomainError)
    expect((error as DomainError).code).toBe('errors.gradeOrder')
    expect(await database.db.select().from(creditRuleVersions)).toEqual([])
  })

  it('recomputes every score under a new version, in batches, with its progress', async () => {
    const office = { userId: owner.id, orgId: owner.orgId }
    const queue = new JobQueue(database.db, clock, creditHandlers, { log: () => {} })
    const table = { ...DEFAULT_CREDIT_TABLE, kinds: { ...DEFAULT_CREDIT_TABLE.kinds, award_declined: { points: -10, cap: 30 } }, grades: { A: 96, B: 80, C: 60 } }
    const version = await publishCreditTable(database.db, clock, queue, office, table, '提高放弃中选扣分')
    expect(version).toBe(2)
    const [before] = await database.db.select().from(creditRuleVersions)
    expect(before).toMatchObject({ recomputeDone: 0, recomputedAt: null })
    expect(before!.recomputeTotal).toBeGreaterThanOrEqual(7)
    await queue.runDue()
    const [after] = await database.db.select().from(creditRuleVersions)
    expect(after!.recomputedAt).not.toBeNull()
    expect(after!.recomputeDone).toBe(after!.recomputeTotal)
    // Agency 2's one declined award now costs 10: 90, a B under the new thresholds; agency 4's five reach −30.
    const all = await ranking({ kind: 'agency' })
    const mine = new Map(agencies.map((a, i) => [a.orgId as string, i + 1]))
    expect(all.version).toBe(2)
    expect(all.rows.filter((r) => mine.has(r.id)).map((r) => [mine.get(r.id), r.position, r.score, r.grade])).toEqual([
      [1, 1, 100, 'A'],
      [5, 1, 100, 'A'],
      [2, 3, 90, 'B'],
      [3, 4, 80, 'B'],
      [4, 5, 67, 'C'],
      [6, 6, 35, 'D'],
    ])
  })
})
