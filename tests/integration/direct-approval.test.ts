import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, directApprovals, notifications, organizations, users, type OrgId, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { JobQueue } from '../../services/jobs'
import { decideDirectApproval, directDecisionSchema, procurementHandlers, procurementInputSchema, publishProcurement, requestDirectApproval, saveDraft } from '../../services/procurement'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { dbError, freshDatabase } from '../support/db'

/** Above the limit (¥50,000 by default) a direct commission is published only once the market office approved it, with its reason. */
let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
let queue: JobQueue
let owner: User
let office: User
let uscc = ''
const as = (u: User) => ({ userId: u.id, orgId: u.orgId, ip: '10.0.0.9' })
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const form = (maxPrice: string, directReason = '抢险救灾工程，须立即开展测量，无法组织竞争性选取') =>
  procurementInputSchema.parse({
    projectCode: '2026-450802-48-01-012377', projectName: '贵港市郁江防洪应急抢险工程', title: `应急抢险工程竣工联合测量（${maxPrice}）`, itemCodes: ['C05-03'], maxPrice, expectedDays: '10',
    fundingSource: 'public', method: 'direct', directAgencyUscc: uscc, directReason, announcementDays: '1', contactName: '李强', contactPhone: '0775-4561234',
  })

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
  owner = (await database.db.select().from(users).where(eq(users.email, 'owner@example.com')))[0]!
  office = (await database.db.select().from(users).where(eq(users.email, 'office@example.com')))[0]!
  const [agency] = (await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C05-03' }), '2026-11-23')).agencies
  uscc = (await database.db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, agency!.id as OrgId)))[0]!.uscc
})
afterAll(async () => database?.close())

describe('a direct commission above the limit', () => {
  it('within the limit needs no approval', async () => {
    const draft = await saveDraft(database.db, clock, as(owner), form('48,000'))
    expect(await code(requestDirectApproval(database.db, clock, as(owner), draft.id))).toBe('errors.directApprovalNotNeeded')
    expect((await publishProcurement(database.db, clock, queue, as(owner), draft.id)).status).toBe('published')
  })

  it('is refused publication until the office approves it; a refusal and an approval each carry their reason', async () => {
    const draft = await saveDraft(database.db, clock, as(owner), form('120,000'))
    expect(await code(publishProcurement(database.db, clock, queue, as(owner), draft.id))).toBe('errors.directApprovalRequired')
    const first = await requestDirectApproval(database.db, clock, as(owner), draft.id)
    expect(await code(requestDirectApproval(database.db, clock, as(owner), draft.id))).toBe('errors.directApprovalPending')
    // Only the market office decides, and never without a reason.
    expect(directDecisionSchema.safeParse({ id: first.id, decision: 'rejected', reason: '' }).success).toBe(false)
    expect(await code(decideDirectApproval(database.db, clock, as(owner), directDecisionSchema.parse({ id: first.id, decision: 'approved', reason: '自己批准自己' })))).toBe('errors.notFound')
    await decideDirectApproval(database.db, clock, as(office), directDecisionSchema.parse({ id: first.id, decision: 'rejected', reason: '不属于抢险救灾情形，应采用随机抽取' }))
    expect(await code(publishProcurement(database.db, clock, queue, as(owner), draft.id))).toBe('errors.directApprovalRequired')
    clock.advance(3_600_000)
    const second = await requestDirectApproval(database.db, clock, as(owner), draft.id)
    await decideDirectApproval(database.db, clock, as(office), directDecisionSchema.parse({ id: second.id, decision: 'approved', reason: '经核实属应急抢险工程，同意直接委托' }))
    // Changed after the approval: it no longer covers the draft.
    await saveDraft(database.db, clock, as(owner), form('150,000'), draft.id)
    expect(await code(publishProcurement(database.db, clock, queue, as(owner), draft.id))).toBe('errors.directApprovalRequired')
    await saveDraft(database.db, clock, as(owner), form('120,000'), draft.id)
    expect((await publishProcurement(database.db, clock, queue, as(owner), draft.id)).status).toBe('published')

    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, draft.id)).orderBy(auditLog.id)).map((a) => a.action).filter((a) => a.startsWith('direct.'))
    expect(actions).toEqual(['direct.approval.request', 'direct.approval.rejected', 'direct.approval.request', 'direct.approval.approved'])
    const told = await database.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.orgId, owner.orgId))
    expect(told.map((n) => n.kind)).toEqual(expect.arrayContaining(['directRefused', 'directApproved']))
    // A decision is a record: never deleted.
    expect(await dbError(database.db.delete(directApprovals).where(eq(directApprovals.id, first.id)))).toMatch(/append-only|not allowed|forbid/i)
  })
})
