import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog, procurements, qualifications, qualificationSpecialties, users, type User } from '../../db/schema'
import { directoryQuerySchema, searchAgencies } from '../../services/agencies'
import { JobQueue } from '../../services/jobs'
import { amendProcurement, amendmentSchema, QUESTIONS_PER_DAY, answerQuestion, askQuestion, closeIfDue, openQuestions, ownQuestions, procurementHandlers, procurementInputSchema, publicClarifications, publishProcurement, reannounce, saveDraft } from '../../services/procurement'
import { DEFAULT_RULES, loadRules, updateRules } from '../../services/market'
import { bidInputSchema, editBid, ownBid, submitBid } from '../../services/bids'
import { ManualClock } from '../../services/shared/clock'
import { DomainError } from '../../services/shared/errors'
import { seedDemo } from '../../seeds/demo'
import { freshDatabase } from '../support/db'

let database: Database
const clock = new ManualClock('2026-11-23T02:00:00Z')
let queue: JobQueue
let owner: User
let office: User
let asker: User
let other: User
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? `${e.code}${e.field ? `@${e.field}` : ''}` : String(e)))
const as = (u: User) => ({ userId: u.id, orgId: u.orgId })
const form = (over: Record<string, unknown> = {}) =>
  procurementInputSchema.parse({
    projectCode: '2026-450802-48-01-012345', projectName: '港北区文化中心', title: '文化中心工程地形图测绘', itemCodes: ['C05-01'], maxPrice: '38,000', expectedDays: '7',
    fundingSource: 'public', method: 'random_draw', announcementDays: '3', contactName: '李强', contactPhone: '0775-4561234', ...over,
  })

beforeAll(async () => {
  database = await freshDatabase()
  await seedDemo(database.db, clock)
  queue = new JobQueue(database.db, clock, procurementHandlers, { log: () => {} })
  const byEmail = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0]!
  owner = await byEmail('owner@example.com')
  office = await byEmail('office@example.com')
  const agencies = await searchAgencies(database.db, directoryQuerySchema.parse({ item: 'C05-01' }), '2026-11-23')
  asker = (await database.db.select().from(users).where(eq(users.orgId, agencies.agencies[0]!.id as never)))[0]!
  other = (await database.db.select().from(users).where(eq(users.orgId, agencies.agencies[1]!.id as never)))[0]!
})
afterAll(async () => database?.close())

describe('clarifications', () => {
  it('are answered for everyone without saying who asked, within a daily limit, until the deadline', async () => {
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form())).id)
    expect(await code(askQuestion(database.db, clock, as(owner), p.id, '是否需要提供纸质成果？'))).toBe('errors.illegalStep')
    const q = await askQuestion(database.db, clock, as(asker), p.id, '是否需要提供纸质成果？份数多少？')
    for (let i = 1; i < QUESTIONS_PER_DAY; i++) await askQuestion(database.db, clock, as(asker), p.id, `补充问题第 ${i} 个，关于测绘范围`)
    expect(await code(askQuestion(database.db, clock, as(asker), p.id, '第六个问题，超出每日限额'))).toBe('errors.tooManyQuestions@question')
    // The owner sees the questions, not the asker; another owner sees nothing.
    const open = await openQuestions(database.db, owner.orgId, p.id)
    expect(open).toHaveLength(QUESTIONS_PER_DAY)
    expect(JSON.stringify(open)).not.toContain(asker.orgId)
    expect(await code(answerQuestion(database.db, clock, as(other), q.id, '冒名回答'))).toBe('errors.notFound')
    await answerQuestion(database.db, clock, as(owner), q.id, '需提供纸质成果一式六份，电子版一份。')
    expect(await code(answerQuestion(database.db, clock, as(owner), q.id, '再答一次'))).toBe('errors.alreadyAnswered')
    const published = await publicClarifications(database.db, p.id)
    expect(published).toEqual([expect.objectContaining({ question: '是否需要提供纸质成果？份数多少？', answer: '需提供纸质成果一式六份，电子版一份。' })])
    expect(JSON.stringify(published)).not.toContain(asker.orgId)
    expect((await ownQuestions(database.db, asker.orgId, p.id))[0]!.answer).toBe('需提供纸质成果一式六份，电子版一份。')
    expect(await ownQuestions(database.db, other.orgId, p.id)).toEqual([])
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, q.id)).orderBy(auditLog.id)
    expect(entry!.actorOrgId ?? null).toBeNull()
    expect(JSON.stringify(entry)).not.toContain(asker.orgId)
    clock.set(p.bidDeadline!)
    expect(await code(askQuestion(database.db, clock, as(other), p.id, '截止后还能提问吗？'))).toBe('errors.biddingClosed')
  })
})

describe('amending the requirement and the method', () => {
  it('extends the deadline, asks bidders to confirm again, and keeps out a bidder the new requirement excludes', async () => {
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form({ title: '文化中心工程地形图测绘（变更）' }))).id)
    await submitBid(database.db, clock, as(asker), p.id, bidInputSchema.parse({ price: '36,000', committedDays: '6', accept: 'yes' }))
    const amend = (over: Record<string, unknown>) => amendProcurement(database.db, clock, queue, as(owner), p.id, amendmentSchema.parse({ maxPrice: '38,000', expectedDays: '7', reason: '根据初步设计批复调整资质要求和选取方式', ...over }))
    expect(await code(amend({}))).toBe('errors.nothingChanged')
    expect(await code(amend({ method: 'direct' }))).toBe('errors.methodChangeDirect@method')
    expect(amendmentSchema.safeParse({ maxPrice: '38,000', expectedDays: '7', method: 'reverse_auction', reason: '改为网上竞价' }).error?.issues[0]?.path).toEqual(['minStep'])
    // A specialty the bidder does not hold.
    const held = (await database.db.select({ code: qualifications.specialtyCode }).from(qualifications).where(eq(qualifications.orgId, asker.orgId))).map((q) => q.code)
    const missing = (await database.db.select({ code: qualificationSpecialties.code }).from(qualificationSpecialties)).map((s) => s.code).find((c) => !held.includes(c))!
    const amended = await amend({ method: 'reverse_auction', minStep: '200', requirementSpecialties: [missing], requirementMode: 'all', minLevel: '2', practitionersRequired: 'on' })
    expect([amended.method, amended.methodParams, amended.requirement, amended.practitionersRequired, amended.termsVersion]).toEqual(['reverse_auction', { minStepFen: 20_000 }, { mode: 'all', specialties: [missing], minLevel: 2 }, true, 2])
    expect(amended.bidDeadline!.getTime()).toBeGreaterThanOrEqual(p.bidDeadline!.getTime())
    expect((await ownBid(database.db, asker.orgId, p.id))!.status).toBe('needs_reconfirm')
    expect(await code(editBid(database.db, clock, as(asker), p.id, bidInputSchema.parse({ price: '36,000', committedDays: '6', accept: 'yes' })))).toBe('errors.notEligible')
    const [entry] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'procurement.amend'), eq(auditLog.entityId, p.id)))
    expect((entry!.after as { changed: string[] }).changed.sort()).toEqual(['method', 'methodParams', 'practitionersRequired', 'requirement'])
  })
})

describe('re-announcement', () => {
  it('repeats a failed procurement as a new draft with the same terms and a link back', async () => {
    clock.set('2026-11-30T02:00:00Z')
    const p = await publishProcurement(database.db, clock, queue, as(owner), (await saveDraft(database.db, clock, as(owner), form({ title: '无人报名的测绘项目' }))).id)
    expect(await code(reannounce(database.db, clock, as(owner), p.id))).toBe('errors.illegalStep')
    clock.set(p.bidDeadline!)
    expect(await closeIfDue(database.db, clock, queue, p.id)).toBe('failed')
    const again = await reannounce(database.db, clock, as(owner), p.id)
    expect(again).toMatchObject({ status: 'draft', previousId: p.id, title: '无人报名的测绘项目', maxPriceFen: 3_800_000, number: null })
    expect((await database.db.select().from(procurements).where(eq(procurements.id, p.id)))[0]!.status).toBe('failed')
  })
})

describe('market rules', () => {
  it('are changed by the office, audited, and applied to the next publication', async () => {
    const rules = await loadRules(database.db)
    expect(rules).toEqual(DEFAULT_RULES)
    const changed = await updateRules(database.db, clock, as(office), { ...rules, minAnnouncementDays: { ...rules.minAnnouncementDays, random_draw: 5 } })
    expect(changed).toEqual(['minAnnouncementDays'])
    expect((await loadRules(database.db)).minAnnouncementDays.random_draw).toBe(5)
    expect(await code(saveDraft(database.db, clock, as(owner), form()))).toBe('errors.announcementTooShort@announcementDays')
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'rules.update'))
    expect(entry!.before).toMatchObject({ minAnnouncementDays: { random_draw: 3 } })
  })
})

describe('attachments', () => {
  it('are added to a draft only, named safely, typed by content, and public once published', async () => {
    const { addAttachment, attachmentsOf, isPublicAttachment, removeAttachment } = await import('../../services/procurement')
    const { readFile } = await import('../../services/files')
    clock.set('2026-12-07T02:00:00Z')
    const draft = await saveDraft(database.db, clock, as(owner), form({ title: '附件测试', announcementDays: '5' }))
    const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF')
    expect(await code(addAttachment(database.db, clock, as(owner), draft.id, new TextEncoder().encode('MZ\x90\x00'), 'setup.exe'))).toBe('errors.fileType@file')
    expect(await code(addAttachment(database.db, clock, as(other), draft.id, pdf, 'x.pdf'))).toBe('errors.notFound')
    const fileId = await addAttachment(database.db, clock, as(owner), draft.id, pdf, '../../etc/测绘技术要求\u0000.pdf')
    const spare = await addAttachment(database.db, clock, as(owner), draft.id, pdf, 'spare.pdf')
    await removeAttachment(database.db, clock, as(owner), draft.id, spare)
    expect((await attachmentsOf(database.db, draft.id)).map((a) => a.name)).toEqual(['测绘技术要求.pdf'])
    const file = (await readFile(database.db, fileId))!
    expect(await isPublicAttachment(database.db, file)).toBe(false)
    await publishProcurement(database.db, clock, queue, as(owner), draft.id)
    expect(await isPublicAttachment(database.db, file)).toBe(true)
    expect(await code(addAttachment(database.db, clock, as(owner), draft.id, pdf, 'late.pdf'))).toBe('errors.illegalStep')
  })
})
