import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import type { OrgId } from '../../db/schema'
import { agencyBidTodos } from '../bids'
import { shanghaiDate } from '../calendar'

/** What a to-do list holds: something waiting for this party, where to do it, and by when. */
export type TodoKind =
  | 'draft' | 'question' | 'objection' | 'explanationDecision' | 'contractUpload' | 'deliveryDecision' | 'evaluation'
  | 'invitation' | 'reconfirm' | 'directConfirm' | 'awardConfirm' | 'explain' | 'contractConfirm' | 'deliver' | 'qualificationChanges'
  | 'approval' | 'failedJobs' | 'calendarNotice'

export interface TodoItem {
  kind: TodoKind
  title: string
  /** where the thing has a name in English too (a qualification's specialty); a procurement's title is one */
  titleEn: string | null
  number: string | null
  link: string
  /** an instant to act by, or a Beijing calendar day (a contract's due date) */
  due: { at: string } | { day: string } | null
  overdue: boolean
  /** the words' placeholders, where the kind's message has some */
  params?: Record<string, string | number>
}

type Row = { kind: TodoKind; id: string; number: string | null; title: string; title_en?: string | null; due: Date | string | null; due_day: string | null }

/** Overdue first, then the nearest deadline, then those without one. */
function ordered(items: TodoItem[]) {
  const key = (i: TodoItem) => (i.due ? ('at' in i.due ? i.due.at : `${i.due.day}T15:59:59.999Z`) : '9999')
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || key(a).localeCompare(key(b)))
}

function item(r: Row, link: string, now: Date): TodoItem {
  const at = r.due === null ? null : new Date(r.due)
  const today = shanghaiDate(now)
  return {
    kind: r.kind,
    title: r.title,
    titleEn: r.title_en ?? null,
    number: r.number,
    link,
    due: r.due_day ? { day: r.due_day } : at ? { at: at.toISOString() } : null,
    overdue: r.due_day ? r.due_day < today : at ? at.getTime() < now.getTime() : false,
  }
}

const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows

/**
 * The owner's to-do list: drafts to finish, questions to answer while bidding is open, objections
 * to answer, price explanations to decide, contracts to upload, deliveries to accept or return,
 * services to evaluate. One query.
 */
export async function ownerTodos(db: Db, ownerOrgId: OrgId, now: Date): Promise<TodoItem[]> {
  const rows = rowsOf(await db.execute(sql`
    select 'draft' as kind, p.id, p.number, p.title, null::timestamptz as due, null::text as due_day, null::text as title_en from procurements p
      where p.owner_org_id = ${ownerOrgId} and p.status = 'draft'
    union all
    select 'question', p.id, p.number, p.title, p.bid_deadline, null, null from clarifications c join procurements p on p.id = c.procurement_id
      where p.owner_org_id = ${ownerOrgId} and c.answer is null and p.status = 'published'
    union all
    select 'objection', p.id, p.number, p.title, a.standstill_ends_at, null, null from objections o join procurements p on p.id = o.procurement_id join awards a on a.procurement_id = p.id
      where p.owner_org_id = ${ownerOrgId} and o.response is null
    union all
    select 'explanationDecision', p.id, p.number, p.title, null, null, null from selection_candidates sc join procurements p on p.id = sc.procurement_id
      where p.owner_org_id = ${ownerOrgId} and sc.state = 'explaining' and sc.explanation is not null and sc.explanation_accepted is null
    union all
    select 'contractUpload', p.id, p.number, p.title, null, null, null from procurements p join awards a on a.procurement_id = p.id left join contracts c on c.procurement_id = p.id
      where p.owner_org_id = ${ownerOrgId} and p.status = 'awarded' and a.confirmed_at is not null and a.standstill_ends_at <= ${now} and c.procurement_id is null
    union all
    select 'deliveryDecision', p.id, p.number, p.title, d.decide_by, null, null from deliveries d join procurements p on p.id = d.procurement_id
      where p.owner_org_id = ${ownerOrgId} and d.decision is null
    union all
    select 'evaluation', p.id, p.number, p.title, null, null, null from procurements p
      where p.owner_org_id = ${ownerOrgId} and p.status = 'accepted'`))
  return ordered(rows.map((r) => item(r, `/owner/procurements/${r.id}`, now)))
}

/**
 * The agency's to-do list: consortium invitations and bids to confirm again (from the bids
 * module, which alone reads bids), direct commissions to confirm, awards to confirm, low prices
 * to explain, contracts to confirm, services to deliver by their due dates, and qualifications
 * sent back for changes. Two queries.
 */
export async function agencyTodos(db: Db, agencyOrgId: OrgId, now: Date): Promise<TodoItem[]> {
  const [bidding, result] = await Promise.all([
    agencyBidTodos(db, agencyOrgId, now),
    db.execute(sql`
      select 'directConfirm' as kind, p.id, p.number, p.title, p.bid_deadline as due, null::text as due_day, null::text as title_en from procurements p
        where p.direct_agency_id = ${agencyOrgId} and p.method = 'direct' and p.status = 'published'
      union all
      select case when sc.state = 'offered' then 'awardConfirm' else 'explain' end, p.id, p.number, p.title, sc.respond_by, null, null from selection_candidates sc join procurements p on p.id = sc.procurement_id
        where sc.agency_org_id = ${agencyOrgId} and (sc.state = 'offered' or (sc.state = 'explaining' and sc.explanation is null))
      union all
      select 'contractConfirm', p.id, p.number, p.title, null, null, null from contracts c join awards a on a.procurement_id = c.procurement_id join procurements p on p.id = c.procurement_id
        where a.agency_org_id = ${agencyOrgId} and c.confirmed_at is null
      union all
      select 'deliver', p.id, p.number, p.title, null, c.due_date::text, null from procurements p join awards a on a.procurement_id = p.id join contracts c on c.procurement_id = p.id
        where a.agency_org_id = ${agencyOrgId} and p.status = 'in_service'
      union all
      select 'qualificationChanges', q.id, null, s.name_zh, null, null, s.name_en from qualifications q join qualification_specialties s on s.code = q.specialty_code
        where q.org_id = ${agencyOrgId} and q.status = 'changes_requested'`),
  ])
  const items = rowsOf(result).map((r) => item(r, r.kind === 'qualificationChanges' ? `/agency/qualifications/${r.id}` : `/agency/bids/${r.id}`, now))
  for (const b of bidding) items.push(item({ ...b, due_day: null }, `/agency/bids/${b.id}`, now))
  return ordered(items)
}

/**
 * What waits for the market office, from what its home reads anyway: direct commissions above the
 * limit to decide, failed jobs to look at, and the holiday notice of this year or next not yet
 * entered (overdue once its year has begun).
 */
export function officeTodos(facts: { approvals: Array<{ title: string }>; failedJobs: number; years: Array<{ year: number; provisional: boolean }>; today: string }): TodoItem[] {
  const nextYear = Number(facts.today.slice(0, 4)) + 1
  const none = { titleEn: null, number: null, due: null, overdue: false }
  return [
    ...facts.approvals.map((a) => ({ ...none, kind: 'approval' as const, title: a.title, link: '/office/approvals' })),
    ...(facts.failedJobs ? [{ ...none, kind: 'failedJobs' as const, title: '', params: { n: facts.failedJobs }, link: '/office/jobs?status=failed' }] : []),
    ...facts.years.filter((y) => y.provisional && y.year <= nextYear).map((y) => ({ ...none, kind: 'calendarNotice' as const, title: '', params: { year: y.year }, link: `/calendar?year=${y.year}`, overdue: y.year < nextYear })),
  ]
}
