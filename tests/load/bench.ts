/**
 * `npm run bench` (issue 17): seeds a provincial platform's volumes into a PostgreSQL database of
 * its own, starts the production server on it as a separate process, and measures each hot path
 * beside the database's own limit for the same work, from a load generator in a third process
 * (tests/load/cannon.mjs). Writes docs/bench/latest.md. Not part of `npm test`.
 *
 *   npm run bench                      the full scale (20k agencies, 1M procurements, ~4.9M bids, 2M credit events)
 *   npm run bench -- --scale=small     a tenth of it, to try the bench itself
 *   npm run bench -- --reseed          drop the bench's own database and seed it again
 *   npm run bench -- --url=postgres://…/db --force   use a database that holds other data (nothing is dropped)
 *
 * It refuses a database holding data it did not make unless told with --force, and it drops only a
 * database it created itself (its `bench_marker` table says so).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
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

const run = promisify(execFile)
const args = new Map(process.argv.slice(2).map((a) => [a.replace(/^--/, '').split('=')[0]!, a.includes('=') ? a.slice(a.indexOf('=') + 1) : 'true']))
const SCALE_NAME = args.get('scale') === 'small' ? 'small' : 'full'
const SCALE: Scale = SCALE_NAME === 'small' ? SMALL_SCALE : FULL_SCALE
const URL_ = args.get('url') ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/zjcs_bench'
const PORT = Number(args.get('port') ?? 3400)
const DURATION = Number(args.get('duration') ?? 10)
const OUT = path.resolve('docs/bench/latest.md')
/** The servers' environment: the bench's database, and an audit key outside the repository. */
const SERVER_ENV = { DATABASE_URL: URL_, AUDIT_KEY_FILE: path.join(os.tmpdir(), 'zjcs-bench-audit-key.pem') }
const started = performance.now()

const log = (line: string) => process.stderr.write(`${line}\n`)
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
  const pool = new pg.Pool({ connectionString: URL_, max: 1 })
  const client = await pool.connect()
  try {
    // One hash for every bench account (argon2 is deliberately slow).
    await seedScale(client, SCALE, new Date(), await hashPassword('bench-password-2026'), bar)
    await client.query(`create table if not exists bench_marker (created boolean not null, scale text, seeded_at timestamptz)`)
    const updated = await client.query(`update bench_marker set scale = $1, seeded_at = now()`, [SCALE_NAME])
    if (!updated.rowCount) await client.query(`insert into bench_marker values (false, $1, now())`, [SCALE_NAME])
  } finally {
    client.release()
    await pool.end()
  }
}

// ---------------------------------------------------------------------------------------------
// The server, as production runs it, in its own process.

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024
}

async function startServer(env: Record<string, string>, port = PORT): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  // As `npm start` runs it: a 256 MB heap, so the collector works before the process grows past the RSS target.
  const child = spawn(process.execPath, ['--max-old-space-size=256', 'app/server.js'], { env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', COOKIE_SECURE: 'false', ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`)
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false)
    if (ok) return { child, stop: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the server did not answer /healthz in 120 s: ${stderr}`)
}

interface Load { requests: number; rate: number; p50: number; p95: number; p99: number; max: number; non2xx: number; errors: number; times?: number[] }

async function cannon(url: string, connections: number, duration = DURATION, raw = false): Promise<Load> {
  const { stdout } = await run(process.execPath, [path.resolve('tests/load/cannon.mjs'), JSON.stringify({ url, connections, duration, raw })], { maxBuffer: 64 << 20 })
  return JSON.parse(stdout) as Load
}

/** Several loads at once (one per app process), as one: their rates added, their response times pooled. */
function pooled(loads: Load[], duration: number): Load {
  const times = loads.flatMap((l) => l.times ?? []).sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!
  return { requests: times.length, rate: times.length / duration, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: times.at(-1)!, non2xx: loads.reduce((n, l) => n + l.non2xx, 0), errors: loads.reduce((n, l) => n + l.errors, 0) }
}

/** Samples a process's RSS while `work` runs; the peak. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssOf(pid)
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 100)
  try {
    return { result: await work(), peak }
  } finally {
    clearInterval(timer)
  }
}

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
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!
  return { requests: times.length, rate: times.length / (duration - 1), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: times.at(-1)!, non2xx: 0, errors: 0 }
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

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`)
const rate = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)}/s`
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`
const met = (http: Load, ref: Load) => (http.p50 <= 3 * ref.p50 && http.p95 <= 50 ? 'yes' : `no (${(http.p50 / ref.p50).toFixed(1)}×, p95 ${ms(http.p95)})`)

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
    await client.end()
  }
  const counts = await (async () => {
    const client = new pg.Client({ connectionString: URL_ })
    await client.connect()
    const row = (await client.query(`select (select count(*) from organizations where kind = 'agency') agencies, (select count(*) from procurements) procurements, (select count(*) from bids) bids, (select count(*) from credit_events) credit_events, (select pg_size_pretty(pg_database_size(current_database()))) size, version() version`)).rows[0]
    await client.end()
    return row as { agencies: string; procurements: string; bids: string; credit_events: string; size: string; version: string }
  })()
  log(`data: ${counts.agencies} agencies, ${counts.procurements} procurements, ${counts.bids} bids, ${counts.credit_events} credit events, ${counts.size}`)

  const server = await startServer(SERVER_ENV)
  const pid = server.child.pid!
  await new Promise((r) => setTimeout(r, 2000))
  const idleRss = rssOf(pid)
  const p2: Array<{ name: string; search: string; http: Load; ref: Load; one: Load; refOne: Load; plan: string; statements: number }> = []
  let loadedRss = idleRss
  try {
    for (const q of P2_QUERIES) {
      log(`P2 ${q.name}`)
      const statements = await statementsOf(q.search)
      const { result: http, peak } = await peakRss(pid, () => cannon(`http://127.0.0.1:${PORT}/procurements${q.search ? `?${new URLSearchParams(q.search)}` : ''}`, 10))
      loadedRss = Math.max(loadedRss, peak)
      const ref = await reference(statements, 10)
      // One client at a time: the time a request takes, without waiting behind others for the core.
      const one = await cannon(`http://127.0.0.1:${PORT}/procurements${q.search ? `?${new URLSearchParams(q.search)}` : ''}`, 1, Math.ceil(DURATION / 2))
      const refOne = await reference(statements, 1, Math.ceil(DURATION / 2))
      // The page's rows and its capped count (the third statement reads the items of those 20 rows by id).
      p2.push({ name: q.name, search: q.search, http, ref, one, refOne, plan: [await explain(statements[0]!), await explain(statements[1]!)].join('\n\n'), statements: statements.length })
      log(`  10 clients: http p50 ${ms(http.p50)} p95 ${ms(http.p95)} ${rate(http.rate)} · pg p50 ${ms(ref.p50)} p95 ${ms(ref.p95)} ${rate(ref.rate)}`)
      log(`  1 client:   http p50 ${ms(one.p50)} p95 ${ms(one.p95)} · pg p50 ${ms(refOne.p50)} p95 ${ms(refOne.p95)}`)
    }
  } finally {
    await server.stop()
  }

  // Scale-out on this machine: two app processes on one database, the same 10 clients split between them.
  log('P2 first page with two app processes')
  const servers = await Promise.all([startServer(SERVER_ENV, PORT), startServer(SERVER_ENV, PORT + 1)])
  let two: Load
  try {
    two = pooled(await Promise.all([PORT, PORT + 1].map((port) => cannon(`http://127.0.0.1:${port}/procurements`, 5, DURATION, true))), DURATION)
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
  log(`  two processes: http p50 ${ms(two.p50)} p95 ${ms(two.p95)} ${rate(two.rate)}`)

  const sizes = pageSizes('public')
  const home = sizes.find((s) => s.route === 'routes/_index')!
  const largest = sizes[0]!
  const commit = (await run('git', ['rev-parse', '--short', 'HEAD'])).stdout.trim()
  const p2ok = p2.every((r) => met(r.http, r.ref) === 'yes')
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (tests/load/bench.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit \`${commit}\`, ${SCALE_NAME} scale.`,
    '',
    `**Machine:** ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${counts.version.split(' on ')[0]}.`,
    `**Data:** ${Number(counts.agencies).toLocaleString('en')} agencies, ${Number(counts.procurements).toLocaleString('en')} procurements, ${Number(counts.bids).toLocaleString('en')} bids, ${Number(counts.credit_events).toLocaleString('en')} credit events; ${counts.size} on disk.`,
    `**Load:** tests/load/cannon.mjs (autocannon in its own process), 10 connections, ${DURATION} s per figure after 2 s of warm-up. The reference replays the same SQL (captured from the service) through \`pg\` with 10 connections; one reference "request" is all of a page's list statements in turn.`,
    '',
    '| # | what | measured | reference in the same run | target | met? |',
    '| --- | --- | --- | --- | --- | --- |',
    '| P1 | bid submission through HTTP | not measured yet | – | ≥ 25% of the reference; p99 ≤ 50 ms at 50 bidders | – |',
    ...p2.map((r, i) => `| ${i === 0 ? 'P2' : ''} | search: ${r.name} (\`/procurements${r.search ? `?${r.search}` : ''}\`) | 10 clients: p50 ${ms(r.http.p50)}, p95 ${ms(r.http.p95)}, p99 ${ms(r.http.p99)}, ${rate(r.http.rate)}${r.http.non2xx ? `, ${r.http.non2xx} non-2xx` : ''}; 1 client: p50 ${ms(r.one.p50)}, p95 ${ms(r.one.p95)} | 10 clients: p50 ${ms(r.ref.p50)}, p95 ${ms(r.ref.p95)}, ${rate(r.ref.rate)}; 1 client: p50 ${ms(r.refOne.p50)}, p95 ${ms(r.refOne.p95)} (${r.statements} statements) | median ≤ 3× reference; p95 ≤ 50 ms | 10 clients: ${met(r.http, r.ref)}; 1 client: ${met(r.one, r.refOne)} |`),
    `|  | search: first page, **two app processes**, 5 clients each | p50 ${ms(two.p50)}, p95 ${ms(two.p95)}, p99 ${ms(two.p99)}, ${rate(two.rate)} (one process: ${rate(p2[0]!.http.rate)}) | as above | as above | ${met(two, p2[0]!.ref)} |`,
    '| P3 | one auction bid to 1,000 SSE watchers | not measured yet | – | p99 ≤ 250 ms | – |',
    '| P4 | 8,000 auctions in half an hour | not measured yet | ProZorro: 800 per half hour | 0 closes > 5 s late | – |',
    '| P5 | credit recompute; one event | not measured yet (the credit issue builds the score) | – | ≤ 30 s; ≤ 5 ms | – |',
    `| P6 | JavaScript per page, gzipped | home ${kb(home.gzip)}; largest ${kb(largest.gzip)} (\`${largest.route}\`) | – | home ≤ 100 KB; every page ≤ 150 KB | ${home.gzip <= 100 * 1024 && largest.gzip <= 150 * 1024 ? 'yes' : 'no'} |`,
    `| | server RSS on PostgreSQL | ${mb(idleRss)} idle, ${mb(loadedRss)} peak under the P2 load | – | ≤ 300 MB | ${loadedRss <= 300 * 1024 * 1024 ? 'yes' : 'no'} |`,
    '',
    `P2 ${p2ok ? 'meets' : 'does not yet meet'} its target on every query.`,
    '',
    '## Query plans (P2): EXPLAIN ANALYZE of the page\'s rows, then of its capped count',
    '',
    ...p2.flatMap((r) => [`### ${r.name}`, '', '```', r.plan, '```', '']),
  ]
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, lines.join('\n'))
  log(`wrote ${path.relative(process.cwd(), OUT)} in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).message}`)
  process.exit(1)
})
