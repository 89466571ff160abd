import type { ProcurementId } from '../../db/schema'
import type { JobHandler } from '../jobs'
import { shanghaiDate, shiftDays } from '../calendar'
import { flagOverdue, scheduleOverdueCheck, startServiceIfDue } from './after-award'
import { closeIfDue } from './procurements'
import { enforceListingIfDue } from './sanctions'
import { lapseIfDue } from '../selection/offers'
import { finishAuctionIfDue } from '../selection/auction/auction'

/** The procurement lifecycle's jobs. Each is idempotent: it acts only when its moment has come and its step is still open. */
export const procurementHandlers: Record<string, JobHandler> = {
  'procurement.close': async (payload, ctx) => {
    await closeIfDue(ctx.db, ctx.clock, ctx.queue, (payload as { id: ProcurementId }).id)
  },
  'procurement.startService': async (payload, ctx) => {
    await startServiceIfDue(ctx.db, ctx.clock, (payload as { id: ProcurementId }).id)
  },
  'selection.deadline': async (payload, ctx) => {
    await lapseIfDue(ctx.db, ctx.clock, ctx.queue, (payload as { id: ProcurementId }).id)
  },
  'auction.finish': async (payload, ctx) => {
    await finishAuctionIfDue(ctx.db, ctx.clock, ctx.queue, (payload as { id: ProcurementId }).id)
  },
  'sanction.enforce': async (payload, ctx) => {
    await enforceListingIfDue(ctx.db, ctx.clock, (payload as { id: string }).id)
  },
  'procurement.overdue': async (_payload, ctx) => {
    await flagOverdue(ctx.db, ctx.clock)
    // Book tomorrow's check: the key makes a second booking a no-op.
    await scheduleOverdueCheck(ctx.queue, ctx.clock, shiftDays(shanghaiDate(ctx.clock.now()), 1))
  },
}


/** The jobs whose payload names a procurement (`{ id }`): the office's jobs page links each to it. */
export const JOBS_ABOUT_A_PROCUREMENT: ReadonlySet<string> = new Set(['procurement.close', 'procurement.startService', 'selection.deadline', 'auction.finish'])
