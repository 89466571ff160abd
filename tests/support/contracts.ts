import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, users, type OrgId, type ProcurementId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { bidInputSchema } from '../../services/bids'
import type { Scheduler } from '../../services/jobs'
import { confirmContract, confirmDirect, contractInputSchema, procurementInputSchema, publishProcurement, saveDraft, uploadContract } from '../../services/procurement'
import { ManualClock, type Clock } from '../../services/shared/clock'

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })

/** The demo's first owner and the first agency that may serve item C06-02 (测绘). */
export async function demoParties(db: Db): Promise<{ owner: User; agency: User }> {
  const [owner] = await db.select().from(users).where(eq(users.email, 'owner@example.com'))
  const eligible = await searchAgencies(db, directoryQuerySchema.parse({ item: 'C06-02' }), '2026-12-01')
  const [agency] = await db.select().from(users).where(eq(users.orgId, eligible.agencies[0]!.id as OrgId))
  return { owner: owner!, agency: agency! }
}

/**
 * A direct commission of ¥27,500, published at `clock`'s instant, its contract uploaded and
 * confirmed ten days later with a start on Monday 14 December 2026 and `fundDays` working days to
 * fund (the whole price, or `firstPercent` of it first).
 */
export async function contractedDirect(db: Db, clock: Clock, scheduler: Scheduler, parties: { owner: User; agency: User }, title: string, plan: { firstPercent?: string; fundDays?: string; refundPercent?: string } = {}): Promise<ProcurementId> {
  const { owner, agency } = parties
  const [org] = await db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency.orgId))
  const draft = await saveDraft(db, clock, as(owner), procurementInputSchema.parse({
    projectCode: '2026-450802-48-01-012345', projectName: '港北区排水管网改造工程', title, itemCodes: ['C06-02'], maxPrice: '30,000', expectedDays: '10',
    fundingSource: 'public', method: 'direct', directAgencyUscc: org!.uscc, announcementDays: '1', contactName: '李强', contactPhone: '0775-4561234',
  }))
  const p = await publishProcurement(db, clock, scheduler, as(owner), draft.id)
  await confirmDirect(db, clock, as(agency), p.id, bidInputSchema.parse({ price: '27,500', committedDays: '6', accept: 'yes' }))
  const later = new ManualClock(new Date(clock.now().getTime() + 10 * 86_400_000))
  await uploadContract(db, later, as(owner), p.id, contractInputSchema.parse({ startDate: '2026-12-14', fundDays: plan.fundDays ?? '3', firstPercent: plan.firstPercent, refundPercent: plan.refundPercent }), PDF)
  await confirmContract(db, later, scheduler, as(agency), p.id)
  return p.id
}
