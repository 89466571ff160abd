import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgPool, type Database } from '../../db/client'
import { organizations, procurements, type OrgId } from '../../db/schema'
import { bidderProblems } from '../../services/bids'
import { shanghaiDate } from '../../services/calendar'
import { FULL_SCALE, seedScale } from '../../seeds/scale'
import { freshDatabase } from '../support/db'

/**
 * The bench's generator (seeds/scale.ts, issue 17) at a toy scale, on PostgreSQL, through two
 * connections at once as the bench runs it: the rows it promises are there, and an agency it
 * makes may bid, by the one eligibility rule, on the procurements of the item it is qualified for.
 */
const NOW = new Date('2026-11-23T02:00:00Z')
const SCALE = { agencies: 76, owners: 4, procurements: 3000, creditEvents: 500 }
let database: Database

beforeAll(async () => {
  database = await freshDatabase()
  const pool = pgPool(database)
  const clients = [await pool.connect(), await pool.connect()]
  try {
    await seedScale(clients, SCALE, NOW, 'not-a-real-hash', () => {})
  } finally {
    for (const c of clients) c.release()
  }
}, 240_000)
afterAll(async () => database?.close())

const one = async <T,>(query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows

describe('the scale seed', () => {
  it('makes what it says: agencies, owners, procurements in every state, 3 to 7 bids each with its lead, credit events', async () => {
    const [counts] = await one<Record<string, number>>(sql`select
      (select count(*) from organizations where kind = 'agency')::int agencies, (select count(*) from organizations where kind = 'owner')::int owners,
      (select count(*) from procurements)::int procurements, (select count(distinct status) from procurements)::int states,
      (select count(*) from credit_events)::int events,
      (select count(*) from bids b where not exists (select 1 from bid_parties bp where bp.bid_id = b.id and bp.role = 'lead'))::int leaderless`)
    expect(counts).toEqual({ agencies: 76, owners: 4, procurements: 3000, states: 11, events: 500, leaderless: 0 })
    const perProcurement = await one<{ n: number }>(sql`select count(*)::int n from bids group by procurement_id`)
    expect(Math.min(...perProcurement.map((r) => r.n))).toBe(3)
    expect(Math.max(...perProcurement.map((r) => r.n))).toBe(7)
    expect(FULL_SCALE.procurements).toBe(1_000_000)
  })

  it('qualifies each agency for the first items it offers: the rule lets it bid on them, and not on an item it lacks', async () => {
    const day = shanghaiDate(NOW)
    // Agency 38 offers the first item (38 mod 38 = 0) and is qualified for it.
    const [agency] = await database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, `BA${'38'.padStart(16, '0')}`))
    const published = async (where: ReturnType<typeof sql>) => {
      const [row] = await one<{ id: string }>(sql`select p.id from procurements p join procurement_items pi on pi.procurement_id = p.id
        join (select id, row_number() over (order by code) - 1 n from service_items) i on i.id = pi.item_id
        where p.status = 'published' and ${where} order by p.number limit 1`)
      const [p] = await database.db.select().from(procurements).where(eq(procurements.id, row!.id as never))
      return p!
    }
    expect(await bidderProblems(database.db, await published(sql`i.n = 0`), agency!.id as OrgId, day)).toEqual([])
    const lacking = await published(sql`not exists (select 1 from service_item_specialties s join qualifications q on q.specialty_code = s.specialty_code where s.item_id = pi.item_id and q.org_id = ${agency!.id})`)
    expect((await bidderProblems(database.db, lacking, agency!.id as OrgId, day)).map((r) => r.code)).toContain('itemNotCovered')
  })
})
