/**
 * `npm run bench` (issue 17): seeds a provincial platform's volumes into a PostgreSQL database of
 * its own, starts the production server on it as a separate process, and measures each hot path
 * beside the database's own limit for the same work, from a load generator in a third process
 * (tests/load/cannon.mjs). Writes docs/bench/latest.md. Not part of `npm test`.
 *
 *   npm run bench                      the full scale (20k agencies, 1M procurements, ~4.9M bids, 2M credit events)
 *   npm run bench -- --scale=small     a tenth of it, to try the bench itself
 *   npm run bench -- --reseed          drop the bench's own database and seed it again
 *   npm run bench -- --seed-only       seed (or migrate) the database and stop
 *   npm run bench -- --only=P1,P3      measure some figures only (written to the temporary folder, not docs/)
 *   npm run bench -- --url=postgres://…/db --force   use a database that holds other data (nothing is dropped)
 *
 * It refuses a database holding data it did not make unless told with --force, and it drops only a
 * database it created itself (its `bench_marker` table says so).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { migrate, openDatabase } from '../../db/client'
import * as schema from '../../db/schema'
import { hashPassword } from '../../services/auth/password'
import { announcementQuerySchema, searchAnnouncements } from '../../services/procurement/queries'
import { installReferenceData } from '../../services/reference'
import { systemClock } from '../../services/shared/clock'
import { seedDemo } from '../../seeds/demo'
import { FULL_SCALE, SMALL_SCALE, seedScale, type Scale } from '../../seeds/scale'
import { pageSizes } from './bundle-sizes'
import { gapLines } from './gaps'
import { cannon, kb, loadOf, log, mb, ms, peakRss, pooled, rate, rssOf, sleep, startServer, type Load } from './harness'
import { measureBids, type BidFigures } from './p1-bids'
import { measureBroadcast, type BroadcastFigures } from './p3-watchers'
import { measureCloses, type CloseFigures } from './p4-auctions'
import { measureCredit, type CreditFigures } from './p5-credit'

const run = promisify(execFile)
const args = new Map(process.argv.slice(2).map((a) => [a.replace(/^--/, '').split('=')[0]!, a.includes('=') ? a.slice(a.indexOf('=') + 1) : 'true']))
const SCALE_NAME = args.get('scale') === 'small' ? 'small' : 'full'
const SCALE: Scale = SCALE_NAME === 'small' ? SMALL_SCALE : FULL_SCALE
const URL_ = args.get('url') ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/zjcs_bench'
const PORT = Number(args.get('port') ?? 3400)
const DURATION = Number(args.get('duration') ?? 8)
const OUT = path.resolve('docs/bench/latest.md')
/** The servers' environment: the bench's database, and an audit key outside the repository. */
const SERVER_ENV = { DATABASE_URL: URL_, AUDIT_KEY_FILE: path.join(os.tmpdir(), 'zjcs-bench-audit-key.pem') }
const started = performance.now()

function bar(stage: string, done: number, total: number) {
  const width = 30
  const filled = Math.round((done / Math.max(1, total)) * width)
  process.stderr.write(`\r  ${stage.padEnd(14)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round((done / Math.max(1, total)) * 100)).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')}  ${((performance.now() - started) / 1000).toFixed(0)} s${done >= total ? '\n' : ''}`)
}

// ---------------------------------------------------------------------------------------------
// The database: the bench's own, or one it was told to use.

interface Marker { created: boolean; scale: string | null; seededAt: string | null }

async function prepareDatabase(): Promise<{ seeded: boolean }> {
  const target = new URL(URL_)
  const name = decodeURIComponent(target.pathname.slice(1))
  const admin = new pg.Client({ connectionString: Object.assign(new URL(URL_), { pathname: '/postgres' }).toString() })
  await admin.connect()
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1
  let marker: Marker | null = null
  if (exists) {
    const client = new pg.Client({ connectionString: URL_ })
    await client.connect()
    const hasMarker = (await client.query(`select to_regclass('public.bench_marker') is not null as m`)).rows[0].m as boolean
    if (hasMarker) {
      const row = (await client.query('select created, scale, seeded_at from bench_marker limit 1')).rows[0]
      marker = { created: row?.created ?? false, scale: row?.scale ?? null, seededAt: row?.seeded_at ?? null }
    } else {
      const tables = Number((await client.query(`select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema')`)).rows[0].count)
      if (tables > 0 && args.get('force') !== 'true') {
        await client.end()
        await admin.end()
        throw new Error(`${name} holds ${tables} tables the bench did not make. Refusing to seed into it; pass --force to use it anyway (nothing is dropped), or point --url at a new database.`)
      }
    }
    await client.end()
  }
  const reseed = args.get('reseed') === 'true'
  let present = exists
  if (exists && marker?.created && (reseed || (marker.scale && marker.scale !== SCALE_NAME))) {
    log(`dropping ${name}, which the bench created (${marker.scale ?? 'unseeded'})`)
    await admin.query(`drop database ${pg.escapeIdentifier(name)} with (force)`)
    present = false
    marker = null
  } else if (exists && !marker?.created && (reseed || (marker?.scale && marker.scale !== SCALE_NAME))) {
    await admin.end()
    throw new Error(`${name} holds the ${marker?.scale ?? 'other'} data and the bench did not create it, so it will not drop it: point --url at a new database`)
  }
  if (!present) {
    log(`creating database ${name}`)
    await admin.query(`create database ${pg.escapeIdentifier(name)}`)
    const client = new pg.Client({ connectionString: URL_ })
    await client.connect()
    await client.query('create table bench_marker (created boolean not null, scale text, seeded_at timestamptz)')
    await client.query('insert into bench_marker values (true, null, null)')
    await client.end()
    marker = { created: true, scale: null, seededAt: null }
  }
  await admin.end()
  return { seeded: !!marker?.seededAt && marker.scale === SCALE_NAME }
}

async function seed() {
  const database = await openDatabase({ url: URL_ })
  await migrate(database)
  await installReferenceData(database.db)
  await seedDemo(database.db, systemClock)
  await database.close()
  // One connection per core: the batches of each stage are shared among them.
  const pool = new pg.Pool({ connectionString: URL_, max: os.cpus().length })
  const clients = await Promise.all(os.cpus().map(() => pool.connect()))
  const client = clients[0]!
  try {
    // One hash for every bench account (argon2 is deliberately slow).
    await seedScale(clients, SCALE, new Date(), await hashPassword('bench-password-2026'), bar)
    await client.query(`create table if not exists bench_marker (created boolean not null, scale text, seeded_at timestamptz)`)
    const updated = await client.query(`update bench_marker set scale = $1, seeded_at = now()`, [SCALE_NAME])
    if (!updated.rowCount) await client.query(`insert into bench_marker values (false, $1, now())`, [SCALE_NAME])
  } finally {
    for (const c of clients) c.release()
    await pool.end()
  }
}

// ---------------------------------------------------------------------------------------------
// The server, as production runs it, in its own process.

// ---------------------------------------------------------------------------------------------
// P2: the public announcement search, through HTTP, and the same SQL straight through pg.

interface Statement { sql: string; params: unknown[] }

/** The SQL the list runs for a query string, captured from the service itself. */
async function statementsOf(search: string): Promise<Statement[]> {
  const captured: Statement[] = []
  const pool = new pg.Pool({ connectionString: URL_, max: 1 })
  const db = drizzle({ client: pool, schema, casing: 'snake_case', logger: { logQuery: (sql, params) => void captured.push({ sql, params }) } })
  await searchAnnouncements(db as never, announcementQuerySchema.parse(Object.fromEntries(new URLSearchParams(search))), new Date())
  await pool.end()
  return captured
}

/** The statements replayed at a concurrency for a duration, each round trip timed as one request. */
async function reference(statements: Statement[], connections: number, duration = DURATION): Promise<Load> {
  const pool = new pg.Pool({ connectionString: URL_, max: connections })
  const times: number[] = []
  const until = performance.now() + duration * 1000
  const warm = performance.now() + 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now()
        for (const s of statements) await pool.query(s.sql, s.params)
        if (t0 > warm) times.push(performance.now() - t0)
      }
    }),
  )
  await pool.end()
  return loadOf(times, duration - 1)
}

async function explain(s: Statement): Promise<string> {
  const client = new pg.Client({ connectionString: URL_ })
  await client.connect()
  const rows = (await client.query(`explain (analyze, buffers) ${s.sql}`, s.params)).rows as Array<{ 'QUERY PLAN': string }>
  await client.end()
  return rows.map((r) => r['QUERY PLAN']).join('\n')
}

const P2_QUERIES: Array<{ name: string; search: string }> = [
  { name: 'first page, newest first', search: '' },
  { name: 'second page', search: 'page=2' },
  { name: 'last page (100th)', search: 'page=100' },
  { name: 'closing soonest, 100th page', search: 'sort=deadline&page=100' },
  { name: 'open, one category, closing soonest', search: 'status=published&category=C05&sort=deadline' },
  { name: 'a city, one method, by price', search: 'city=450800&method=lowest_price&sort=price_desc' },
  { name: 'words in the title', search: 'q=测绘' },
]

// ---------------------------------------------------------------------------------------------

const met = (http: Load, ref: Load) => (http.p50 <= 3 * ref.p50 && http.p95 <= 50 ? 'yes' : `no (${(http.p50 / ref.p50).toFixed(1)}×, p95 ${ms(http.p95)})`)

const ONLY = new Set((args.get('only') ?? 'P1,P2,P3,P4,P5,P6').split(',').map((x) => x.trim().toUpperCase()))
/** P4's auctions, and the span their ends are spread over: the target's 8,000 in half an hour, at several times its density. */
const P4_AUCTIONS = Number(args.get('auctions') ?? (SCALE_NAME === 'small' ? 2000 : 8000))
const P4_WINDOW = Number(args.get('window') ?? 300)
const WATCHERS = Number(args.get('watchers') ?? 1000)

interface P2Row { name: string; search: string; http: Load; ref: Load; one: Load; refOne: Load; plan: string; statements: number }

async function measureSearch(pid: number): Promise<{ rows: P2Row[]; peak: number }> {
  const rows: P2Row[] = []
  let peak = 0
  for (const q of P2_QUERIES) {
    log(`P2 ${q.name}`)
    const statements = await statementsOf(q.search)
    const url = `http://127.0.0.1:${PORT}/procurements${q.search ? `?${new URLSearchParams(q.search)}` : ''}`
    const { result: http, peaks } = await peakRss([pid], () => cannon({ url, connections: 10, duration: DURATION }))
    peak = Math.max(peak, peaks[0]!)
    const ref = await reference(statements, 10)
    // One client at a time: the time a request takes, without waiting behind others for the core.
    const one = await cannon({ url, connections: 1, duration: Math.ceil(DURATION / 2) })
    const refOne = await reference(statements, 1, Math.ceil(DURATION / 2))
    // The page's rows and its capped count (the third statement reads the items of those 20 rows by id).
    rows.push({ name: q.name, search: q.search, http, ref, one, refOne, plan: [await explain(statements[0]!), await explain(statements[1]!)].join('\n\n'), statements: statements.length })
    log(`  10 clients: http p50 ${ms(http.p50)} p95 ${ms(http.p95)} ${rate(http.rate)} · pg p50 ${ms(ref.p50)} p95 ${ms(ref.p95)} ${rate(ref.rate)}`)
    log(`  1 client:   http p50 ${ms(one.p50)} p95 ${ms(one.p95)} · pg p50 ${ms(refOne.p50)} p95 ${ms(refOne.p95)}`)
  }
  return { rows, peak }
}

const loadLine = (l: Load) => `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}, ${rate(l.rate)}${l.non2xx + l.errors ? `, ${l.non2xx} refused, ${l.errors} errors` : ''}`
const bidsLine = (b: BidFigures) => `as fast as answered: ${loadLine(b.http)}${b.paced ? `; paced at ${b.pace} bids/s each (${b.bidders * b.pace}/s): ${loadLine(b.paced)}` : ''}; ${b.landed.toLocaleString('en')} bids in the database`
const bidsMet = (b: BidFigures, ref: Load) => {
  const share = b.http.rate / ref.rate
  const p99 = (b.paced ?? b.http).p99
  const clean = !b.http.non2xx && !b.http.errors && !b.paced?.non2xx && !b.paced?.errors
  return share >= 0.25 && p99 <= 50 && clean ? 'yes' : `${share >= 0.25 ? 'rate: yes' : 'rate: no'} (${Math.round(100 * share)}% of the reference's); p99: ${p99 <= 50 ? 'yes' : 'no'} (${ms(p99)}${b.paced ? ' paced' : ''})${clean ? '' : '; some refused'}`
}
const castLine = (c: BroadcastFigures) => `p50 ${ms(c.p50)}, p95 ${ms(c.p95)}, p99 ${ms(c.p99)}, max ${ms(c.max)} over ${c.moves} moves × ${c.watchers} watchers${c.missed ? `; ${c.missed} missed` : '; none missed'}`
const castMet = (c: BroadcastFigures) => (c.p99 <= 250 && !c.missed ? 'yes' : `no (p99 ${ms(c.p99)}, ${c.missed} missed)`)
const sec = (v: number) => (Number.isNaN(v) ? '–' : `${v.toFixed(2)} s`)

async function main() {
  log(`bench: ${SCALE_NAME} scale into ${URL_.replace(/\/\/[^@]*@/, '//')}`)
  const { seeded } = await prepareDatabase()
  if (!seeded) {
    log('seeding (reference data, the demo, then the scale rows)')
    await seed()
  } else {
    log('the database already holds this scale: reusing it (--reseed to make it again); applying new migrations')
    const database = await openDatabase({ url: URL_ })
    await migrate(database)
    await database.close()
    // A migration that rewrote rows leaves dead tuples and stale statistics: measure the tables as they settle.
    const client = new pg.Client({ connectionString: URL_ })
    await client.connect()
    await client.query('vacuum analyze')
    // And written out, so the measurements do not share the disk with the vacuum's dirty pages.
    await client.query('checkpoint')
    await client.end()
  }
  const seededIn = (performance.now() - started) / 1000
  if (args.get('seed-only') === 'true') return log(`seeded in ${seededIn.toFixed(0)} s`)
  const counts = await (async () => {
    const client = new pg.Client({ connectionString: URL_ })
    await client.connect()
    const row = (await client.query(`select (select count(*) from organizations where kind = 'agency') agencies, (select count(*) from procurements) procurements, (select count(*) from bids) bids, (select count(*) from credit_events) credit_events, (select pg_size_pretty(pg_database_size(current_database()))) size, version() version`)).rows[0]
    await client.end()
    return row as { agencies: string; procurements: string; bids: string; credit_events: string; size: string; version: string }
  })()
  log(`data: ${counts.agencies} agencies, ${counts.procurements} procurements, ${counts.bids} bids, ${counts.credit_events} credit events, ${counts.size}`)

  let credit: CreditFigures | undefined
  if (ONLY.has('P5')) {
    log('P5 credit: the full recompute, then one event at a time')
    credit = await measureCredit(URL_)
    log(`  recompute ${sec(credit.seconds)} for ${credit.organizations} organizations; one event p50 ${ms(credit.one.p50)} p95 ${ms(credit.one.p95)}`)
  }

  // One app process: the search, the bids and the broadcast, and its memory under them.
  let p2: P2Row[] = []
  let bids1: BidFigures | undefined
  let cast1: BroadcastFigures | undefined
  let idleRss = 0
  let searchRss = 0
  let bidsRss = 0
  if (ONLY.has('P1') || ONLY.has('P2') || ONLY.has('P3')) {
    const server = await startServer(SERVER_ENV, PORT)
    const pid = server.child.pid!
    await sleep(2000)
    idleRss = rssOf(pid)
    try {
      if (ONLY.has('P2')) ({ rows: p2, peak: searchRss } = await measureSearch(pid))
      if (ONLY.has('P1')) {
        log('P1 bids through HTTP, one app process')
        const { result, peaks } = await peakRss([pid], () => measureBids(URL_, [PORT], DURATION))
        bids1 = result
        bidsRss = peaks[0]!
        log(`  http ${bidsLine(bids1)} · reference ${loadLine(bids1.ref!)}`)
      }
      if (ONLY.has('P3')) {
        log(`P3 one move to ${WATCHERS} watchers, one app process`)
        cast1 = await measureBroadcast(URL_, [PORT], WATCHERS)
        log(`  ${castLine(cast1)}`)
      }
    } finally {
      await server.stop()
    }
  }

  // Scale-out on this machine: two app processes on one database.
  const startTwo = () => Promise.all([startServer(SERVER_ENV, PORT), startServer(SERVER_ENV, PORT + 1)])
  let two: Load | undefined
  let bids2: BidFigures | undefined
  let cast2: BroadcastFigures | undefined
  if (ONLY.has('P1') || ONLY.has('P2') || ONLY.has('P3')) {
    const servers = await startTwo()
    try {
      if (ONLY.has('P2')) {
        log('P2 first page with two app processes')
        two = pooled(await Promise.all([PORT, PORT + 1].map((port) => cannon({ url: `http://127.0.0.1:${port}/procurements`, connections: 5, duration: DURATION, raw: true }))), DURATION)
        log(`  two processes: http p50 ${ms(two.p50)} p95 ${ms(two.p95)} ${rate(two.rate)}`)
      }
      if (ONLY.has('P1')) {
        log('P1 bids through HTTP, two app processes')
        bids2 = await measureBids(URL_, [PORT, PORT + 1], DURATION, { reference: false })
        log(`  http ${bidsLine(bids2)}`)
      }
      if (ONLY.has('P3')) {
        log(`P3 one move to ${WATCHERS} watchers, two app processes`)
        cast2 = await measureBroadcast(URL_, [PORT, PORT + 1], WATCHERS)
        log(`  ${castLine(cast2)}`)
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()))
    }
  }

  let closes: CloseFigures | undefined
  if (ONLY.has('P4')) {
    log(`P4 ${P4_AUCTIONS} auctions ending within ${P4_WINDOW} s, closed by two app processes' job workers`)
    closes = await measureCloses(URL_, startTwo, P4_AUCTIONS, P4_WINDOW)
    log(`  lateness p50 ${sec(closes.p50)} p99 ${sec(closes.p99)} max ${sec(closes.max)}; ${closes.late} later than 5 s, ${closes.unfinished} unfinished, ${closes.repeated} jobs run twice`)
  }

  const sizes = pageSizes('public')
  const home = sizes.find((s) => s.route === 'routes/_index')!
  const largest = sizes[0]!
  const commit = (await run('git', ['rev-parse', '--short', 'HEAD'])).stdout.trim()
  const total = (performance.now() - started) / 1000
  const NOT = 'not measured in this run'
  const p2ok = p2.length > 0 && p2.every((r) => met(r.http, r.ref) === 'yes')
  const perHalfHour = closes ? Math.round((closes.auctions * 1800) / closes.windowSeconds) : 0
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (tests/load/bench.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit \`${commit}\`, ${SCALE_NAME} scale, in ${Math.round(total / 60)} min (${seeded ? 'the data was already seeded' : `seeding ${Math.round(seededIn / 60)} min`}).`,
    '',
    `**Machine:** ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${counts.version.split(' on ')[0]}.`,
    `**Data:** ${Number(counts.agencies).toLocaleString('en')} agencies, ${Number(counts.procurements).toLocaleString('en')} procurements, ${Number(counts.bids).toLocaleString('en')} bids, ${Number(counts.credit_events).toLocaleString('en')} credit events; ${counts.size} on disk.`,
    `**Load:** autocannon in its own process (tests/load/cannon.mjs), ${DURATION} s per figure after 2 s of warm-up; SSE watchers in their own process (tests/load/watchers.mjs). Each app process is the production server (\`NODE_ENV=production\`, a 256 MB heap, a pool of 10 connections). P2's reference replays the same SQL (captured from the service) through \`pg\`; one reference "request" is all of a page's statements in turn. P1's reference is the same service call (\`submitBid\`: eligibility, insert, seal, audit, notice) through \`pg\` with as many connections as bidders, without HTTP, sessions or forms.`,
    '',
    '| # | what | measured | reference in the same run | target | met? |',
    '| --- | --- | --- | --- | --- | --- |',
    bids1
      ? `| P1 | bid submission through HTTP by ${bids1.bidders} signed-in agencies at once, one app process | ${bidsLine(bids1)} | ${loadLine(bids1.ref!)} | ≥ 25% of the reference's rate; p99 ≤ 50 ms at 50 bidders | ${bidsMet(bids1, bids1.ref!)} |`
      : `| P1 | bid submission through HTTP | ${NOT} | – | ≥ 25% of the reference; p99 ≤ 50 ms at 50 bidders | – |`,
    ...(bids2 && bids1 ? [`|  | the same, **two app processes**, half the bidders on each | ${bidsLine(bids2)} | as above | as above | ${bidsMet(bids2, bids1.ref!)} |`] : []),
    ...(p2.length
      ? p2.map((r, i) => `| ${i === 0 ? 'P2' : ''} | search: ${r.name} (\`/procurements${r.search ? `?${r.search}` : ''}\`) | 10 clients: p50 ${ms(r.http.p50)}, p95 ${ms(r.http.p95)}, p99 ${ms(r.http.p99)}, ${rate(r.http.rate)}${r.http.non2xx ? `, ${r.http.non2xx} non-2xx` : ''}; 1 client: p50 ${ms(r.one.p50)}, p95 ${ms(r.one.p95)} | 10 clients: p50 ${ms(r.ref.p50)}, p95 ${ms(r.ref.p95)}, ${rate(r.ref.rate)}; 1 client: p50 ${ms(r.refOne.p50)}, p95 ${ms(r.refOne.p95)} (${r.statements} statements) | median ≤ 3× reference; p95 ≤ 50 ms | 10 clients: ${met(r.http, r.ref)}; 1 client: ${met(r.one, r.refOne)} |`)
      : [`| P2 | the announcement search | ${NOT} | – | median ≤ 3× reference; p95 ≤ 50 ms | – |`]),
    ...(two && p2.length ? [`|  | search: first page, **two app processes**, 5 clients each | p50 ${ms(two.p50)}, p95 ${ms(two.p95)}, p99 ${ms(two.p99)}, ${rate(two.rate)} (one process: ${rate(p2[0]!.http.rate)}) | as above | as above | ${met(two, p2[0]!.ref)} |`] : []),
    cast1 ? `| P3 | one auction move to ${cast1.watchers.toLocaleString('en')} SSE watchers, one app process: from sending the move (its request and commit included) to each watcher's board | ${castLine(cast1)} | – | p99 ≤ 250 ms | ${castMet(cast1)} |` : `| P3 | one auction bid to 1,000 SSE watchers | ${NOT} | – | p99 ≤ 250 ms | – |`,
    ...(cast2 ? [`|  | the same, **two app processes**, half the watchers on each (the second hears through LISTEN/NOTIFY) | ${castLine(cast2)} | – | as above | ${castMet(cast2)} |`] : []),
    closes
      ? `| P4 | ${closes.auctions.toLocaleString('en')} auctions ending within ${closes.windowSeconds} s (${perHalfHour.toLocaleString('en')} per half hour, on the real clock), finished by the job workers of ${closes.processes} app processes | lateness p50 ${sec(closes.p50)}, p99 ${sec(closes.p99)}, max ${sec(closes.max)}; ${closes.late} later than 5 s; ${closes.unfinished} unfinished; ${closes.repeated} finish jobs claimed twice, ${closes.notDone} not done | ProZorro's planner: 800 per half hour | 0 closes > 5 s late | ${closes.late === 0 && closes.unfinished === 0 && closes.repeated === 0 ? 'yes' : 'no'} |`
      : `| P4 | 8,000 auctions in half an hour | ${NOT} | ProZorro: 800 per half hour | 0 closes > 5 s late | – |`,
    credit
      ? `| P5 | a full credit recompute (the \`credit.recompute\` batches in turn); one event recorded and its organization rescored | ${sec(credit.seconds)} for ${credit.organizations.toLocaleString('en')} organizations (${credit.batches} batches) from ${credit.events.toLocaleString('en')} events; one event: p50 ${ms(credit.one.p50)}, p95 ${ms(credit.one.p95)}, p99 ${ms(credit.one.p99)} (${credit.one.requests} agencies) | – | ≤ 30 s; ≤ 5 ms | ${credit.seconds <= 30 && credit.one.p95 <= 5 ? 'yes' : 'no'} |`
      : `| P5 | credit recompute; one event | ${NOT} | – | ≤ 30 s; ≤ 5 ms | – |`,
    `| P6 | JavaScript per page, gzipped | home ${kb(home.gzip)}; largest ${kb(largest.gzip)} (\`${largest.route}\`) | – | home ≤ 100 KB; every page ≤ 150 KB | ${home.gzip <= 100 * 1024 && largest.gzip <= 150 * 1024 ? 'yes' : 'no'} |`,
    idleRss
      ? `| | server RSS on PostgreSQL | ${mb(idleRss)} idle${searchRss ? `; ${mb(searchRss)} peak under the P2 load` : ''}${bidsRss ? `; ${mb(bidsRss)} peak under the P1 load` : ''} | – | ≤ 300 MB | ${Math.max(searchRss, bidsRss) <= 300 * 1024 * 1024 ? 'yes' : 'no'} |`
      : `| | server RSS on PostgreSQL | ${NOT} | – | ≤ 300 MB | – |`,
    '',
    ...gapLines({ bids1, bids2, p2, two, cast1, cast2, closes, credit }),
    ...(p2.length ? [`P2 ${p2ok ? 'meets' : 'does not yet meet'} its target on every query.`, '', "## Query plans (P2): EXPLAIN ANALYZE of the page's rows, then of its capped count", '', ...p2.flatMap((r) => [`### ${r.name}`, '', '```', r.plan, '```', ''])] : []),
  ]
  const out = ONLY.size === 6 ? OUT : path.join(os.tmpdir(), 'zjcs-bench-partial.md')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, lines.join('\n'))
  log(`wrote ${out} in ${total.toFixed(0)} s`)
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).message}`)
  process.exit(1)
})
