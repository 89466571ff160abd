import { and, eq, gt } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { procurements, type UserId } from '../../db/schema'
import type { AuditActor } from '../audit'
import { setCalendarDay, type SetDayInput } from '../calendar'
import { notify } from '../notifications'
import type { Clock } from '../shared/clock'
import type { Scheduler } from '../jobs'
import { standingBidders } from '../bids'
import { loadRules } from '../market/rules'
import { deadlineFrom } from '../calendar'
import { transition } from '../market/transition'

/**
 * The market office enters a day of the State Council's holiday notice. An announced deadline
 * never moves earlier for it (bidders planned on it); where the day adds a holiday inside an
 * open announcement period, the period keeps its working days and the deadline moves later,
 * with a new close job, and the owner and every bidder are told. In one transaction with the day itself.
 */
export async function enterCalendarDay(db: Db, clock: Clock, scheduler: Scheduler, actor: AuditActor & { userId: UserId }, input: SetDayInput) {
  return db.transaction(async (tx) => {
    await setCalendarDay(tx, clock, actor, input)
    const now = clock.now()
    const rules = await loadRules(tx)
    const open = await tx.select().from(procurements).where(and(eq(procurements.status, 'published'), gt(procurements.bidDeadline, now))).for('update')
    let extended = 0
    for (const p of open) {
      const recounted = await deadlineFrom(tx, rules, p.publishedAt!, p.announcementDays)
      if (recounted <= p.bidDeadline!) continue
      const row = await transition(tx, p, 'extendDeadline', 'system', {}, now, { bidDeadline: recounted }, { from: p.bidDeadline!.toISOString(), bidDeadline: recounted.toISOString(), day: input.day })
      await scheduler.enqueue({ name: 'procurement.close', runAt: recounted, payload: { id: p.id }, key: `procurement.close:${p.id}:${p.termsVersion}:${recounted.toISOString()}` }, tx)
      const params = { number: p.number ?? '', title: p.title, by: recounted.toISOString() }
      await notify(tx, { orgId: row.ownerOrgId, kind: 'deadlineExtended', params, link: `/owner/procurements/${p.id}`, at: now })
      // Each bidder too, its notice sealed like its bid: the office's outbox shows it only after the opening.
      for (const orgId of await standingBidders(tx, p.id)) await notify(tx, { orgId, kind: 'deadlineExtended', params, link: `/agency/bids/${p.id}`, sealedUntilOpeningOf: p.id, at: now })
      extended++
    }
    return { extended }
  })
}
