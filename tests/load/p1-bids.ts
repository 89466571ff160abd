import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { openDatabase } from '../../db/client'
import type { OrgId, ProcurementId, UserId } from '../../db/schema'
import { bidInputSchema, submitBid } from '../../services/bids'
import { systemClock } from '../../services/shared/clock'
import { cannon, loadOf, pooled, type Load } from './harness'
import { insertProcurements, signedInBidders, type Bidder } from './rigs'

export interface BidFigures {
  bidders: number
  processes: number
  /** as fast as answers come: each bidder sends its next bid when the last is answered */
  http: Load
  /** the bidders paced at `pace` bids a second each, as a deadline's last minutes might bring them */
  paced: Load | null
  pace: number
  /** submitBid through a pool of as many connections, in the bench's process: the same transaction without HTTP, sessions or forms */
  ref: Load | null
  /** bids in the database on the announcements the HTTP runs used, and the 2xx answers they had (warm-ups included) */
  landed: number
}

/** Announcements each run opens: every bidder bids on a new one with each request. */
const ANNOUNCEMENTS = 800

/**
 * P1: signed-in agencies submit sealed bids through HTTP, as the bid page's form does (POST to the
 * route's action, single fetch), each bid on an announcement it has not bid on: first as fast as
 * the answers come, then paced. The reference calls the same service at the same concurrency
 * straight through `pg`.
 */
export async function measureBids(url: string, ports: number[], duration: number, options: { bidders?: number; pace?: number; reference?: boolean } = {}): Promise<BidFigures> {
  const { bidders: bidderCount = 50, pace = 1, reference: withReference = true } = options
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const now = new Date()
  const stamp = now.toISOString().slice(0, 19)
  let bidders: Bidder[]
  const sets: Record<'http' | 'paced' | 'ref', string[]> = { http: [], paced: [], ref: [] }
  let days: number
  try {
    const made = await signedInBidders(client, 0, bidderCount, now)
    bidders = made.bidders
    days = Math.min(5, made.item.standardDays)
    const spec = { item: made.item, status: 'published' as const, method: 'lowest_price' as const, publishedAt: new Date(now.getTime() - 3600_000), deadline: new Date(now.getTime() + 3 * 86_400_000), maxPriceFen: 5_000_000 }
    sets.http = await insertProcurements(client, { ...spec, count: ANNOUNCEMENTS, tag: `P1-http-${ports.length}-${stamp}` })
    if (pace) sets.paced = await insertProcurements(client, { ...spec, count: ports.length * (bidderCount + Math.ceil(pace * (duration + 4))), tag: `P1-paced-${ports.length}-${stamp}` })
    if (withReference) sets.ref = await insertProcurements(client, { ...spec, count: ANNOUNCEMENTS, tag: `P1-ref-${stamp}` })
    await client.query('analyze procurements')
  } finally {
    await client.end()
  }
  const body = new URLSearchParams({ intent: 'submit', price: '45000', committedDays: String(days), accept: 'yes' }).toString()
  // Each app process gets its share of the bidders and of the announcements.
  const run = async (ids: string[], connectionRate?: number) => {
    const share = Math.ceil(bidders.length / ports.length)
    const perPort = Math.ceil(ids.length / ports.length)
    const loads = await Promise.all(
      ports.map((port, i) =>
        cannon({
          url: `http://127.0.0.1:${port}`,
          connections: bidders.slice(i * share, (i + 1) * share).length,
          duration,
          raw: ports.length > 1,
          method: 'POST',
          body,
          connectionRate,
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` },
          sequence: { headers: bidders.slice(i * share, (i + 1) * share).map((b) => ({ cookie: b.cookie })), paths: ids.slice(i * perPort, (i + 1) * perPort).map((id) => `/agency/bids/${id}.data`) },
        }),
      ),
    )
    return ports.length > 1 ? pooled(loads, duration) : loads[0]!
  }
  const http = await run(sets.http)
  const paced = pace ? await run(sets.paced, pace) : null
  const ref = withReference ? await reference(url, bidders, sets.ref, days, duration) : null
  const check = new pg.Client({ connectionString: url })
  await check.connect()
  const landed = Number((await check.query('select count(*) from bids where procurement_id = any($1::uuid[])', [[...sets.http, ...sets.paced]])).rows[0].count)
  await check.end()
  return { bidders: bidders.length, processes: ports.length, http, paced, pace, ref, landed }
}

async function reference(url: string, bidders: Bidder[], ids: string[], days: number, duration: number): Promise<Load> {
  const database = await openDatabase({ url, poolSize: bidders.length })
  const input = bidInputSchema.parse({ price: '45000', committedDays: String(days), accept: 'yes' })
  const times: number[] = []
  let failed = 0
  const warm = performance.now() + 2000
  const until = warm + duration * 1000
  await Promise.all(
    bidders.map(async (b, c) => {
      for (let k = 0; performance.now() < until && c + k < ids.length; k++) {
        const t0 = performance.now()
        try {
          await submitBid(database.db, systemClock, { userId: b.userId as UserId, orgId: b.orgId as OrgId, ip: '127.0.0.1' }, ids[c + k] as ProcurementId, input)
        } catch {
          failed++
        }
        if (t0 > warm) times.push(performance.now() - t0)
      }
    }),
  )
  await database.close()
  return loadOf(times, duration, failed)
}
