import pg from 'pg'
import { log, quantile, sleep, type Server } from './harness'
import { insertAuctions, insertProcurements, signedInBidders } from './rigs'

export interface CloseFigures {
  auctions: number
  /** the span over which their ends were spread */
  windowSeconds: number
  processes: number
  /** seconds from each auction's end to its finish (ranked, award offered) */
  p50: number
  p99: number
  max: number
  late: number
  unfinished: number
  /** finish jobs claimed more than once, or not done */
  repeated: number
  notDone: number
}

const TURN_SECONDS = 60
const ROUNDS = 3
const BIDDERS = 3

/**
 * P4: `count` auctions whose ends are spread evenly over `windowSeconds`, each with its finish job
 * in the queue as the opening books it, closed by the app processes' own job workers on the real
 * clock. Lateness is the finish's time (in its transaction) less the auction's end. A job claimed
 * twice would show as more than one attempt: the queue's claim is one UPDATE … FOR UPDATE SKIP LOCKED.
 */
export async function measureCloses(url: string, start: () => Promise<Server[]>, count: number, windowSeconds: number): Promise<CloseFigures> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const now = new Date()
  const { item, bidders } = await signedInBidders(client, 1, 300, now)
  const ids = await insertProcurements(client, { tag: `P4-${now.toISOString().slice(0, 19)}`, count, item, status: 'selecting', method: 'reverse_auction', publishedAt: new Date(now.getTime() - 7 * 86_400_000), deadline: new Date(now.getTime() - 86_400_000), maxPriceFen: 5_000_000 })
  // The servers start within the lead; the first auction ends after it.
  let firstEnd = Date.now() + 20_000
  const length = TURN_SECONDS * ROUNDS * BIDDERS * 1000
  const made = await insertAuctions(
    client,
    ids.map((procurementId, i) => ({
      procurementId,
      bidders: [0, 1, 2].map((j) => bidders[(i * 7 + j * 101) % bidders.length]!),
      pricesFen: [4_800_000, 4_700_000 - (i % 7) * 10_000, 4_750_000],
      startsAt: new Date(firstEnd + Math.floor((i * windowSeconds * 1000) / count) - length),
      turnSeconds: TURN_SECONDS,
      rounds: ROUNDS,
      submittedAt: new Date(now.getTime() - 2 * 86_400_000),
      committedDays: Math.min(5, item.standardDays),
    })),
  )
  await client.query(
    `insert into jobs (name, key, payload, run_at) select 'auction.finish', 'auction.finish:' || p, jsonb_build_object('id', p), e from unnest($1::uuid[], $2::timestamptz[]) as t(p, e)`,
    [made.map((m) => m.procurementId), made.map((m) => m.endsAt)],
  )
  // A slow rig moves the whole schedule later, so the servers still start before the first end.
  const shift = Math.max(0, Date.now() + 15_000 - firstEnd)
  if (shift) {
    await client.query(`update auctions set starts_at = starts_at + $2 * interval '1 millisecond', ends_at = ends_at + $2 * interval '1 millisecond' where procurement_id = any($1::uuid[])`, [ids, shift])
    await client.query(`update jobs set run_at = run_at + $2 * interval '1 millisecond' where key = any($1::text[])`, [ids.map((id) => `auction.finish:${id}`), shift])
    firstEnd += shift
    log(`  (the rig took ${Math.round(shift / 1000)} s longer than planned: every end moved as much later)`)
  }
  await client.query('analyze jobs; analyze auctions; analyze procurements')
  const servers = await start()
  try {
    const deadline = firstEnd + windowSeconds * 1000 + 120_000
    for (;;) {
      const { rows } = await client.query('select count(*)::int n from auctions where procurement_id = any($1::uuid[]) and finished_at is not null', [ids])
      const done = rows[0].n as number
      const due = Math.max(0, Math.min(count, Math.floor(((Date.now() - firstEnd) / (windowSeconds * 1000)) * count)))
      process.stderr.write(`\r  closes        ${String(done).padStart(5)} finished of ${count} (${due} due)   `)
      if (done === count || Date.now() > deadline) break
      await sleep(2000)
    }
    process.stderr.write('\n')
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
  const lateness = (await client.query('select extract(epoch from finished_at - ends_at)::float8 s from auctions where procurement_id = any($1::uuid[]) and finished_at is not null order by 1', [ids])).rows.map((r) => r.s as number)
  const jobs = (await client.query(`select count(*) filter (where attempts > 1)::int repeated, count(*) filter (where status <> 'done')::int not_done from jobs where key = any($1::text[])`, [ids.map((id) => `auction.finish:${id}`)])).rows[0]
  await client.end()
  return {
    auctions: count,
    windowSeconds,
    processes: servers.length,
    p50: quantile(lateness, 0.5),
    p99: quantile(lateness, 0.99),
    max: lateness.at(-1) ?? NaN,
    late: lateness.filter((s) => s > 5).length,
    unfinished: count - lateness.length,
    repeated: jobs.repeated,
    notDone: jobs.not_done,
  }
}
