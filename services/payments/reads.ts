import { and, count, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../db/client'
import { organizations, paymentMilestones, payments, procurements, type PaymentStatus } from '../../db/schema'
import { shanghaiDate } from '../calendar'
import { ledgerProblems, ledgerTotals } from './ledger'
import { FUNDABLE, RECONCILE_AFTER_MS } from './payments'

/** The office's filters of the escrow page: waiting on the provider, in escrow, settled, declined. */
export const PAYMENT_VIEWS = ['all', 'waiting', 'held', 'settled', 'declined'] as const
export type PaymentView = (typeof PAYMENT_VIEWS)[number]
const STATES: Record<Exclude<PaymentView, 'all'>, PaymentStatus[]> = { waiting: ['creating', 'pending'], held: ['held'], settled: ['settled'], declined: ['declined'] }
export const PAYMENT_PAGE_SIZE = 50

/**
 * The supervisors' view of the money: the ledger's totals and whether it balances, how many
 * payments stand in each state (and how many waited on the provider longer than the reconcile
 * job's threshold), the milestones left unfunded past their day, and the newest payments of one
 * view with their procurement and both parties.
 */
export async function paymentOverview(db: Db, now: Date, view: PaymentView) {
  const owner = alias(organizations, 'owner')
  const agency = alias(organizations, 'agency')
  const where: SQL | undefined = view === 'all' ? undefined : inArray(payments.status, STATES[view])
  const [totals, problems, byStatus, [stuck], [late], rows] = await Promise.all([
    ledgerTotals(db),
    ledgerProblems(db),
    db.select({ status: payments.status, n: count() }).from(payments).groupBy(payments.status),
    db.select({ n: count() }).from(payments).where(and(inArray(payments.status, ['creating', 'pending']), lt(payments.updatedAt, new Date(now.getTime() - RECONCILE_AFTER_MS)))),
    db
      .select({ n: count() })
      .from(paymentMilestones)
      .innerJoin(procurements, eq(procurements.id, paymentMilestones.procurementId))
      .where(and(lt(paymentMilestones.fundBy, shanghaiDate(now)), inArray(procurements.status, [...FUNDABLE]), sql`not exists (select 1 from payments x where x.procurement_id = ${paymentMilestones.procurementId} and x.milestone_seq = ${paymentMilestones.seq} and x.status in ('held', 'settled'))`)),
    db
      .select({ payment: payments, number: procurements.number, title: procurements.title, procurementStatus: procurements.status, ownerZh: owner.nameZh, ownerEn: owner.nameEn, agencyZh: agency.nameZh, agencyEn: agency.nameEn })
      .from(payments)
      .innerJoin(procurements, eq(procurements.id, payments.procurementId))
      .innerJoin(owner, eq(owner.id, payments.payerOrgId))
      .innerJoin(agency, eq(agency.id, payments.payeeOrgId))
      .where(where)
      .orderBy(desc(payments.updatedAt), desc(payments.id))
      .limit(PAYMENT_PAGE_SIZE),
  ])
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<PaymentStatus, number>>
  const n = (states: PaymentStatus[]) => states.reduce((s, x) => s + (counts[x] ?? 0), 0)
  return {
    totals,
    problems,
    counts: { all: n(['creating', 'pending', 'held', 'settled', 'declined']), waiting: n(STATES.waiting), held: n(STATES.held), settled: n(STATES.settled), declined: n(STATES.declined) } satisfies Record<PaymentView, number>,
    stuck: stuck?.n ?? 0,
    lateMilestones: late?.n ?? 0,
    rows,
  }
}
