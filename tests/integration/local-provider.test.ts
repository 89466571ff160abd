import { and, eq, sql } from 'drizzle-orm'
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { creditEvents, ledgerEntries, paymentEvents, payments, procurements, type User } from '../../db/schema'
import { JobQueue } from '../../services/jobs'
import { LocalProvider, PaymentProvider, flagLateFunding, fundMilestone, handleWebhook, ledgerProblems, paymentHandlers, reconcilePayments, paymentsOf } from '../../services/payments'
import { decideDelivery, decisionSchema, deliver, procurementHandlers, terminateContract, terminationSchema } from '../../services/procurement'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { contractedDirect, demoParties } from '../support/contracts'
import { freshDatabase } from '../support/db'

/**
 * The local provider that `npm start` and the demo use, served here by msw at a made-up address
 * (the site reaches it over HTTP the same way), its webhooks handed to the site's handler. It
 * answers asynchronously (its work waits for flush()), signs its webhooks, and can be told to
 * decline, to be down, and to send every webhook twice.
 */
const BASE = 'http://provider.local.test/local-provider'
const API_KEY = 'sk_local_development'
const SECRETS = ['whsec_local_development']
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const clock = new ManualClock('2026-12-01T02:00:00Z')
let database: Database
let queue: JobQueue
let local: LocalProvider
let owner: User
let agency: User
const webhookReplies: number[] = []
const client = new PaymentProvider({ baseUrl: BASE, apiKey: API_KEY, timeoutMs: 2000, attempts: 2, sleep: async () => {} })
const server = setupServer(http.all(`${BASE}/*`, ({ request }) => local.handle(request, new URL(request.url).pathname.slice(new URL(BASE).pathname.length))))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? e.code : String(e)))
const contracted = (title: string, firstPercent?: string) => contractedDirect(database.db, clock, queue, { owner, agency }, title, { firstPercent })
const stateOf = async (id: string) => (await paymentsOf(database.db, id as never)).map((m) => m.payment && { status: m.payment.status, released: m.payment.releasedFen })

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' })
  database = await freshDatabase()
  await seedDemo(database.db, new ManualClock('2026-11-23T02:00:00Z'))
  queue = new JobQueue(database.db, clock, { ...procurementHandlers, ...paymentHandlers(client) }, { log: () => {} })
  local = new LocalProvider({
    db: database.db,
    clock,
    apiKey: API_KEY,
    secrets: SECRETS,
    webhookUrl: 'http://site.test/webhooks/payments',
    send: async (_url, init) => {
      const reply = await handleWebhook(database.db, clock, queue, SECRETS, init.body, init.headers['provider-signature'] ?? null)
      webhookReplies.push(reply.status)
      return { ok: reply.status === 200, status: reply.status }
    },
  })
  ;({ owner, agency } = await demoParties(database.db))
})
afterAll(async () => {
  server.close()
  await database?.close()
})

describe('the local provider', () => {
  it('funds in two instalments a moment after it answers, then releases both at the acceptance', async () => {
    const id = await contracted('排水管网改造工程地下管线普查', '30')
    clock.set('2026-12-14T02:00:00Z')
    await queue.runDue() // the service starts
    const first = await fundMilestone(database.db, clock, client, queue, as(owner), id, 1)
    expect(first.payment.status).toBe('pending')
    expect(await stateOf(id)).toEqual([{ status: 'pending', released: 0 }, null])
    await local.flush()
    expect(await stateOf(id)).toEqual([{ status: 'held', released: 0 }, null])
    await fundMilestone(database.db, clock, client, queue, as(owner), id, 2)
    await local.flush()
    await deliver(database.db, clock, as(agency), id, '管线普查成果', PDF)
    await decideDelivery(database.db, clock, queue, as(owner), id, decisionSchema.parse({ decision: 'accept' }))
    await queue.runDue()
    expect(await stateOf(id)).toEqual([{ status: 'held', released: 0 }, { status: 'held', released: 0 }])
    await local.flush()
    expect(await stateOf(id)).toEqual([{ status: 'settled', released: 825_000 }, { status: 'settled', released: 1_925_000 }])
    expect(webhookReplies.every((s) => s === 200)).toBe(true)
  })

  it('declines when told to, by webhook; the owner funds again once it no longer does', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contracted('排水管网改造工程控制测量')
    clock.set('2026-12-14T03:00:00Z')
    local.behaviour = { ...local.behaviour, decline: true }
    await fundMilestone(database.db, clock, client, queue, as(owner), id, 1)
    await local.flush()
    const [declined] = await paymentsOf(database.db, id as never)
    expect(declined!.payment).toMatchObject({ status: 'declined', declineCode: 'insufficient_funds' })
    local.behaviour = { ...local.behaviour, decline: false }
    const again = await fundMilestone(database.db, clock, client, queue, as(owner), id, 1)
    expect(again.created).toBe(true)
    await local.flush()
    expect(await stateOf(id)).toEqual([{ status: 'held', released: 0 }])
  })

  it('when down, leaves the payment waiting; the reconcile job creates it once it is back, under the same key', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contracted('排水管网改造工程地籍测量')
    clock.set('2026-12-14T04:00:00Z')
    local.behaviour = { ...local.behaviour, down: true }
    const { payment } = await fundMilestone(database.db, clock, client, queue, as(owner), id, 1)
    expect(payment.status).toBe('creating')
    clock.set('2026-12-14T04:11:00Z')
    expect((await reconcilePayments(database.db, clock, client, queue)).failed).toBeGreaterThanOrEqual(1)
    local.behaviour = { ...local.behaviour, down: false }
    await reconcilePayments(database.db, clock, client, queue)
    // Asked again: the same key returns the same payment, not a second one.
    await reconcilePayments(database.db, clock, client, queue)
    await local.flush()
    expect(await stateOf(id)).toEqual([{ status: 'held', released: 0 }])
    const created = await database.db.execute(sql`select count(*)::int as n from local_provider_records where key like 'payment:%' and body->>'reference' = ${payment.id}`)
    expect((created as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(1)
  })

  it('sends every webhook twice when told to; the site applies each once', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contracted('排水管网改造工程房产测绘')
    clock.set('2026-12-14T05:00:00Z')
    local.behaviour = { ...local.behaviour, duplicate: true, reorder: true }
    const sent = webhookReplies.length
    const { payment } = await fundMilestone(database.db, clock, client, queue, as(owner), id, 1)
    await local.flush()
    expect(webhookReplies.length - sent).toBe(2)
    const events = await database.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id))
    expect(events.map((e) => [e.type, e.applied])).toEqual([['payment.held', true]])
    const funds = await database.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.paymentId, payment.id), eq(ledgerEntries.kind, 'fund')))
    expect(funds).toHaveLength(2)
    local.behaviour = { ...local.behaviour, duplicate: false, reorder: false }
    expect(await ledgerProblems(database.db)).toEqual([])
  })

  it('settles a terminated contract as it says: its share of what escrow holds back to the owner, the rest to the agency', async () => {
    clock.set('2026-12-01T02:00:00Z')
    const id = await contractedDirect(database.db, clock, queue, { owner, agency }, '排水管网改造工程竣工图编制', { firstPercent: '40', refundPercent: '70' })
    clock.set('2026-12-14T06:00:00Z')
    await queue.runDue()
    // The first 40% (11,000.00) is funded; the second is on its way when the owner terminates.
    await fundMilestone(database.db, clock, client, queue, as(owner), id, 1)
    await local.flush()
    await fundMilestone(database.db, clock, client, queue, as(owner), id, 2)
    const reason = terminationSchema.parse({ reason: '项目建设方案调整，管网工程取消，双方协商解除合同' })
    expect(await code(terminateContract(database.db, clock, queue, as(agency), id, reason))).toBe('errors.notFound')
    expect(terminationSchema.safeParse({ reason: '取消' }).error?.issues[0]?.message).toBe('errors.reasonRequired')
    await terminateContract(database.db, clock, queue, as(owner), id, reason)
    expect((await database.db.select().from(procurements).where(eq(procurements.id, id)))[0]!.status).toBe('terminated')
    expect(await code(terminateContract(database.db, clock, queue, as(owner), id, reason))).toBe('errors.illegalStep')
    expect(await code(fundMilestone(database.db, clock, client, queue, as(owner), id, 1))).toBe('errors.illegalStep')
    // The settlement job asks the provider; the second instalment, funded after the termination, is settled when it arrives.
    await queue.runDue()
    await local.flush()
    await queue.runDue()
    await local.flush()
    const settled = await database.db.select().from(payments).where(eq(payments.procurementId, id)).orderBy(payments.milestoneSeq)
    // 70% of 11,000.00 is 7,700.00 back; of 16,500.00, 11,550.00 back; the rest paid for the work done.
    expect(settled.map((p) => [p.status, p.refundedFen, p.releasedFen])).toEqual([['settled', 770_000, 330_000], ['settled', 1_155_000, 495_000]])
    // The unfunded-by-its-day check leaves a terminated contract alone.
    clock.set('2027-01-10T02:00:00Z')
    await flagLateFunding(database.db, clock)
    expect(await database.db.select().from(creditEvents).where(and(eq(creditEvents.procurementId, id), eq(creditEvents.kind, 'funding_overdue')))).toEqual([])
    expect(await ledgerProblems(database.db)).toEqual([])
  })

  it('refuses a caller without its key, and a release of more than is held', async () => {
    const anonymous = new PaymentProvider({ baseUrl: BASE, apiKey: 'sk_wrong_0123456789', attempts: 1 })
    await expect(anonymous.getPayment('pay_x')).rejects.toMatchObject({ kind: 'rejected', status: 401 })
    const [held] = await database.db.select().from(payments).where(eq(payments.status, 'held')).limit(1)
    await expect(client.release(held!.providerId!, held!.amountFen + 1, 'release:too-much')).rejects.toMatchObject({ kind: 'rejected', status: 409 })
    expect(await code(fundMilestone(database.db, clock, client, queue, as(owner), held!.procurementId, held!.milestoneSeq))).toBe('ok')
  })
})
