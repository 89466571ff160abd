import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { draws, organizations, selectionCandidates, selections, type OrgId, type ProcurementId } from '../../db/schema'
import { isUuid } from '../shared/schemas'
import type { DrawRecord } from './draw'

/**
 * Who reads a selection: the public sees the order, prices, flags and states (all of it public
 * once the bids are opened); the owner and the candidate itself also read the explanation of an
 * abnormally low price and the reasons given.
 */
export type SelectionViewer = { kind: 'public' } | { kind: 'owner' } | { kind: 'agency'; orgId: OrgId }

/** The result of a procurement's selection, in the method's order, with its published draws; null before the opening. */
export async function selectionResult(db: Db, procurementId: ProcurementId, viewer: SelectionViewer) {
  const [selection] = await db.select().from(selections).where(eq(selections.procurementId, procurementId))
  if (!selection) return null
  const [rows, published] = await Promise.all([
    db
      .select({ c: selectionCandidates, agencyZh: organizations.nameZh, agencyEn: organizations.nameEn, uscc: organizations.uscc })
      .from(selectionCandidates)
      .innerJoin(organizations, eq(organizations.id, selectionCandidates.agencyOrgId))
      .where(eq(selectionCandidates.procurementId, procurementId))
      .orderBy(asc(selectionCandidates.rank)),
    db.select({ id: draws.id, purpose: draws.purpose }).from(draws).where(eq(draws.procurementId, procurementId)).orderBy(asc(draws.createdAt), asc(draws.purpose)),
  ])
  const candidates = rows.map(({ c, agencyZh, agencyEn, uscc }) => {
    const mayRead = viewer.kind === 'owner' || (viewer.kind === 'agency' && viewer.orgId === c.agencyOrgId)
    return {
      rank: c.rank,
      /** the bid, for the owner's choice from a short list */
      bidId: viewer.kind === 'owner' ? (c.bidId as string) : null,
      /** the viewing agency's own candidacy */
      own: viewer.kind === 'agency' && viewer.orgId === c.agencyOrgId,
      agencyOrgId: c.agencyOrgId,
      agencyZh,
      agencyEn,
      uscc,
      priceFen: c.priceFen,
      committedDays: c.committedDays,
      abnormallyLow: c.abnormallyLow,
      state: c.state,
      explanationAccepted: c.explanationAccepted,
      respondBy: c.respondBy,
      explainedAt: c.explainedAt,
      explanation: mayRead ? c.explanation : null,
      decisionReason: mayRead ? c.decisionReason : null,
    }
  })
  return { method: selection.method, detail: selection.detail, decidedAt: selection.decidedAt, candidates, draws: published }
}

/** A published draw record, exactly as it was written; null for an unknown id. */
export async function drawRecord(db: Db, id: string): Promise<{ id: string; procurementId: string | null; createdAt: Date; record: DrawRecord } | null> {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(draws).where(eq(draws.id, id))
  return row ? { id: row.id, procurementId: row.procurementId, createdAt: row.createdAt, record: row.record as unknown as DrawRecord } : null
}
