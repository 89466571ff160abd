import * as z from 'zod'
import type { Db } from '../../db/client'
import { marketRules, type SelectionMethod, type UserId } from '../../db/schema'
import { appendAudit } from '../audit'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'

/**
 * The market office's parameters, with the defaults a new marketplace starts from. Stored values
 * (table `market_rules`) override them key by key. Durations are working days.
 */
export const rulesSchema = z.object({
  /** the shortest announcement per method (at least 1 working day) */
  minAnnouncementDays: z.record(z.string(), z.number().int().min(1).max(30)),
  /** at or below this max price the owner may commission directly without a written reason */
  directThresholdFen: z.number().int().min(0),
  /** a change to key terms extends the deadline by at least this much */
  amendmentMinDays: z.number().int().min(1).max(30),
  /** the result notice (公示期) */
  standstillDays: z.number().int().min(1).max(30),
  /** the winner confirms the award within this */
  confirmDays: z.number().int().min(1).max(30),
  /** the owner accepts or returns a delivery within this */
  acceptanceDays: z.number().int().min(1).max(60),
  /** after acceptance, each side may rate the other within this many calendar days */
  evaluationDays: z.number().int().min(30).max(365),
  /** when public funds pay, a random draw needs at least this many eligible bids, or it fails (流标) */
  minDrawBids: z.number().int().min(1).max(20),
  /** 异常低价: a lowest-price bid more than this percent below the mean of the others must be explained */
  abnormallyLowPercent: z.number().int().min(1).max(90),
  /** 综合评分: the smallest weight (percent) an announcement may give the price */
  minPriceWeight: z.number().int().min(0).max(100),
  /** an agency explains an abnormally low price within this */
  explanationDays: z.number().int().min(1).max(30),
  /** a live auction's turn, in seconds (ProZorro: 2 minutes) */
  auctionTurnSeconds: z.number().int().min(30).max(900),
  /** a live auction starts on the working day after the deadline, at this Shanghai time */
  auctionStartTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** bids close at this Shanghai time on their last working day */
  deadlineTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
})
export type MarketRules = z.infer<typeof rulesSchema>

export const DEFAULT_RULES: MarketRules = {
  minAnnouncementDays: { direct: 1, random_draw: 3, lowest_price: 3, optimal_price: 3, reverse_auction: 3, scoring: 5, credit_shortlist: 3 } satisfies Record<SelectionMethod, number>,
  directThresholdFen: 5_000_000, // ¥50,000
  amendmentMinDays: 2,
  standstillDays: 3,
  confirmDays: 2,
  acceptanceDays: 5,
  evaluationDays: 180,
  minDrawBids: 3,
  abnormallyLowPercent: 30,
  minPriceWeight: 30,
  explanationDays: 2,
  auctionTurnSeconds: 120,
  auctionStartTime: '10:00',
  deadlineTime: '17:00',
}

export async function loadRules(db: Db): Promise<MarketRules> {
  const rows = await db.select().from(marketRules)
  const merged: Record<string, unknown> = { ...DEFAULT_RULES }
  for (const row of rows) if (row.key in DEFAULT_RULES) merged[row.key] = row.value
  const parsed = rulesSchema.safeParse(merged)
  // A stored value that no longer fits the schema falls back to the defaults rather than stopping the marketplace.
  return parsed.success ? parsed.data : DEFAULT_RULES
}

export function minAnnouncementDays(rules: MarketRules, method: SelectionMethod): number {
  return Math.max(1, rules.minAnnouncementDays[method] ?? 1)
}

/** The office changes its rules; each change is audited with what it was before. */
export async function updateRules(db: Db, clock: Clock, actor: Actor & { userId: UserId }, input: MarketRules) {
  const parsed = rulesSchema.parse(input)
  return db.transaction(async (tx) => {
    const before = await loadRules(tx)
    const now = clock.now()
    const changed = (Object.keys(parsed) as Array<keyof MarketRules>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(parsed[k]))
    for (const key of changed)
      await tx.insert(marketRules).values({ key, value: parsed[key], updatedAt: now, updatedBy: actor.userId }).onConflictDoUpdate({ target: marketRules.key, set: { value: parsed[key], updatedAt: now, updatedBy: actor.userId } })
    if (changed.length)
      await appendAudit(tx, { actor, action: 'rules.update', entityType: 'market_rules', entityId: changed.join(','), before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, parsed[k]])), at: now })
    return changed
  })
}
