import { count, desc, inArray, max } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { creditRuleVersions, organizations, type CreditRuleVersion, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import type { Scheduler } from '../jobs'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { CREDIT_EVENT_KINDS, type CreditEventKind } from './kinds'
import { creditTableSchema, type CreditTable } from './rules-input'

export { creditTableSchema, creditTableFormSchema, type CreditTable } from './rules-input'

/**
 * 信用评价规则: what each kind of credit event is worth (points, and a cap on what one kind may add
 * or take away in the window), where the grades begin, and how long an event counts. The market
 * office publishes a new version to change it; version 1 is this one.
 */
export const DEFAULT_CREDIT_TABLE: CreditTable = {
  kinds: {
    award_declined: { points: -5, cap: 20 },
    award_not_confirmed: { points: -5, cap: 20 },
    explanation_missing: { points: -3, cap: 15 },
    service_overdue: { points: -5, cap: 30 },
    delivered_on_time: { points: 1, cap: 10 },
    evaluation_excellent: { points: 2, cap: 10 },
    evaluation_poor: { points: -5, cap: 20 },
    yellow_card: { points: -10, cap: 30 },
    blacklisted: { points: -40, cap: null },
    spot_check_passed: { points: 1, cap: 5 },
    spot_check_failed: { points: -10, cap: 30 },
    acceptance_overdue: { points: -3, cap: 15 },
    funding_overdue: { points: -3, cap: 15 },
    owner_rated_well: { points: 2, cap: 10 },
    owner_rated_poorly: { points: -5, cap: 20 },
  } satisfies Record<CreditEventKind, { points: number; cap: number | null }>,
  grades: { A: 90, B: 80, C: 60 },
  windowMonths: 24,
}

export interface PublishedTable {
  version: number
  table: CreditTable
  note: string
  publishedAt: Date | null
}

/** A stored table read against today's kinds: a kind added since it was published takes its default. */
function withDefaults(stored: unknown): CreditTable {
  const parsed = creditTableSchema.safeParse(stored)
  if (!parsed.success) return DEFAULT_CREDIT_TABLE
  const kinds = Object.fromEntries(CREDIT_EVENT_KINDS.map((k) => [k, parsed.data.kinds[k] ?? DEFAULT_CREDIT_TABLE.kinds[k]])) as CreditTable['kinds']
  return { ...parsed.data, kinds }
}

/** The table in force: the latest published version, or version 1. */
export async function currentCreditTable(db: Db): Promise<PublishedTable> {
  const [row] = await db.select().from(creditRuleVersions).orderBy(desc(creditRuleVersions.version)).limit(1)
  return row ? { version: row.version, table: withDefaults(row.table), note: row.note, publishedAt: row.publishedAt } : { version: 1, table: DEFAULT_CREDIT_TABLE, note: '', publishedAt: null }
}

/** Every published version, newest first, with its recompute's progress. */
export async function creditTableHistory(db: Db): Promise<Array<Omit<CreditRuleVersion, 'table'> & { table: CreditTable }>> {
  const rows = await db.select().from(creditRuleVersions).orderBy(desc(creditRuleVersions.version))
  return rows.map((r) => ({ ...r, table: withDefaults(r.table) }))
}

/** The organizations that have a credit score: agencies and owners. */
export const SCORED_KINDS = ['agency', 'owner'] as const

/**
 * The office publishes a new version of the table. Thresholds that overlap or a value out of
 * bounds are refused. Every score is then recomputed by the queue, in batches, under the new
 * version; the version's row shows how far it has got.
 */
export async function publishCreditTable(db: Db, clock: Clock, scheduler: Scheduler, actor: Actor & { userId: UserId }, input: CreditTable, note: string) {
  const parsed = creditTableSchema.safeParse(input)
  if (!parsed.success) throw new DomainError(parsed.error.issues.some((i) => i.message === 'errors.gradeOrder') ? 'errors.gradeOrder' : 'errors.creditTable')
  if (note.trim().length < 4) throw new DomainError('errors.reasonShort', 'note')
  return db.transaction(async (tx) => {
    const now = clock.now()
    const [{ last }] = (await tx.select({ last: max(creditRuleVersions.version) }).from(creditRuleVersions)) as [{ last: number | null }]
    const before = await currentCreditTable(tx)
    const version = (last ?? 1) + 1
    const [{ n }] = (await tx.select({ n: count() }).from(organizations).where(inArray(organizations.kind, [...SCORED_KINDS]))) as [{ n: number }]
    await tx.insert(creditRuleVersions).values({ version, table: parsed.data, note: note.trim(), publishedAt: now, publishedBy: actor.userId, recomputeTotal: Number(n) })
    await appendAudit(tx, { actor, action: 'credit.rules.publish', entityType: 'credit_rules', entityId: String(version), before: before.table, after: { ...parsed.data, note: note.trim() }, at: now })
    await scheduler.enqueue({ name: 'credit.recompute', runAt: now, key: `credit.recompute:${version}:start`, payload: { version } }, tx)
    return version
  })
}
