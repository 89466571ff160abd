import { and, eq } from 'drizzle-orm'
import type * as z from 'zod/mini'
import type { Db } from '../../db/client'
import { awards, contracts, organizations, payments, procurements, type ProcurementId, type UserId } from '../../db/schema'
import type { Scheduler } from '../jobs'
import { transition } from '../market/transition'
import { notify } from '../notifications'
import { settleOnTermination } from '../payments'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'
import type { terminationSchema } from './contract-input'

/**
 * 解除合同: the owner ends a confirmed contract before the acceptance, saying why. The procurement
 * is terminated (one step of the lifecycle), and what escrow holds is settled as the contract
 * says: its termination share goes back to the owner, the rest pays the agency for the work done.
 * The settlement is booked in the same transaction and done by the payment jobs; money still on
 * its way into escrow is settled when it arrives.
 */
export async function terminateContract(db: Db, clock: Clock, scheduler: Scheduler, actor: Actor & { userId: UserId }, id: string, input: z.infer<typeof terminationSchema>) {
  if (!isUuid(id)) throw new DomainError('errors.notFound')
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(procurements).where(eq(procurements.id, id as ProcurementId)).for('update')
    if (!p || p.ownerOrgId !== actor.orgId) throw new DomainError('errors.notFound')
    const [contract] = await tx.select().from(contracts).where(eq(contracts.procurementId, p.id))
    const [award] = await tx.select({ agencyOrgId: awards.agencyOrgId }).from(awards).where(eq(awards.procurementId, p.id))
    if (!contract?.confirmedAt || !award) throw new DomainError('errors.illegalStep', undefined, { action: 'terminate', from: p.status })
    const now = clock.now()
    const row = await transition(tx, p, 'terminate', 'owner', actor, now, {}, { reason: input.reason, refundPercent: contract.terminationRefundPercent })
    await tx.update(contracts).set({ terminatedAt: now, terminationReason: input.reason }).where(eq(contracts.procurementId, p.id))
    const [held] = await tx.select({ id: payments.id }).from(payments).where(and(eq(payments.procurementId, p.id), eq(payments.status, 'held'))).limit(1)
    if (held) await settleOnTermination(scheduler, tx, p.id, now)
    const params = { number: p.number ?? '', title: p.title, reason: input.reason, percent: contract.terminationRefundPercent }
    const offices = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'market_office'))
    for (const orgId of [award.agencyOrgId, ...offices.map((o) => o.id)])
      await notify(tx, { orgId, kind: 'contractTerminated', params, link: orgId === award.agencyOrgId ? `/agency/bids/${p.id}` : `/procurements/${p.id}`, at: now })
    return row
  })
}
