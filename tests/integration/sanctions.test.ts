import { and, count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, creditEvents, creditPetitions, evaluations, organizations, sanctions, type User } from '../../db/schema'
import { createSession, validateSessionToken } from '../../services/auth'
import { createOrganization, createUser } from '../../seeds/factories'
import { barredOn, creditExplained, creditRanking, decidePetition, fileRepair, appealEvaluation, issueYellowCard, listSanctions, petitionDecisionSchema, proposeSanction, rankingQuerySchema, recordCreditEvent, refuseProposal, repairSchema, appealSchema, sanctionSchema, yellowCardedAmong } from '../../services/credit'
import { verifyChain } from '../../services/audit'
import { shanghaiDate } from '../../services/calendar'
import { JobQueue } from '../../services/jobs'
import { approveSanction, procurementHandlers, procurementInputSchema, saveDraft } from '../../services/procurement'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { eiaMarket } from '../support/load'
import { freshDatabase } from '../support/db'

/*
 * Sanctions and what an agency may ask of its credit, on a known set of agencies with no event:
 * four eyes on a blacklisting (its proposer refused, a second user approving), terms out of their
 * bounds, two yellow cards proposing a blacklisting, a suspension barring bids, an appeal heard
 * once, and a repair only after its minimum time. Every score and ranking position is checked.
 */
let database: Database
let owner: User
let agencies: User[]
let admin: User
let approver: User
let queue: JobQueue
const clock = new ManualClock('2026-06-15T02:00:00Z')
const BASIS = '《贵港市网上中介服务超市管理办法》第二十五条'
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const usccOf = async (u: User) => (await database.db.select({ uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, u.orgId)))[0]!.uscc
const measure = async (kind: string, u: User, over: Record<string, string> = {}) =>
  sanctionSchema.parse({ kind, uscc: await usccOf(u), decisionNo: `贵中介信〔2026〕${kind}号`, reason: '经核查属实，情节较重', legalBasis: BASIS, startsOn: shanghaiDate(clock.now()), term: '1', ...over })
const scoreOf = async (u: User) => (await creditExplained(database.db, u.orgId, clock.now()))!.score
const sanctionCount = async () => (await database.db.select({ n: count() }).from(sanctions))[0]!.n
const today = () => shanghaiDate(clock.now())

beforeAll(async () => {
  database = await freshDatabase()
  ;({ owner, agencies } = await eiaMarket(database.db, 5, 'sanction', clock.now()))
  const office = await createOrganization(database.db, { kind: 'market_office', nameZh: '贵港市中介超市管理办公室', nameEn: 'Market office', uscc: '11450800MB1234567X', regionCode: '450800', contactName: '黄敏', contactPhone: '0775-4569123', contactEmail: 'office@sanction.test' }, clock.now())
  admin = await createUser(database.db, { email: 'admin@sanction.test', displayName: '管理员', orgId: office.id, role: 'admin', passwordHash: 'x' }, clock.now())
  approver = await createUser(database.db, { email: 'approver@sanction.test', displayName: '审批人', orgId: office.id, role: 'approver', passwordHash: 'x' }, clock.now())
  queue = new JobQueue(database.db, clock, procurementHandlers as never, { log: () => {} })
})
afterAll(async () => database?.close())

describe('a blacklisting takes two office users', () => {
  it('refuses its proposer as approver, changing nothing; a second user puts it in force', async () => {
    const listed = agencies[0]!
    const { token } = await createSession(database.db, clock, listed.id)
    const proposal = await proposeSanction(database.db, clock, as(admin), await measure('blacklist', listed, { term: '2' }))
    expect(proposal.endsOn).toBe('2028-06-14')
    expect(await barredOn(database.db, listed.orgId, today())).toBeNull()
    expect((await listSanctions(database.db, today())).map((r) => r.sanction.id)).not.toContain(proposal.id)

    // The proposer cannot approve: a clear error, and the proposal, the agency and its score as they were.
    expect(await code(approveSanction(database.db, clock, queue, as(admin), proposal.id, proposal.decisionNo))).toBe('errors.selfApproval')
    expect((await database.db.select().from(sanctions).where(eq(sanctions.id, proposal.id)))[0]).toMatchObject({ decidedAt: null, decidedBy: null })
    expect(await validateSessionToken(database.db, clock, token)).not.toBeNull()
    expect(await scoreOf(listed)).toBe(100)

    const approved = await approveSanction(database.db, clock, queue, as(approver), proposal.id, '贵中介信〔2026〕21号')
    expect(approved).toMatchObject({ decisionNo: '贵中介信〔2026〕21号', proposedBy: admin.id, decidedBy: approver.id })
    expect(await barredOn(database.db, listed.orgId, today())).toMatchObject({ id: proposal.id, kind: 'blacklist' })
    expect(await validateSessionToken(database.db, clock, token)).toBeNull()
    expect(await scoreOf(listed)).toBe(60)
    // Decided once: neither a second approval nor a refusal now.
    expect(await code(approveSanction(database.db, clock, queue, as(approver), proposal.id, 'x号'))).toBe('errors.proposalDecided')
    expect(await code(refuseProposal(database.db, clock, as(approver), proposal.id, '重复处理'))).toBe('errors.proposalDecided')
    const trail = await database.db.select({ action: auditLog.action, userId: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.entityId, listed.orgId)).orderBy(auditLog.id)
    const steps = trail.filter((t) => t.action.startsWith('sanction.'))
    expect(steps.map((t) => t.action)).toEqual(['sanction.propose', 'sanction.approve', 'sanction.enforce'])
    expect(steps.slice(0, 2).map((t) => t.userId)).toEqual([admin.id, approver.id])
  })

  it('refuses terms outside their bounds and a start in the past, writing nothing', async () => {
    const before = await sanctionCount()
    const bad = async (kind: string, term: string) => sanctionSchema.safeParse({ ...(await measure(kind, agencies[1]!)), term }).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(await bad('blacklist', '4')).toEqual([['term', 'errors.blacklistTerm']])
    expect(await bad('blacklist', '0')).toEqual([['term', 'errors.blacklistTerm']])
    expect(await bad('suspension', '91')).toEqual([['term', 'errors.suspensionTerm']])
    expect(await bad('yellow_card', '13')).toEqual([['term', 'errors.yellowCardTerm']])
    expect(await code(proposeSanction(database.db, clock, as(admin), await measure('blacklist', agencies[1]!, { startsOn: '2026-06-01' })))).toBe('errors.startInPast@startsOn')
    expect(await code(issueYellowCard(database.db, clock, as(admin), await measure('yellow_card', owner)))).toBe('errors.agencyUnknown@uscc')
    expect(await sanctionCount()).toBe(before)
  })

  it('lets its proposer withdraw a proposal, with a reason, and nothing happens to the agency', async () => {
    const proposal = await proposeSanction(database.db, clock, as(admin), await measure('suspension', agencies[4]!, { term: '30' }))
    expect(await code(refuseProposal(database.db, clock, as(approver), proposal.id, '不是我提的', { own: true }))).toBe('errors.notFound')
    await refuseProposal(database.db, clock, as(admin), proposal.id, '证据不足，撤回', { own: true })
    expect(await barredOn(database.db, agencies[4]!.orgId, today())).toBeNull()
    expect((await listSanctions(database.db, today(), { kinds: ['suspension'], history: true }))[0]!.state).toBe('refused')
  })
})

describe('yellow cards', () => {
  it('score at once, and a second within 12 months proposes a blacklisting its issuer cannot approve', async () => {
    const carded = agencies[1]!
    const first = await issueYellowCard(database.db, clock, as(admin), await measure('yellow_card', carded, { term: '6', decisionNo: '贵中介信〔2026〕黄1号' }))
    expect(first.proposal).toBeNull()
    expect(first.card.endsOn).toBe('2026-12-14')
    expect(await scoreOf(carded)).toBe(90)
    expect([...(await yellowCardedAmong(database.db, [carded.orgId, agencies[2]!.orgId], today()))]).toEqual([carded.orgId])
    // A yellow card does not bar bidding: only the credit-based methods pass it over.
    expect(await barredOn(database.db, carded.orgId, today())).toBeNull()

    clock.advance(100 * 86_400_000)
    const second = await issueYellowCard(database.db, clock, as(admin), await measure('yellow_card', carded, { term: '6', decisionNo: '贵中介信〔2026〕黄2号' }))
    expect(await scoreOf(carded)).toBe(80)
    expect(second.proposal).toMatchObject({ kind: 'blacklist', proposedBy: admin.id, decidedAt: null, legalBasis: BASIS })
    expect(second.proposal!.reason).toContain('贵中介信〔2026〕黄1号')
    expect(await code(approveSanction(database.db, clock, queue, as(admin), second.proposal!.id, '贵中介信〔2026〕30号'))).toBe('errors.selfApproval')
    // A third card while that proposal waits proposes nothing more.
    const third = await issueYellowCard(database.db, clock, as(admin), await measure('yellow_card', carded, { term: '1', decisionNo: '贵中介信〔2026〕黄3号' }))
    expect(third.proposal).toBeNull()
    expect(await scoreOf(carded)).toBe(70)
  })
})

describe('a suspension', () => {
  it('bars an agency, once approved, pending an investigation', async () => {
    const suspended = agencies[2]!
    const proposal = await proposeSanction(database.db, clock, as(admin), await measure('suspension', suspended, { term: '30' }))
    await approveSanction(database.db, clock, queue, as(approver), proposal.id, '贵中介信〔2026〕暂1号')
    expect(await barredOn(database.db, suspended.orgId, today())).toMatchObject({ kind: 'suspension' })
    expect(await scoreOf(suspended)).toBe(100)
    clock.advance(30 * 86_400_000)
    expect(await barredOn(database.db, suspended.orgId, today())).toBeNull()
  })
})

describe('appeals and repairs', () => {
  it('hears an appeal once; granted, the evaluation no longer counts', async () => {
    const appellant = agencies[3]!
    const draft = await saveDraft(database.db, clock, as(owner), procurementInputSchema.parse({
      projectCode: '2026-450802-48-01-012345', projectName: '港北区文化中心', title: '文化中心环评', itemCodes: ['C06-02'], maxPrice: '60,000', expectedDays: '10',
      fundingSource: 'public', method: 'lowest_price', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234',
    }))
    await database.db.insert(evaluations).values({ procurementId: draft.id, agencyOrgId: appellant.orgId, quality: 2, timeliness: 2, conduct: 2, fees: 3, compliance: 3, comment: '质量较差', createdBy: owner.id, createdAt: clock.now() })
    await recordCreditEvent(database.db, { kind: 'evaluation_poor', orgId: appellant.orgId, procurementId: draft.id, detail: { average: 2.4 } }, clock.now())
    expect(await scoreOf(appellant)).toBe(95)
    expect(await code(appealEvaluation(database.db, clock, as(agencies[0]!), appealSchema.parse({ procurementId: draft.id, statement: '不是我们的项目也来申诉一下' })))).toBe('errors.notFound')
    const appeal = await appealEvaluation(database.db, clock, as(appellant), appealSchema.parse({ procurementId: draft.id, statement: '成果已按合同完成，业主评价所列问题不属实' }))
    expect(await code(appealEvaluation(database.db, clock, as(appellant), appealSchema.parse({ procurementId: draft.id, statement: '再申诉一次，理由同上所述' })))).toBe('errors.appealTwice@statement')
    await decidePetition(database.db, clock, as(admin), petitionDecisionSchema.parse({ id: appeal.id, outcome: 'granted', note: '经核查，评价依据不足' }))
    expect(await scoreOf(appellant)).toBe(100)
    const [event] = await database.db.select().from(creditEvents).where(and(eq(creditEvents.orgId, appellant.orgId), eq(creditEvents.kind, 'evaluation_poor')))
    expect(event).toMatchObject({ voidReason: '经核查，评价依据不足', voidedBy: admin.id })
    expect(await code(decidePetition(database.db, clock, as(admin), petitionDecisionSchema.parse({ id: appeal.id, outcome: 'refused', note: '改变主意' })))).toBe('errors.proposalDecided')
  })

  it('repairs a yellow card only after its minimum time, one request at a time', async () => {
    const carded = agencies[1]!
    const [first] = await database.db.select().from(sanctions).where(and(eq(sanctions.orgId, carded.orgId), eq(sanctions.decisionNo, '贵中介信〔2026〕黄2号')))
    const ask = () => fileRepair(database.db, clock, as(carded), repairSchema.parse({ target: 'sanction', id: first!.id, statement: '已完成整改，附整改报告及验收单' }))
    // Issued 30 days ago: 90 are needed.
    expect(await code(ask())).toBe('errors.repairTooEarly')
    expect(await code(fileRepair(database.db, clock, as(agencies[0]!), repairSchema.parse({ target: 'sanction', id: first!.id, statement: '替别人申请修复试一下' })))).toBe('errors.notFound')
    clock.advance(60 * 86_400_000)
    const request = await ask()
    expect(await code(ask())).toBe('errors.repairPending@statement')
    // Refused, it may be asked again; granted, the card is lifted and no longer counts.
    await decidePetition(database.db, clock, as(admin), petitionDecisionSchema.parse({ id: request.id, outcome: 'refused', note: '整改材料不完整' }))
    const again = await ask()
    const before = await scoreOf(carded)
    await decidePetition(database.db, clock, as(admin), petitionDecisionSchema.parse({ id: again.id, outcome: 'granted', note: '整改到位，同意修复' }))
    expect(await scoreOf(carded)).toBe(before + 10)
    expect((await database.db.select().from(sanctions).where(eq(sanctions.id, first!.id)))[0]).toMatchObject({ liftReason: '整改到位，同意修复' })
    expect((await database.db.select({ n: count() }).from(creditPetitions).where(eq(creditPetitions.orgId, carded.orgId)))[0]!.n).toBe(2)
  })

  it('ranks what all this leaves, exactly, and the audit chain holds', async () => {
    const mine = new Map(agencies.map((a, i) => [a.orgId as string, i + 1]))
    const { rows } = await creditRanking(database.db, rankingQuerySchema.parse({ kind: 'agency' }))
    // 1: blacklisted (−40); 2: three cards (−30), one repaired (+10); 3: suspended, no points; 4: appeal granted; 5: nothing.
    expect(rows.filter((r) => mine.has(r.id)).map((r) => [mine.get(r.id), r.position, r.score, r.grade])).toEqual([
      [3, 1, 100, 'A'],
      [4, 1, 100, 'A'],
      [5, 1, 100, 'A'],
      [2, 4, 80, 'B'],
      [1, 5, 60, 'C'],
    ])
    expect((await verifyChain(database.db)).ok).toBe(true)
  })
})
