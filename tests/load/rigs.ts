import { randomBytes, randomUUID } from 'node:crypto'
import type pg from 'pg'
import { generateSessionToken, sessionIdFromToken } from '../../services/auth/sessions'
import { endOf, turnOrder } from '../../services/selection/auction/state'

/**
 * What the bench's write figures (P1, P3, P4) start from, made in the bench's own database: agencies
 * of the scale seed that may bid on one service item, signed in; fresh procurements of that item,
 * open for bids or in a live auction, with their bids; auctions and their finish jobs. Every row is
 * the bench's own, tagged in its project name, so a second run adds to them and drops nothing.
 */

export interface Bidder {
  orgId: string
  userId: string
  /** the session cookie of a signed-in admin of the agency */
  cookie: string
}

export interface Item {
  id: string
  version: number
  code: string
  nameZh: string
  standardDays: number
}

/**
 * `count` agencies that may bid alone on procurements of the `n`th service item (by code): the
 * scale seed qualifies agency a for item a mod items. Each gets a session, as signing in makes one.
 */
export async function signedInBidders(client: pg.ClientBase, n: number, count: number, now: Date): Promise<{ item: Item; bidders: Bidder[] }> {
  const { rows } = await client.query(
    `with items as (select id, version, code, name_zh, standard_days, (row_number() over (order by code) - 1)::int n, (count(*) over ())::int total from service_items)
     select o.id org_id, u.id user_id, items.id item_id, items.version, items.code, items.name_zh, items.standard_days
     from items, organizations o join users u on u.org_id = o.id
     where items.n = $1 and o.kind = 'agency' and o.uscc like 'BA%' and substr(o.uscc, 3)::int % items.total = $1 and substr(o.uscc, 3)::int > 0
     order by o.uscc limit $2`,
    [n, count],
  )
  if (rows.length < count) throw new Error(`only ${rows.length} agencies of the scale seed may bid on item ${n}; ${count} are needed`)
  const bidders: Bidder[] = []
  for (const r of rows) {
    const token = generateSessionToken()
    await client.query(`insert into sessions (id, user_id, created_at, last_seen_at, expires_at, user_agent) values ($1, $2, $3, $3, $4, 'bench')`, [sessionIdFromToken(token), r.user_id, now, new Date(now.getTime() + 11 * 3600_000)])
    bidders.push({ orgId: r.org_id, userId: r.user_id, cookie: `zjcs_session=${token}` })
  }
  const r = rows[0]
  return { item: { id: r.item_id, version: r.version, code: r.code, nameZh: r.name_zh, standardDays: r.standard_days }, bidders }
}

export interface ProcurementSpec {
  tag: string
  count: number
  item: Item
  status: 'published' | 'selecting'
  method: 'lowest_price' | 'reverse_auction'
  publishedAt: Date
  deadline: Date
  maxPriceFen: number
}

/** Procurements of one item by the scale seed's first owner, numbered from the platform's sequence; their ids in order. */
export async function insertProcurements(client: pg.ClientBase, spec: ProcurementSpec): Promise<string[]> {
  const opened = spec.status === 'selecting'
  const { rows } = await client.query(
    `with owner as (select o.id, o.region_code, u.id user_id from organizations o join users u on u.org_id = o.id where o.uscc = 'BO' || lpad('1', 16, '0') limit 1)
     , made as (insert into procurements (number, owner_org_id, created_by, project_code, project_name, title, region_code, funding_source, method, method_params,
         max_price_fen, expected_days, announcement_days, contact_name, contact_phone, status, published_at, bid_deadline, closed_at, opened_at,
         draw_secret, draw_commitment, catalog_codes, created_at, updated_at)
       select 'ZJCS-' || extract(year from $5::timestamptz at time zone 'Asia/Shanghai') || '-' || lpad(s.v::text, greatest(6, length(s.v::text)), '0'),
         owner.id, owner.user_id, extract(year from $5::timestamptz) || '-' || owner.region_code || '-48-01-' || lpad(g::text, 6, '0'),
         $1 || '号基准项目' || g, $2 || '（' || $1 || '号基准项目' || g || '）', owner.region_code, 'public', $3::selection_method,
         case when $3 = 'reverse_auction' then '{"minStepFen": 10000}'::jsonb else '{}'::jsonb end,
         $7, $8, 3, '经办人', '0775-1234567', $4::procurement_status, $5, $6,
         case when $9 then $6::timestamptz end, case when $9 then $6::timestamptz end,
         s.secret, encode(sha256(decode(s.secret, 'hex')), 'hex'), array[split_part($10, '-', 1), $10], $5::timestamptz - interval '1 day', $5
       from owner, generate_series(1, $11::int) g, lateral (select encode(sha256((gen_random_uuid()::text || g)::bytea), 'hex') secret, nextval('procurement_number_seq') v) s
       returning id, project_name)
     select id from made order by substring(project_name from '[0-9]+$')::int`,
    [spec.tag, spec.item.nameZh, spec.method, spec.status, spec.publishedAt, spec.deadline, spec.maxPriceFen, spec.item.standardDays, opened, spec.item.code, spec.count],
  )
  const ids = rows.map((r) => r.id as string)
  await client.query(`insert into procurement_items (procurement_id, item_id, item_version, sort_order) select unnest($1::uuid[]), $2, $3, 0`, [ids, spec.item.id, spec.item.version])
  return ids
}

export interface AuctionSpec {
  /** the procurement in selection whose auction this is */
  procurementId: string
  bidders: Bidder[]
  /** each bidder's initial price, in the bidders' order */
  pricesFen: number[]
  startsAt: Date
  turnSeconds: number
  rounds: number
  submittedAt: Date
  committedDays: number
}

/**
 * The bids of procurements in selection (opened, so their auctions may rank them) and the
 * auctions, labelled as the opening labels them: four statements for each thousand auctions.
 */
export async function insertAuctions(client: pg.ClientBase, specs: AuctionSpec[]): Promise<Array<{ procurementId: string; endsAt: Date; bidIds: string[] }>> {
  const made: Array<{ procurementId: string; endsAt: Date; bidIds: string[] }> = []
  for (let from = 0; from < specs.length; from += 1000) {
    const bids: Array<[string, string, string, number, number, string, string, string]> = []
    const auctions: Array<[string, string, number, number, string, string]> = []
    for (const s of specs.slice(from, from + 1000)) {
      const initial = s.bidders.map((b, i) => ({ bidId: randomUUID(), label: 0, initialFen: s.pricesFen[i]!, submittedAt: new Date(s.submittedAt.getTime() + i * 1000).toISOString() }))
      for (const [i, b] of s.bidders.entries()) bids.push([initial[i]!.bidId, s.procurementId, b.orgId, initial[i]!.initialFen, s.committedDays, randomBytes(32).toString('hex'), b.userId, initial[i]!.submittedAt])
      const order = turnOrder({ bidders: initial }, new Map(initial.map((b) => [b.bidId, b.initialFen])))
      const bidders = order.map((bidId, n) => ({ ...initial.find((b) => b.bidId === bidId)!, label: n + 1 }))
      const endsAt = endOf({ startsAt: s.startsAt, turnSeconds: s.turnSeconds, rounds: s.rounds, bidders })
      auctions.push([s.procurementId, s.startsAt.toISOString(), s.turnSeconds, s.rounds, JSON.stringify(bidders), endsAt.toISOString()])
      made.push({ procurementId: s.procurementId, endsAt, bidIds: initial.map((b) => b.bidId) })
    }
    const column = <T,>(rows: T[][], i: number) => rows.map((r) => r[i])
    await client.query(
      `insert into bids (id, procurement_id, agency_org_id, price_fen, committed_days, nonce, status, terms_version, submitted_by, submitted_at, created_at, updated_at)
       select id, p, a, price, days, nonce, 'active', 1, by, at, at, at
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::int[], $6::text[], $7::uuid[], $8::timestamptz[]) as t(id, p, a, price, days, nonce, by, at)`,
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => column(bids as unknown[][], i)),
    )
    await client.query(
      `insert into bid_parties (bid_id, procurement_id, org_id, role, item_ids, status, invited_at, responded_by, responded_at)
       select b.id, b.procurement_id, b.agency_org_id, 'lead', jsonb_build_array(pi.item_id), 'accepted', b.submitted_at, b.submitted_by, b.submitted_at
       from bids b join procurement_items pi on pi.procurement_id = b.procurement_id where b.id = any($1::uuid[])`,
      [column(bids as unknown[][], 0)],
    )
    await client.query(
      `insert into auctions (procurement_id, starts_at, turn_seconds, rounds, min_step_fen, bidders, ends_at)
       select p, s, t, r, 10000, b, e from unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::jsonb[], $6::timestamptz[]) as x(p, s, t, r, b, e)`,
      [0, 1, 2, 3, 4, 5].map((i) => column(auctions as unknown[][], i)),
    )
  }
  return made
}
