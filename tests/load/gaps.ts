import { ms, rate, type Load } from './harness'
import type { BidFigures } from './p1-bids'
import type { BroadcastFigures } from './p3-watchers'
import type { CloseFigures } from './p4-auctions'
import type { CreditFigures } from './p5-credit'

export interface Results {
  bids1?: BidFigures
  bids2?: BidFigures
  p2: Array<{ name: string; http: Load; ref: Load; one: Load; refOne: Load }>
  two?: Load
  cast1?: BroadcastFigures
  cast2?: BroadcastFigures
  closes?: CloseFigures
  credit?: CreditFigures
}

/**
 * The section of latest.md that says, for each target this run did not meet, by how much and why:
 * the causes the bench can show with its own figures (the reference beside each, the one-client
 * runs), as docs/scaling.md explains them.
 */
export function gapLines(r: Results): string[] {
  const lines: string[] = []
  const b = r.bids1
  if (b?.ref) {
    const worst = Math.max(b.paced?.p99 ?? b.http.p99, r.bids2?.paced?.p99 ?? 0)
    if (b.http.rate < 0.25 * b.ref.rate || worst > 50)
      lines.push(
        `- **P1, p99 ≤ 50 ms at 50 bidders.** Sent as fast as they are answered, 50 bidders wait in one line whatever serves them: the reference, the same transaction straight through \`pg\` with 50 connections, has a p99 of ${ms(b.ref.p99)} at ${rate(b.ref.rate)}. Every state change appends to the audit chain under one lock held to its commit (\`docs/scaling.md\`), so writes are served one after another. Through HTTP one process reaches ${Math.round((100 * b.http.rate) / b.ref.rate)}% of the reference's rate (the target asks 25%)${b.paced ? `. Paced at ${b.pace} bid a second each, arriving spread over the second, bids took p50 ${ms(b.paced.p50)} and p99 ${ms(b.paced.p99)} on one process${r.bids2?.paced ? `, p99 ${ms(r.bids2.paced.p99)} on two` : ''}: one bid alone is about 22 queries, and the tail is a bid waiting behind others for the lock` : ''}.`,
      )
  }
  const slow = r.p2.filter((q) => !(q.http.p50 <= 3 * q.ref.p50 && q.http.p95 <= 50))
  if (slow.length) {
    const first = r.p2[0]!
    const cheap = slow.filter((q) => q.refOne.p95 <= 10)
    const dear = slow.filter((q) => q.refOne.p95 > 10)
    if (cheap.length)
      lines.push(
        `- **P2, ${cheap.map((q) => q.name).join('; ')}.** The database is quick here (one client: SQL p50 ${ms(first.refOne.p50)}, the page ${ms(first.one.p50)}); the page is slow because one Node process renders about ${rate(first.http.rate)} list pages on one of the two cores, which PostgreSQL and the load generator share. Under 10 clients the median is mostly the wait for that core. Two processes served ${r.two ? rate(r.two.rate) : '–'}. Rendering, not SQL, is what to make cheaper next (\`docs/scaling.md\`).`,
      )
    if (dear.length)
      lines.push(
        `- **P2, ${dear.map((q) => q.name).join('; ')}.** Here the SQL is most of the time: with one client its p95 is ${dear.map((q) => ms(q.refOne.p95)).join(', ')} and the page's ${dear.map((q) => ms(q.one.p95)).join(', ')}, and under 10 clients the page stays within ${Math.max(...dear.map((q) => q.http.p50 / q.ref.p50)).toFixed(1)}× of its reference while the SQL alone passes 50 ms. The next indexes to try are a city column for the city prefix and a word index (pg_trgm or a search table) for two-character Chinese words.`,
      )
  }
  for (const c of [r.cast1, r.cast2])
    if (c && (c.p99 > 250 || c.missed)) lines.push(`- **P3, ${c.processes} process(es).** p99 ${ms(c.p99)}, ${c.missed} missed.`)
  const k = r.closes
  if (k && (k.late || k.unfinished || k.repeated))
    lines.push(`- **P4.** ${k.late} closes later than 5 s (p99 ${k.p99.toFixed(2)} s), ${k.unfinished} unfinished, ${k.repeated} claimed twice, at ${Math.round((k.auctions * 1800) / k.windowSeconds / 8000)}× the target's density. The ceiling is the audit chain's lock: a finish writes three entries (\`docs/scaling.md\`).`)
  const cr = r.credit
  if (cr && (cr.seconds > 30 || cr.one.p95 > 5))
    lines.push(`- **P5.** The recompute took ${cr.seconds.toFixed(1)} s; one event p50 ${ms(cr.one.p50)}, p95 ${ms(cr.one.p95)}. Six queries, the window's events read from one index; the tail follows the disk's other work (the median is the event's own cost).`)
  return lines.length ? ['## Where a target is not met, and why', '', ...lines, ''] : ['Every target is met in this run.', '']
}
