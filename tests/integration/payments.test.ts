import { and, eq, sql } from 'drizzle-orm'
import nock from 'nock'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { creditEvents, ledgerEntries, paymentEvents, paymentMilestones, payments, procurements, type Payment, type User } from '../../db/schema'
import { verifyChain } from '../../services/audit'
import { JobQueue } from '../../services/jobs'
import {
  PaymentProvider,
  ProviderError,
  flagLateFunding,
  fundMilestone,
  handleWebhook,
  ledgerProblems,
  ledgerTotals,
  paymentHandlers,
  reconcilePayments,
  signatureHeader,
  type ProviderPayment,
} from '../../services/payments'
import { contractInputSchema, decideDelivery, decisionSchema, deliver, procurementHandlers } from '../../services/procurement'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { contractedDirect, demoParties } from '../support/contracts'
import { dbError, freshDatabase } from '../support/db'

/**
 * Escrow through a payment provider that nock plays: declines, timeouts, 500s, bad and stale
 * webhook signatures, a thousand webhooks duplicated and reordered, a double click, the release
 * on acceptance and late funding. After each, the ledger is exactly right.
 */
const BASE = 'https://pay.provider.test'
const SECRETS = ['whsec_test_current_0123456789', 'whsec_test_previous_0123456789']
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const clock = new ManualClock('2026-12-01T02:00:00Z')
let database: Database
let queue: JobQueue
let owner: User
let agency: User
const sleeps: number[] = []
const provider = new PaymentProvider({ baseUrl: BASE, apiKey: 'sk_test_0123456789', timeoutMs: 200, attempts: 4, backoffMs: 100, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 })
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? e.code : String(e)))
const paymentRow = async (id: string) => (await database.db.select().from(payments).where(eq(payments.id, id)))[0]!
const snapshot = (p: Payment, over: Partial<ProviderPayment> = {}): ProviderPayment => ({ id: p.providerId ?? `pay_${p.id.slice(0, 8)}`, reference: p.id, amount: p.amountFen, currency: 'CNY', status: 'pending', released: 0, refunded: 0, decline_code: null, ...over })
/** The reference a create call names (nock hands the body over parsed or as text). */
const refOf = (body: unknown) => (typeof body === 'string' ? (JSON.parse(body) as { reference: string }) : (body as { reference: string })).reference
let eventNo = 0
/** A webhook as the provider sends it, signed now (or at `t`) with the current secret. */
function webhook(type: string, object: ProviderPayment, t = Math.floor(clock.now().getTime() / 1000), secrets = SECRETS.slice(0, 1)) {
  const body = JSON.stringify({ id: `evt_${++eventNo}`, type, created: t, data: { object } })
  return { body, header: signatureHeader(secrets, t, body) }
}
const send = (w: { body: string; header: string }) => handleWebhook(database.db, clock, queue, SECRETS, w.body, w.header)

const contracted = (title: string, firstPercent?: string) => contractedDirect(database.db, clock, queue, { owner, agency }, title, { firstPercent })

beforeAll(async () => {
  nock.disableNetConnect()
  nock.enableNetConnect(/127\.0\.0\.1|localhost/)
  database = await freshDatabase()
  await seedDemo(database.db, new ManualClock('2026-11-23T02:00:00Z'))
  queue = new JobQueue(database.db, clock, { ...procurementHandlers, ...paymentHandlers(provider) }, { log: () => {} })
  ;({ owner, agency } = await demoParties(database.db))
})
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([])
  nock.cleanAll()
})
afterAll(async () => {
  nock.enableNetConnect()
  await database?.close()
})

describe('the payment plan', () => {
  it('splits the price into a first share by its funding day and the rest by the due date, in whole fen', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contracted('排水管网改造工程地形测绘（分期）', '30')
    const plan = await database.db.select().from(paymentMilestones).where(eq(paymentMilestones.procurementId, id as never)).orderBy(paymentMilestones.seq)
    // 27,500 yuan: 30% is 8,250.00, the rest 19,250.00; three working days from Monday 14th is Wednesday 16th; six is Monday 21st.
    expect(plan.map((m) => [m.seq, m.amountFen, m.fundBy])).toEqual([[1, 825_000, '2026-12-16'], [2, 1_925_000, '2026-12-21']])
    expect(contractInputSchema.safeParse({ startDate: '2026-12-14', fundDays: '3', firstPercent: '95' }).error?.issues[0]?.message).toBe('fund.error.firstPercent')
    expect(contractInputSchema.safeParse({ startDate: '2026-12-14', fundDays: '0' }).error?.issues[0]?.message).toBe('fund.error.fundDays')
  })
})

describe('funding through the provider', () => {
  let id: string
  beforeAll(async () => {
    clock.set('2026-12-01T02:00:00Z')
    id = await contracted('排水管网改造工程管线探测')
    clock.set('2026-12-14T02:00:00Z')
  })

  it('a declined payment is refused in words, charges nothing, and may be funded again', async () => {
    nock(BASE).post('/v1/payments').reply(402, { error: { code: 'insufficient_funds' } })
    expect(await code(fundMilestone(database.db, clock, provider, queue, as(owner), id, 1))).toBe('fund.error.declined')
    const [declined] = await database.db.select().from(payments).where(eq(payments.procurementId, id as never))
    expect(declined).toMatchObject({ status: 'declined', declineCode: 'insufficient_funds' })
    expect(await database.db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, declined!.id))).toEqual([])
    // Only the owner funds; another organization finds nothing.
    expect(await code(fundMilestone(database.db, clock, provider, queue, as(agency), id, 1))).toBe('errors.notFound')
  })

  it('a provider that times out leaves the payment pending; the reconcile job finds it, and the owner is charged once', async () => {
    const keys: string[] = []
    const remember = function (this: { req: { headers: Record<string, string> } }) {
      keys.push(this.req.headers['idempotency-key']!)
    }
    nock(BASE).post('/v1/payments').times(4).delay(2000).reply(function () {
      remember.call(this as never)
      return [201, {}]
    })
    sleeps.length = 0
    const { payment } = await fundMilestone(database.db, clock, provider, queue, as(owner), id, 1)
    expect(payment.status).toBe('creating')
    // Four attempts under one key, with jittered backoff between them.
    expect(keys).toEqual(Array(4).fill(`create:${payment.id}`))
    expect(sleeps).toEqual([50, 100, 200])
    // The reconcile job asks again under the same key; the provider had it all along, and funded it.
    clock.set('2026-12-14T02:11:00Z')
    nock(BASE)
      .post('/v1/payments', (body) => body.reference === payment.id)
      .matchHeader('idempotency-key', `create:${payment.id}`)
      .reply(200, snapshot(payment, { id: 'pay_timeout_1', status: 'held' }))
    expect(await reconcilePayments(database.db, clock, provider, queue)).toEqual({ checked: 1, failed: 0 })
    const held = await paymentRow(payment.id)
    expect(held).toMatchObject({ status: 'held', providerId: 'pay_timeout_1' })
    // A late webhook saying the same charges nothing more.
    expect((await send(webhook('payment.held', snapshot(held, { status: 'held' })))).body).toEqual({ received: true, applied: false })
    const funds = await database.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.paymentId, payment.id), eq(ledgerEntries.kind, 'fund')))
    expect(funds.map((e) => [e.account, e.amountFen]).sort()).toEqual([['escrow', 2_750_000], ['payer', -2_750_000]])
    // A second click now finds the live payment: nothing is sent.
    expect((await fundMilestone(database.db, clock, provider, queue, as(owner), id, 1)).created).toBe(false)
  })

  it('retries 500s and 503s under the same key, then takes the answer', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const other = await contracted('排水管网改造工程竣工测量')
    clock.set('2026-12-14T03:00:00Z')
    nock(BASE).post('/v1/payments').reply(500).post('/v1/payments').reply(503, { error: { code: 'maintenance' } }).post('/v1/payments').reply(201, (_uri, body) => snapshot({ id: refOf(body), amountFen: 2_750_000, providerId: 'pay_retry_1' } as Payment))
    const before = provider.attemptsMade
    const { payment } = await fundMilestone(database.db, clock, provider, queue, as(owner), other, 1)
    expect(provider.attemptsMade - before).toBe(3)
    expect(payment).toMatchObject({ status: 'pending', providerId: 'pay_retry_1' })
    // A 400 is our fault and is not retried; a call without an idempotency key is never retried.
    nock(BASE).get('/v1/payments/pay_retry_1').reply(400, { error: { code: 'bad_request' } })
    await expect(provider.getPayment('pay_retry_1')).rejects.toMatchObject({ kind: 'rejected', status: 400 })
    nock(BASE).post('/v1/things').reply(503)
    await expect(provider.request({ method: 'POST', path: '/v1/things', body: {} })).rejects.toBeInstanceOf(ProviderError)
    // Still down after every attempt: unavailable, and the payment waits for the reconcile job.
    nock(BASE).get('/v1/payments/pay_retry_1').times(4).reply(502)
    await expect(provider.getPayment('pay_retry_1')).rejects.toMatchObject({ kind: 'unavailable', status: 502 })
  })

  it('refuses webhooks with a bad signature or a stale timestamp (400), and changes nothing', async () => {
    const [payment] = await database.db.select().from(payments).where(eq(payments.providerId, 'pay_retry_1'))
    const events = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(paymentEvents))[0]!.n
    const before = await events()
    const held = webhook('payment.held', snapshot(payment!, { status: 'held' }))
    const tampered = { body: held.body.replace('"held"', '"settled"'), header: held.header }
    expect(await send(tampered)).toEqual({ status: 400, body: { error: 'signature mismatch' } })
    expect(await send({ body: held.body, header: signatureHeader(['whsec_someone_else_0123456789'], Math.floor(clock.now().getTime() / 1000), held.body) })).toMatchObject({ status: 400 })
    const stale = webhook('payment.held', snapshot(payment!, { status: 'held' }), Math.floor(clock.now().getTime() / 1000) - 301)
    expect(await send(stale)).toEqual({ status: 400, body: { error: 'signature stale' } })
    expect(await send({ body: held.body, header: '' })).toEqual({ status: 400, body: { error: 'signature missing' } })
    expect(await send({ body: held.body, header: 't=abc,v1=zz' })).toEqual({ status: 400, body: { error: 'signature malformed' } })
    expect(await events()).toBe(before)
    expect((await paymentRow(payment!.id)).status).toBe('pending')
    // Signed with the previous secret during a rotation (beside a value no secret makes), it is taken.
    const t = Math.floor(clock.now().getTime() / 1000)
    const rotated = { body: held.body, header: `${signatureHeader(['whsec_unknown_0123456789'], t, held.body)},${signatureHeader([SECRETS[1]!], t, held.body).split(',')[1]}` }
    expect(await send(rotated)).toEqual({ status: 200, body: { received: true, applied: true } })
    expect((await paymentRow(payment!.id)).status).toBe('held')
  })
})

describe('a double click on "fund"', () => {
  it('makes one payment and one call to the provider', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contracted('排水管网改造工程规划核实测量')
    clock.set('2026-12-14T04:00:00Z')
    nock(BASE).post('/v1/payments').once().delay(100).reply(201, (_uri, body) => snapshot({ id: refOf(body), amountFen: 2_750_000, providerId: 'pay_double' } as Payment))
    const [a, b] = await Promise.all([fundMilestone(database.db, clock, provider, queue, as(owner), id, 1), fundMilestone(database.db, clock, provider, queue, as(owner), id, 1)])
    expect(a.payment.id).toBe(b.payment.id)
    expect([a.created, b.created].sort()).toEqual([false, true])
    expect(await database.db.select().from(payments).where(eq(payments.procurementId, id as never))).toHaveLength(1)
  })
})

describe('from funding to release', () => {
  it('releases what escrow holds once the owner accepts, and the agency sees it paid', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contracted('排水管网改造工程放线测量')
    clock.set('2026-12-14T05:00:00Z')
    nock(BASE).post('/v1/payments').reply(201, (_uri, body) => snapshot({ id: refOf(body), amountFen: 2_750_000, providerId: 'pay_flow' } as Payment))
    const { payment } = await fundMilestone(database.db, clock, provider, queue, as(owner), id, 1)
    expect((await send(webhook('payment.held', snapshot(payment, { id: 'pay_flow', status: 'held' })))).body).toEqual({ received: true, applied: true })
    await queue.runDue()
    await deliver(database.db, clock, as(agency), id, '放线测量成果', PDF)
    await decideDelivery(database.db, clock, queue, as(owner), id, decisionSchema.parse({ decision: 'accept' }))
    // The acceptance booked the release; the job asks the provider, which answers at once and tells the rest by webhook.
    nock(BASE).post('/v1/payments/pay_flow/release', { amount: 2_750_000 }).matchHeader('idempotency-key', `release:${payment.id}`).reply(200, snapshot(payment, { id: 'pay_flow', status: 'held' }))
    await queue.runDue()
    expect((await paymentRow(payment.id)).releaseRequestedAt).not.toBeNull()
    await send(webhook('payment.released', snapshot(payment, { id: 'pay_flow', status: 'settled', released: 2_750_000 })))
    const done = await paymentRow(payment.id)
    expect(done).toMatchObject({ status: 'settled', releasedFen: 2_750_000, refundedFen: 0 })
    const byAccount = await database.db.select({ account: ledgerEntries.account, total: sql<string>`sum(${ledgerEntries.amountFen})::text` }).from(ledgerEntries).where(eq(ledgerEntries.paymentId, payment.id)).groupBy(ledgerEntries.account)
    expect(Object.fromEntries(byAccount.map((r) => [r.account, Number(r.total)]))).toEqual({ payer: -2_750_000, escrow: 0, payee: 2_750_000 })
    expect((await database.db.select().from(procurements).where(eq(procurements.id, id as never)))[0]!.status).toBe('accepted')
    expect((await verifyChain(database.db)).ok).toBe(true)
  })
})

describe('late funding', () => {
  it('is flagged once, against the owner’s credit', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contracted('排水管网改造工程日照分析', '40')
    // The first 40% was due by Wednesday 16th; on Thursday 17th it is late, the rest (due 21st) not yet.
    clock.set('2026-12-16T17:00:00Z')
    expect(await flagLateFunding(database.db, clock)).toBeGreaterThanOrEqual(1)
    expect(await flagLateFunding(database.db, clock)).toBe(0)
    const events = await database.db.select().from(creditEvents).where(and(eq(creditEvents.procurementId, id as never), eq(creditEvents.kind, 'funding_overdue')))
    expect(events.map((e) => [e.orgId, e.detail])).toEqual([[owner.orgId, { milestone: 1, fundBy: '2026-12-16' }]])
  })
})

describe('the ledger itself', () => {
  it('refuses a movement that does not balance, and any rewrite or deletion', async () => {
    const [any] = await database.db.select().from(ledgerEntries).limit(1)
    const movementId = '00000000-0000-4000-8000-000000000001'
    const entry = { movementId, paymentId: any!.paymentId, kind: 'fund' as const, at: clock.now() }
    expect(await dbError(database.db.transaction(async (tx) => {
      await tx.insert(ledgerEntries).values([{ ...entry, account: 'payer', orgId: owner.orgId, amountFen: -100 }, { ...entry, account: 'escrow', amountFen: 99 }])
    }))).toMatch(/does not balance/)
    expect(await dbError(database.db.update(ledgerEntries).set({ amountFen: 1 }).where(eq(ledgerEntries.id, any!.id)))).toMatch(/append-only/)
    expect(await dbError(database.db.delete(ledgerEntries).where(eq(ledgerEntries.id, any!.id)))).toMatch(/append-only/)
    expect(await ledgerProblems(database.db)).toEqual([])
  })
})

describe('a thousand webhooks, 30% duplicated and 20% reordered', () => {
  it('leave every payment and the ledger exactly right', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contracted('排水管网改造工程数字化成果入库')
    clock.set('2026-12-15T02:00:00Z')
    // 323 payments the provider knows, each with its story: funded, then released (in one or two
    // parts), refunded, released in part and refunded the rest, declined, or left pending.
    const rows = await database.db
      .insert(payments)
      .values(Array.from({ length: 323 }, (_, i) => ({ procurementId: id as never, milestoneSeq: 100 + i, payerOrgId: owner.orgId, payeeOrgId: agency.orgId, amountFen: 10_000 + i * 137, status: 'pending' as const, providerId: `pay_bulk_${i}`, createdAt: clock.now(), updatedAt: clock.now() })))
      .returning()
    const expected = new Map<string, { status: string; released: number; refunded: number }>()
    const story: Array<{ type: string; object: ProviderPayment }> = []
    for (const [i, p] of rows.entries()) {
      const s = (over: Partial<ProviderPayment>) => snapshot(p, over)
      const half = Math.floor(p.amountFen / 2)
      const steps: Array<[string, ProviderPayment]> =
        i % 6 === 0 ? [['payment.held', s({ status: 'held' })], ['payment.released', s({ status: 'settled', released: p.amountFen })]]
        : i % 6 === 1 ? [['payment.held', s({ status: 'held' })], ['payment.released', s({ status: 'held', released: half })], ['payment.released', s({ status: 'settled', released: p.amountFen })]]
        : i % 6 === 2 ? [['payment.held', s({ status: 'held' })], ['payment.refunded', s({ status: 'settled', refunded: p.amountFen })]]
        : i % 6 === 3 ? [['payment.held', s({ status: 'held' })], ['payment.released', s({ status: 'held', released: half })], ['payment.refunded', s({ status: 'settled', released: half, refunded: p.amountFen - half })]]
        : i % 6 === 4 ? [['payment.declined', s({ status: 'declined', decline_code: 'insufficient_funds' })]]
        : [['payment.pending', s({ status: 'pending' })], ['payment.held', s({ status: 'held' })]]
      for (const [type, object] of steps) story.push({ type, object })
      const last = steps.at(-1)![1]
      expected.set(p.id, { status: last.status, released: last.released, refunded: last.refunded })
    }
    expect(story).toHaveLength(700)
    // Each event once, signed as sent; 300 sent again; then 200 of the thousand moved out of order.
    const signed = story.map((e) => webhook(e.type, e.object))
    const random = mulberry32(20261207)
    const all = [...signed, ...Array.from({ length: 300 }, () => signed[Math.floor(random() * signed.length)]!)]
    const moved = shuffle(Array.from({ length: all.length }, (_, i) => i), random).slice(0, 200)
    const targets = shuffle([...moved], random)
    const delivery = [...all]
    moved.forEach((from, k) => (delivery[targets[k]!] = all[from]!))
    expect(delivery).toHaveLength(1000)
    // Four at a time, as a provider's workers would send them.
    const replies: number[] = []
    for (let i = 0; i < delivery.length; i += 4) replies.push(...(await Promise.all(delivery.slice(i, i + 4).map(async (w) => (await send(w)).status))))
    expect(replies.every((s) => s === 200)).toBe(true)
    const after = await database.db.select().from(payments).where(eq(payments.procurementId, id as never))
    for (const p of after) {
      const want = expected.get(p.id)!
      expect({ status: p.status, released: p.releasedFen, refunded: p.refundedFen }).toEqual(want)
    }
    expect(await database.db.select({ n: sql<number>`count(*)::int` }).from(paymentEvents).where(sql`${paymentEvents.paymentId} in (select id from payments where procurement_id = ${id})`)).toEqual([{ n: 700 }])
    expect(await ledgerProblems(database.db)).toEqual([])
    // The three accounts of these payments, against what their stories add up to.
    const sum = (f: (p: Payment) => number) => after.reduce((s, p) => s + f(p), 0)
    const funded = (p: Payment) => (p.status === 'held' || p.status === 'settled' ? p.amountFen : 0)
    const accounts = await database.db
      .select({ account: ledgerEntries.account, total: sql<string>`sum(${ledgerEntries.amountFen})::text` })
      .from(ledgerEntries)
      .where(sql`${ledgerEntries.paymentId} in (select id from payments where procurement_id = ${id})`)
      .groupBy(ledgerEntries.account)
    expect(Object.fromEntries(accounts.map((r) => [r.account, Number(r.total)]))).toEqual({
      payer: sum((p) => p.refundedFen - funded(p)),
      escrow: sum((p) => funded(p) - p.releasedFen - p.refundedFen),
      payee: sum((p) => p.releasedFen),
    })
    expect(sum((p) => p.releasedFen)).toBe(expectedSum(expected, 'released'))
    const totals = await ledgerTotals(database.db)
    expect(totals.escrowFen).toBeGreaterThanOrEqual(sum((p) => funded(p) - p.releasedFen - p.refundedFen))
  })
})

function expectedSum(expected: Map<string, { released: number; refunded: number }>, key: 'released' | 'refunded') {
  return [...expected.values()].reduce((s, e) => s + e[key], 0)
}

function mulberry32(seed: number) {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}
