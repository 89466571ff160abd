import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { ANNOUNCEMENT_COUNT_CAP, ANNOUNCEMENT_MAX_PAGE, ANNOUNCEMENT_PAGE_SIZE, announcementQuerySchema, searchAnnouncements } from '../../services/procurement'
import { createOrganization } from '../../seeds/factories'
import { freshDatabase } from '../support/db'

/**
 * The public list past its count cap: 10,050 announcements (and drafts it never shows). Its sorts,
 * made index-friendly for a provincial platform's volumes (issue 17), give the same order as a
 * plain sort of every row, page by page, across the boundary between open and passed deadlines.
 */
let database: Database
const NOW = new Date('2026-11-23T02:00:00Z')
const query = (q: Record<string, string>) => announcementQuerySchema.parse(q)

interface Row { id: string; status: string; published_at: string; bid_deadline: string; max_price_fen: string }
let all: Row[] = []

beforeAll(async () => {
  database = await freshDatabase()
  const owner = await createOrganization(database.db, { kind: 'owner', nameZh: '贵港市港北区住房和城乡建设局', nameEn: 'Gangbei Housing Bureau', uscc: '11450802MB1234567X', regionCode: '450802', contactName: '李强', contactPhone: '0775-4561234', contactEmail: 'gb@example.com' }, NOW)
  // Published every 7 minutes back from NOW; deadlines from 190 hours before NOW to 9 after (one in twenty open), with ties; prices with ties; every 50th a draft.
  await database.db.execute(sql`insert into procurements (owner_org_id, created_by, number, project_code, project_name, title, region_code, funding_source, method, max_price_fen, expected_days, announcement_days, contact_name, contact_phone, status, published_at, bid_deadline)
    select ${owner.id}::uuid, gen_random_uuid(), case when i % 50 = 0 then null else 'ZJCS-2026-' || lpad(i::text, 6, '0') end, '2026-450802-48-01-012345', '港北区建设项目', '港北区建设项目测绘 ' || i, '450802', 'public', 'lowest_price',
      100000 * (1 + (i * 37) % 97), 10, 3, '李强', '0775-4561234',
      (case when i % 50 = 0 then 'draft' when i % 7 = 0 then 'awarded' else 'published' end)::procurement_status,
      case when i % 50 = 0 then null else ${NOW.toISOString()}::timestamptz - i * interval '7 minutes' end,
      ${NOW.toISOString()}::timestamptz + ((i * 53) % 200 - 190) * interval '1 hour'
    from generate_series(1, 10255) i`)
  const result = (await database.db.execute(sql`select id, status, published_at, bid_deadline, max_price_fen from procurements where status <> 'draft' and published_at is not null`)) as unknown as { rows: Row[] }
  all = result.rows.map((r) => ({ ...r, published_at: new Date(r.published_at).toISOString(), bid_deadline: new Date(r.bid_deadline).toISOString(), max_price_fen: String(r.max_price_fen) }))
}, 120_000)
afterAll(async () => database?.close())

const byId = (a: Row, b: Row) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
const pageOf = (rows: Row[], page: number) => rows.slice((page - 1) * ANNOUNCEMENT_PAGE_SIZE, page * ANNOUNCEMENT_PAGE_SIZE).map((r) => r.id)
const ids = async (q: Record<string, string>) => (await searchAnnouncements(database.db, query(q), NOW)).rows.map((r) => r.id)

describe('the public announcement list at volume', () => {
  it('counts up to its cap, says there are more, and pages only as far as the cap', async () => {
    expect(all.length).toBe(10_050)
    const first = await searchAnnouncements(database.db, query({}), NOW)
    expect(first).toMatchObject({ total: ANNOUNCEMENT_COUNT_CAP, more: true, page: 1, pages: ANNOUNCEMENT_MAX_PAGE })
    const narrow = await searchAnnouncements(database.db, query({ status: 'awarded' }), NOW)
    expect(narrow).toMatchObject({ total: all.filter((r) => r.status === 'awarded').length, more: false, pages: Math.ceil(narrow.total / ANNOUNCEMENT_PAGE_SIZE) })
    // Past the last page a query string means the first page (malformed input is ignored, as elsewhere).
    expect(query({ page: String(ANNOUNCEMENT_MAX_PAGE + 1) }).page).toBeUndefined()
    expect((await searchAnnouncements(database.db, query({ page: String(ANNOUNCEMENT_MAX_PAGE) }), NOW)).rows).toHaveLength(ANNOUNCEMENT_PAGE_SIZE)
  })

  it('orders newest first, by price either way, and closing soonest exactly as a sort of every row would', async () => {
    const newest = [...all].sort((a, b) => b.published_at.localeCompare(a.published_at) || byId(a, b))
    for (const page of [1, 2, ANNOUNCEMENT_MAX_PAGE]) expect(await ids({ page: String(page) })).toEqual(pageOf(newest, page))

    const priceDesc = [...all].sort((a, b) => Number(b.max_price_fen) - Number(a.max_price_fen) || byId(a, b))
    const priceAsc = [...all].sort((a, b) => Number(a.max_price_fen) - Number(b.max_price_fen) || byId(a, b))
    for (const page of [1, 3]) {
      expect(await ids({ sort: 'price_desc', page: String(page) })).toEqual(pageOf(priceDesc, page))
      expect(await ids({ sort: 'price_asc', page: String(page) })).toEqual(pageOf(priceAsc, page))
    }

    // Open first, nearest deadline first; then the passed ones, latest first.
    const now = NOW.toISOString()
    const open = all.filter((r) => r.bid_deadline >= now).sort((a, b) => a.bid_deadline.localeCompare(b.bid_deadline) || byId(a, b))
    const passed = all.filter((r) => r.bid_deadline < now).sort((a, b) => b.bid_deadline.localeCompare(a.bid_deadline) || byId(a, b))
    const soonest = [...open, ...passed]
    const boundary = Math.ceil((open.length + 1) / ANNOUNCEMENT_PAGE_SIZE)
    for (const page of [1, 2, boundary - 1, boundary, boundary + 1, ANNOUNCEMENT_MAX_PAGE]) expect(await ids({ sort: 'deadline', page: String(page) }), `page ${page}`).toEqual(pageOf(soonest, page))
    // With a filter, the same, over what the filter matches.
    const awarded = soonest.filter((r) => r.status === 'awarded')
    for (const page of [1, 2, 40]) expect(await ids({ sort: 'deadline', status: 'awarded', page: String(page) })).toEqual(pageOf(awarded, page))
  })
})
