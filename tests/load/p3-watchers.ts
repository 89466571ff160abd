import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import readline from 'node:readline'
import pg from 'pg'
import { quantile, sleep } from './harness'
import { insertAuctions, insertProcurements, signedInBidders } from './rigs'

export interface BroadcastFigures {
  watchers: number
  processes: number
  /** streams that never opened, or missed a move */
  missed: number
  moves: number
  /** from sending each move (its request, its commit and its publication included) to each watcher's board showing it, over every move and watcher */
  p50: number
  p95: number
  p99: number
  max: number
}

const TURN_SECONDS = 4
const BIDDERS = 5

/**
 * P3: `watchers` Server-Sent Events streams on one live auction, spread over the given app
 * processes (tests/load/watchers.mjs, its own process), and one round of moves, each sent through
 * HTTP by the bidder whose turn it is to the first process, in the middle of its turn. With two
 * processes the second hears of each move through LISTEN/NOTIFY.
 */
export async function measureBroadcast(url: string, ports: number[], watchers: number, item = 2): Promise<BroadcastFigures> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const now = new Date()
  const { item: it, bidders } = await signedInBidders(client, item, BIDDERS, now)
  const [id] = await insertProcurements(client, { tag: `P3-${now.toISOString().slice(0, 19)}-${ports.length}`, count: 1, item: it, status: 'selecting', method: 'reverse_auction', publishedAt: new Date(now.getTime() - 7 * 86_400_000), deadline: new Date(now.getTime() - 86_400_000), maxPriceFen: 5_000_000 })
  // The watchers connect before it starts: time enough for a thousand streams.
  const startsAt = new Date(now.getTime() + 15_000)
  const prices = bidders.map((_, i) => 4_900_000 - i * 50_000)
  await insertAuctions(client, [{ procurementId: id!, bidders, pricesFen: prices, startsAt, turnSeconds: TURN_SECONDS, rounds: 3, submittedAt: new Date(now.getTime() - 2 * 86_400_000), committedDays: Math.min(5, it.standardDays) }])
  const child = spawn(process.execPath, [path.resolve('tests/load/watchers.mjs'), JSON.stringify({ urls: ports.map((port) => `http://127.0.0.1:${port}/procurements/${id}/auction/stream`), n: watchers })], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = readline.createInterface({ input: child.stdout! })
  const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve))
  const sent = new Map<number, number>()
  try {
    const ready = nextLine()
    await Promise.race([ready, sleep(60_000).then(() => Promise.reject(new Error('the watchers did not connect in 60 s')))])
    if (Date.now() > startsAt.getTime()) throw new Error('the watchers connected after the auction started: give them more time')
    // The first round: the highest price moves first (labels are in that order), each down by a step.
    for (let slot = 0; slot < BIDDERS; slot++) {
      await sleep(startsAt.getTime() + slot * TURN_SECONDS * 1000 + 1500 - Date.now())
      const bidder = bidders[slot]!
      const t0 = Date.now()
      const response = await fetch(`http://127.0.0.1:${ports[0]}/procurements/${id}/auction.data`, {
        method: 'POST',
        headers: { cookie: bidder.cookie, origin: `http://127.0.0.1:${ports[0]}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ intent: 'bid', price: String((prices[slot]! - 10_000) / 100), idempotencyKey: randomUUID() }),
      })
      await response.arrayBuffer()
      if (!response.ok) throw new Error(`the move of label ${slot + 1} was refused: ${response.status}`)
      const { rows } = await client.query('select id from auction_events where procurement_id = $1 order by id desc limit 1', [id])
      sent.set(Number(rows[0].id), t0)
    }
    await sleep(2000)
    const result = nextLine()
    child.stdin!.write('done\n')
    const seen = JSON.parse(await result) as { ready: number; failed: number; arrivals: Record<string, number[]> }
    const latencies: number[] = []
    let missed = seen.failed
    for (const [eventId, t0] of sent) {
      const arrivals = seen.arrivals[eventId] ?? []
      missed += watchers - seen.failed - arrivals.length
      for (const at of arrivals) latencies.push(at - t0)
    }
    latencies.sort((a, b) => a - b)
    return { watchers, processes: ports.length, missed, moves: sent.size, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN }
  } finally {
    child.kill()
    await client.end()
  }
}
