import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { procurements, type Procurement } from '../../db/schema'
import { appendAudit } from '../audit'
import type { Actor } from '../shared/actor'
import { DomainError } from '../shared/errors'
import { procurementStep, type LifecycleActor, type ProcurementAction } from './lifecycle'

/**
 * One transition, the only writer of `procurements.status`: the state machine decides, the row
 * changes only from the state read (a concurrent step makes this one fail, changing nothing),
 * and the audit log records it in the same transaction.
 */
export async function transition(
  tx: Db,
  p: Procurement,
  action: ProcurementAction,
  by: LifecycleActor,
  actor: Actor | Record<string, never>,
  at: Date,
  set: Partial<typeof procurements.$inferInsert> = {},
  detail: Record<string, unknown> = {},
) {
  const to = procurementStep(action, by, p.status)
  const [row] = await tx
    .update(procurements)
    .set({ ...set, status: to, updatedAt: at })
    .where(and(eq(procurements.id, p.id), eq(procurements.status, p.status)))
    .returning()
  if (!row) throw new DomainError('errors.illegalStep', undefined, { action, from: p.status })
  await appendAudit(tx, { actor, action: `procurement.${action}`, entityType: 'procurement', entityId: p.id, before: { status: p.status }, after: { status: to, ...detail }, at })
  return row
}
