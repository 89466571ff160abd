import type { SessionContext } from '../../../services/auth'
import type { App } from '~/utils/app.server'
import { loadAfterAward, loadSelection, serializeAnnouncement, specialtyNames } from '~/utils/procurement-form.server'
import {
  attachmentsOf,
  barredFromBidding,
  bidderProblems,
  consortiaOf,
  loadCalendar,
  MAX_CONSORTIUM_MEMBERS,
  objectionMattersOpen,
  objectionsOf,
  ownBid,
  ownPractitioners,
  ownQuestions,
  publicClarifications,
  publicProcurement,
  shanghaiDate,
} from '~/utils/services.server'

/** Everything the agency's page of one procurement shows: the announcement, its own bid, its consortia, its offer and what follows the award. */
export async function loadBidPage({ db, clock }: App, session: SessionContext, id: string) {
  const found = await publicProcurement(db, id)
  if (!found) throw new Response('Not found', { status: 404 })
  const { p } = found
  // A direct commission is for its named agency alone.
  if (p.method === 'direct' && p.directAgencyId !== session.org.id) throw new Response('Not found', { status: 404 })
  const orgId = session.org.id
  const [mine, problems, people] = await Promise.all([
    ownBid(db, orgId, p.id),
    p.status === 'published' ? bidderProblems(db, p, orgId, shanghaiDate(clock.now())) : Promise.resolve([]),
    p.practitionersRequired ? ownPractitioners(db, orgId) : Promise.resolve([]),
  ])
  const winner = found.award?.award.agencyOrgId === orgId
  // The matters open to an objection now (the terms, the result, its own exclusion), and those it raised.
  const award = found.award?.award
  const objectionMatters = await objectionMattersOpen(db, p, orgId, clock.now(), { bid: mine ? { id: mine.id, excluded: mine.excluded } : null, award: award ? { standstillEndsAt: award.standstillEndsAt, agencyOrgId: award.agencyOrgId } : null })
  const myObjections = (await objectionsOf(db, p.id, { orgId, owner: false })).map((o) => ({ id: o.id, matter: o.matter, status: o.status, violation: o.violation, remedy: o.remedy, text: o.text, response: o.response, complaintStatus: o.complaintStatus }))
  const [qa, asked] = [await publicClarifications(db, p.id), await ownQuestions(db, orgId, p.id)]
  const selection = await loadSelection(db, p.id, { kind: 'agency', orgId })
  // The consortia this agency is a party to here: its own bid as lead, and each invitation it was sent.
  const consortia = (await consortiaOf(db, orgId, p.id)).map((c) => ({
    bidId: c.bid.id,
    role: c.role,
    status: c.status,
    bid: { priceFen: c.bid.priceFen, committedDays: c.bid.committedDays },
    parties: c.parties.map((x) => ({ role: x.role, status: x.status, itemIds: x.itemIds, nameZh: x.nameZh, nameEn: x.nameEn, uscc: x.uscc, declineReason: x.declineReason })),
  }))
  return {
    selection,
    maxMembers: MAX_CONSORTIUM_MEMBERS,
    consortium: consortia.find((c) => c.role === 'lead') ?? null,
    invitations: consortia.filter((c) => c.role === 'member'),
    objectionMatters,
    myObjections,
    qa: qa.map((c) => ({ id: c.id, question: c.question, answer: c.answer, answeredAt: c.answeredAt?.toISOString() ?? null })),
    asked: asked.map((q) => ({ id: q.id, question: q.question, answered: q.answer !== null })),
    winner,
    afterAward: winner ? await loadAfterAward(db, p, clock.now()) : null,
    announcement: { ...serializeAnnouncement(found, await loadCalendar(db), clock.now()), attachments: await attachmentsOf(db, found.p.id) },
    specialties: await specialtyNames(db),
    open: p.status === 'published' && clock.now() < p.bidDeadline!,
    problems,
    barred: barredFromBidding(p, problems),
    practitioners: people.map((x) => ({ id: x.id, name: x.name, specialtyZh: x.specialtyZh, specialtyEn: x.specialtyEn })),
    mine: mine
      ? { priceFen: mine.priceFen, committedDays: mine.committedDays, status: mine.status, nonce: mine.nonce, submittedAt: mine.submittedAt.toISOString(), updatedAt: mine.updatedAt.toISOString(), practitionerIds: mine.practitionerIds, current: mine.termsVersion === p.termsVersion, excluded: mine.excluded, excludedReasons: mine.excludedReasons ?? [] }
      : null,
  }
}
