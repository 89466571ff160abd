import type pg from 'pg'
import { COMMITMENT, COMMITMENT_SHA256 } from '../services/agencies/admission'

/**
 * A provincial platform's volumes for the benchmark (issue 17), made on the server with
 * generate_series in batches, so millions of rows take minutes: agencies with their users,
 * qualifications and offerings; owners; procurements in every state of the lifecycle, spread over
 * three years, with their items, sealed or opened bids (each with its lead party) and awards; and
 * credit events. Every row is a function of its index: the same scale makes the same data. Ids are
 * derived from names (`bench_uuid('p42')`), so rows refer to each other without lookups.
 *
 * It writes into a database the caller has checked is the benchmark's own (tests/load/bench.ts);
 * foreign keys are not checked row by row (session_replication_role = replica) because every
 * reference is built to exist.
 */
export interface Scale {
  agencies: number
  owners: number
  procurements: number
  creditEvents: number
}
/** Jiangsu alone has 7,452 agencies and 25,000 announcements; a province's platform, several years on. */
export const FULL_SCALE: Scale = { agencies: 20_000, owners: 2_000, procurements: 1_000_000, creditEvents: 2_000_000 }
export const SMALL_SCALE: Scale = { agencies: 2_000, owners: 200, procurements: 50_000, creditEvents: 100_000 }

/** Bids per procurement: 3 to 7 by index, 5 on average, on every procurement that reached the deadline with bids, and on open ones. */
export const BIDS_PER_PROCUREMENT = '(3 + (p % 5))'
/** The states by index (per mille): the lifecycle's shape on a platform in its third year. */
const STATE_BUCKETS: Array<[number, string]> = [
  [10, 'draft'], [30, 'published'], [35, 'selecting'], [70, 'awarded'], [120, 'contracted'], [200, 'in_service'], [240, 'delivered'],
  [540, 'accepted'], [860, 'evaluated'], [940, 'failed'], [1000, 'cancelled'],
]
/** Numbers start above the demo's, and the sequence is moved past them. */
const NUMBER_BASE = 1000
const BATCH = 50_000

export type Progress = (stage: string, done: number, total: number) => void

const stateOf = `(case ${STATE_BUCKETS.map(([upTo, s]) => `when p % 1000 < ${upTo} then '${s}'`).join(' ')} end)::procurement_status`

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>
const queryOf = (client: pg.PoolClient): Query => (text, values = []) => client.query(text, values)

/** Each connection's own session: no row-by-row foreign keys or triggers, no wait for the disk, and the temporary helpers. */
async function prepare(q: Query) {
  await q(`set session_replication_role = replica`)
  await q(`set synchronous_commit = off`)
  await q(`create or replace function pg_temp.bench_uuid(t text) returns uuid language sql immutable as $$
    select (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12))::uuid from (select md5(t) h) s $$`)
  await q(`create temp table bench_regions as select code, row_number() over (order by code) - 1 as n from regions where code not like '%00'`)
  await q(`create temp table bench_items as select i.id, i.code, i.version, i.name_zh, i.standard_days, row_number() over (order by i.code) - 1 as n from service_items i`)
  await q(`create temp table bench_specialties as select code, row_number() over (order by code) - 1 as n from qualification_specialties`)
}

/** Seeds through every given connection at once (one per core), each stage's batches shared among them. */
export async function seedScale(clients: pg.PoolClient[], scale: Scale, now: Date, passwordHash: string, progress: Progress) {
  const queries = clients.map(queryOf)
  await Promise.all(queries.map(prepare))
  const q = queries[0]!
  const { regions, items, specialties } = (await q(`select (select count(*) from bench_regions)::int regions, (select count(*) from bench_items)::int items, (select count(*) from bench_specialties)::int specialties`)).rows[0] as { regions: number; items: number; specialties: number }
  if (!regions || !items || !specialties) throw new Error('the reference data (regions, catalog) is missing: install it first')
  const at = now.toISOString()

  async function batches(stage: string, total: number, run: (q: Query, from: number, to: number) => Promise<unknown>) {
    let next = 0
    let done = 0
    await Promise.all(
      queries.map(async (own) => {
        while (next < total) {
          const from = next
          next += BATCH
          await run(own, from, Math.min(total, from + BATCH) - 1)
          done += Math.min(BATCH, total - from)
          progress(stage, done, total)
        }
      }),
    )
  }

  // Agencies: an organization, its admin, three offerings, two verified qualifications that cover the
  // first two offered items (so an agency may bid on procurements of those items), and the commitment letter.
  await batches('agencies', scale.agencies, (q, from, to) =>
    q(`with s as (select a from generate_series($1::int, $2::int) a)
      , o as (insert into organizations (id, kind, name_zh, name_en, uscc, region_code, contact_name, contact_phone, contact_email, created_at, updated_at)
        select pg_temp.bench_uuid('a' || a), 'agency', '广西基准第' || a || '号工程咨询有限公司', 'Bench Engineering Consulting No. ' || a || ' Co., Ltd.', 'BA' || lpad(a::text, 16, '0'),
          (select code from bench_regions where n = a % $3), '联系人' || a, '0771-' || lpad((a % 10000000)::text, 7, '0'), 'bench-agency-' || a || '@bench.example', $4::timestamptz - interval '900 days', $4::timestamptz - interval '900 days' from s returning 1)
      , u as (insert into users (id, email, display_name, org_id, role, created_at, updated_at)
        select pg_temp.bench_uuid('ua' || a), 'bench-agency-' || a || '@bench.example', '基准机构管理员' || a, pg_temp.bench_uuid('a' || a), 'admin', $4::timestamptz - interval '900 days', $4::timestamptz - interval '900 days' from s returning 1)
      , pw as (insert into passwords (user_id, hash, created_at, updated_at) select pg_temp.bench_uuid('ua' || a), $5, $4::timestamptz, $4::timestamptz from s returning 1)
      , qa as (insert into qualifications (id, org_id, specialty_code, level, certificate_no, issuer, valid_from, valid_to, status, reviewed_at, created_at, updated_at)
        select pg_temp.bench_uuid('q' || a || '-' || k), pg_temp.bench_uuid('a' || a),
          coalesce((select min(sis.specialty_code) from service_item_specialties sis join bench_items i on i.id = sis.item_id where i.n = (a + k * 11) % $7), (select code from bench_specialties where n = (a + k * 7) % $6)), 1 + (a + k) % 3, 'BQ-' || a || '-' || k, '广西壮族自治区住房和城乡建设厅',
          ($4::timestamptz - interval '800 days')::date, ($4::timestamptz + interval '1000 days')::date, 'approved', $4::timestamptz - interval '790 days', $4::timestamptz - interval '800 days', $4::timestamptz - interval '790 days'
        from s, generate_series(0, 1) k returning 1)
      , off as (insert into agency_offerings (org_id, item_id, committed_days, created_at, updated_at)
        select pg_temp.bench_uuid('a' || a), (select id from bench_items where n = (a + k * 11) % $7), 5 + (a + k) % 10, $4::timestamptz, $4::timestamptz from s, generate_series(0, 2) k on conflict do nothing returning 1)
      insert into agency_commitments (id, org_id, text_version, text_sha256, accepted_by, accepted_at)
        select pg_temp.bench_uuid('c' || a), pg_temp.bench_uuid('a' || a), $8, $9, pg_temp.bench_uuid('ua' || a), $4::timestamptz - interval '800 days' from s`,
    [from + 1, to + 1, regions, at, passwordHash, specialties, items, COMMITMENT.version, COMMITMENT_SHA256]),
  )

  // Owners (项目业主) and their purchasers.
  await batches('owners', scale.owners, (q, from, to) =>
    q(`with s as (select o from generate_series($1::int, $2::int) o)
      , org as (insert into organizations (id, kind, name_zh, name_en, uscc, region_code, contact_name, contact_phone, contact_email, created_at, updated_at)
        select pg_temp.bench_uuid('o' || o), 'owner', '广西基准第' || o || '号建设单位', 'Bench Project Owner No. ' || o, 'BO' || lpad(o::text, 16, '0'),
          (select code from bench_regions where n = o % $3), '业主联系人' || o, '0775-' || lpad(o::text, 7, '0'), 'bench-owner-' || o || '@bench.example', $4::timestamptz - interval '1000 days', $4::timestamptz - interval '1000 days' from s returning 1)
      , u as (insert into users (id, email, display_name, org_id, role, created_at, updated_at)
        select pg_temp.bench_uuid('uo' || o), 'bench-owner-' || o || '@bench.example', '基准业主经办人' || o, pg_temp.bench_uuid('o' || o), 'admin', $4::timestamptz - interval '1000 days', $4::timestamptz - interval '1000 days' from s returning 1)
      insert into passwords (user_id, hash, created_at, updated_at) select pg_temp.bench_uuid('uo' || o), $5, $4::timestamptz, $4::timestamptz from s`,
    [from + 1, to + 1, regions, at, passwordHash]),
  )

  // Procurements over three years, each with one service item. Open ones were published in the last
  // two days and close within a week; those in selection closed yesterday; the others are older.
  const published = `(case ${stateOf}
      when 'draft' then null
      when 'published' then $4::timestamptz - (p % 48) * interval '1 hour'
      when 'selecting' then $4::timestamptz - interval '6 days'
      when 'awarded' then $4::timestamptz - interval '12 days' - (p % 30) * interval '1 hour'
      else $4::timestamptz - interval '20 days' - ((p::bigint * 7919) % (1095 * 24)) * interval '1 hour' end)`
  await batches('procurements', scale.procurements, (q, from, to) =>
    q(`with s as (select p, ${published} as pub, ${stateOf} as st, (select row_to_json(i) from bench_items i where i.n = p % $5) as item,
          (array['lowest_price','lowest_price','lowest_price','lowest_price','lowest_price','lowest_price','lowest_price','lowest_price','random_draw','random_draw','random_draw','random_draw','random_draw','random_draw','optimal_price','optimal_price','optimal_price','reverse_auction','reverse_auction','direct'])[1 + (p / 7) % 20]::selection_method as m
        from generate_series($1::int, $2::int) p)
      , pr as (insert into procurements (id, number, owner_org_id, created_by, project_code, project_name, title, region_code, funding_source, method, method_params, direct_agency_id,
          max_price_fen, expected_days, announcement_days, contact_name, contact_phone, status, published_at, bid_deadline, closed_at, opened_at, cancelled_at, cancel_reason, failed_reason,
          draw_secret, draw_commitment, catalog_codes, created_at, updated_at)
        select pg_temp.bench_uuid('p' || p), case when st = 'draft' then null else 'ZJCS-' || extract(year from pub at time zone 'Asia/Shanghai') || '-' || lpad((${NUMBER_BASE} + p)::text, greatest(6, length((${NUMBER_BASE} + p)::text)), '0') end,
          pg_temp.bench_uuid('o' || (1 + p % $3)), pg_temp.bench_uuid('uo' || (1 + p % $3)),
          extract(year from coalesce(pub, $4::timestamptz)) || '-' || (select code from bench_regions where n = p % $6) || '-48-01-' || lpad((p % 1000000)::text, 6, '0'),
          '基准' || (p % 9973) || '号建设项目', (item->>'name_zh') || '（基准' || (p % 9973) || '号建设项目）', (select code from bench_regions where n = p % $6),
          case when p % 4 = 0 then 'private' else 'public' end::funding_source, m,
          case when m = 'reverse_auction' then '{"minStepFen": 10000}'::jsonb else '{}'::jsonb end,
          case when m = 'direct' then pg_temp.bench_uuid('a' || (1 + (p::bigint * 7919) % $7)) end,
          (2000000 + (p::bigint * 104729) % 48000000), (item->>'standard_days')::int, 3, '经办人' || (p % 500), '0775-' || lpad((p % 10000000)::text, 7, '0'), st,
          pub, case when st = 'published' then $4::timestamptz + (1 + p % 7) * interval '1 day' else pub + interval '5 days' end,
          case when st not in ('draft', 'published', 'cancelled') then pub + interval '5 days' end,
          case when st not in ('draft', 'published', 'cancelled', 'failed') then pub + interval '5 days' end,
          case when st = 'cancelled' then pub + interval '2 days' end, case when st = 'cancelled' then '项目建设方案调整，待重新立项后另行采购' end,
          case when st = 'failed' then 'noBids' end,
          case when st <> 'draft' then encode(sha256(('bench-secret-' || p)::bytea), 'hex') end, case when st <> 'draft' then encode(sha256(sha256(('bench-secret-' || p)::bytea)), 'hex') end,
          array[split_part(item->>'code', '-', 1), item->>'code'],
          coalesce(pub, $4::timestamptz) - interval '1 day', coalesce(pub, $4::timestamptz) + interval '5 days'
        from s returning 1)
      insert into procurement_items (procurement_id, item_id, item_version, sort_order) select pg_temp.bench_uuid('p' || p), (item->>'id')::uuid, (item->>'version')::int, 0 from s`,
    [from + 1, to + 1, scale.owners, at, items, regions, scale.agencies]),
  )
  const seq = NUMBER_BASE + scale.procurements + 1
  await q(`select setval('procurement_number_seq', greatest((select last_value from procurement_number_seq), $1))`, [seq])

  // Bids: 3 to 7 on each procurement that had them (failed ones had none, drafts none), from distinct agencies; the first is the lowest.
  // Each with its lead party, and the award to the first where the procurement got that far.
  const hasBids = `${stateOf} not in ('draft', 'failed')`
  await batches('bids', scale.procurements, (q, from, to) =>
    q(`with s as (select p, j, pr.published_at pub, pr.max_price_fen mx, pr.expected_days d, pr.status st, pr.method m, (select id from bench_items where n = p % $4) item,
          1 + ((p::bigint * 7919 + j * 4001) % $3) as a
        from generate_series($1::int, $2::int) p cross join generate_series(0, 6) j
        join procurements pr on pr.id = pg_temp.bench_uuid('p' || p)
        where j < ${BIDS_PER_PROCUREMENT} and ${hasBids})
      , b as (insert into bids (id, procurement_id, agency_org_id, price_fen, committed_days, nonce, status, terms_version, submitted_by, submitted_at, created_at, updated_at)
        select pg_temp.bench_uuid('b' || p || '-' || j), pg_temp.bench_uuid('p' || p), pg_temp.bench_uuid('a' || a),
          (mx * case when j = 0 then 78 + p % 5 else 84 + (p * 31 + j * 17) % 15 end / 10000) * 100, greatest(1, d - j % 3),
          encode(sha256(('bench-nonce-' || p || '-' || j)::bytea), 'hex'), 'active', 1, pg_temp.bench_uuid('ua' || a), pub + interval '1 day' + j * interval '1 hour', pub + interval '1 day', pub + interval '1 day'
        from s returning 1)
      , bp as (insert into bid_parties (id, bid_id, procurement_id, org_id, role, item_ids, status, invited_at, responded_by, responded_at)
        select pg_temp.bench_uuid('bp' || p || '-' || j), pg_temp.bench_uuid('b' || p || '-' || j), pg_temp.bench_uuid('p' || p), pg_temp.bench_uuid('a' || a), 'lead', jsonb_build_array(item), 'accepted',
          pub + interval '1 day', pg_temp.bench_uuid('ua' || a), pub + interval '1 day' from s returning 1)
      insert into awards (procurement_id, bid_id, agency_org_id, price_fen, committed_days, method, decided_at, standstill_ends_at, confirm_by, confirmed_at)
        select pg_temp.bench_uuid('p' || p), pg_temp.bench_uuid('b' || p || '-0'), pg_temp.bench_uuid('a' || a), (mx * (78 + p % 5) / 10000) * 100, greatest(1, d),
          m, pub + interval '5 days', pub + interval '8 days', pub + interval '7 days',
          case when st <> 'awarded' then pub + interval '6 days' end
        from s where j = 0 and st in ('awarded', 'contracted', 'in_service', 'delivered', 'accepted', 'evaluated')`,
    [from + 1, to + 1, scale.agencies, items]),
  )

  // Credit events (the kinds that exist today), four in five about agencies, over three years.
  await batches('credit events', scale.creditEvents, (q, from, to) =>
    q(`insert into credit_events (id, org_id, kind, procurement_id, occurred_at, detail, dedupe_key)
      select pg_temp.bench_uuid('ce' || e), case when e % 5 = 0 then pg_temp.bench_uuid('o' || (1 + e % $3)) else pg_temp.bench_uuid('a' || (1 + (e::bigint * 7919) % $4)) end,
        case when e % 5 = 0 then 'acceptance_overdue' else (array['award_declined','award_not_confirmed','explanation_missing','service_overdue'])[1 + e % 4] end,
        pg_temp.bench_uuid('p' || (1 + (e::bigint * 104729) % $5)), $6::timestamptz - ((e::bigint * 7919) % (1095 * 24)) * interval '1 hour', '{}'::jsonb, 'bench:' || e
      from generate_series($1::int, $2::int) e`,
    [from + 1, to + 1, scale.owners, scale.agencies, scale.procurements, at]),
  )
  await Promise.all(queries.map((own) => own(`set session_replication_role = origin`)))
  progress('analyze', 0, 1)
  await q(`vacuum analyze`)
  progress('analyze', 1, 1)
}
