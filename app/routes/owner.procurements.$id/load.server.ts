import type { SessionContext } from '../../../services/auth'
import type { App } from '~/utils/app.server'
import { loadAfterAward, loadSelection, serializeAnnouncement, specialtyNames } from '~/utils/procurement-form.server'
import {
  allowedProcurementActions,
  attachmentsOf,
  bidCountForOwner,
  directApprovalOf,
  loadCalendar,
  loadRules,
  needsDirectApproval,
  objectionsOf,
  openedBids,
  openQuestions,
  ownerProcurement,
  publicClarifications,
  standsFor,
} from '~/utils/services.server'

/** Everything the owner's page of one procurement shows: the draft or announcement, the sealed count or the opened bids, questions, objections, the selection and what follows the award. */
export async function loadOwnerPage({ db, clock }: App, session: SessionContext, id: string) {
  const found = await ownerProcurement(db, session.org.id, id)
  if (!found) throw new Response('Not found', { status: 404 })
  const { p } = found
  // Before opening the owner learns how many bids stand, nothing more; after it, the bids.
  const bidCount = p.status === 'published' ? await bidCountForOwner(db, session.org.id, p.id) : null
  const bids = p.openedAt ? await openedBids(db, p.id) : []
  const [qa, questions] = [await publicClarifications(db, p.id), await openQuestions(db, session.org.id, p.id)]
  const raised = await objectionsOf(db, p.id, { orgId: session.org.id, owner: true })
  const rules = await loadRules(db)
  const asks = p.status === 'draft' && needsDirectApproval(p, rules)
  const approval = asks ? await directApprovalOf(db, p.id) : null
  return {
    directApproval: asks
      ? {
          thresholdFen: rules.directThresholdFen,
          latest: approval ? { decision: approval.decision, requestedAt: approval.requestedAt.toISOString(), decidedAt: approval.decidedAt?.toISOString() ?? null, decisionReason: approval.decisionReason } : null,
          stands: standsFor(approval, p),
        }
      : null,
    selection: await loadSelection(db, p.id, { kind: 'owner' }),
    // Before the opening an objection to the terms does not name its agency: it may be a bidder, and bidders are sealed.
    objections: raised.map((o) => ({ id: o.id, matter: o.matter, violation: o.violation, text: o.text, ...(o.matter === 'terms' && !p.openedAt ? { agencyZh: '—', agencyEn: '—' } : { agencyZh: o.agencyZh, agencyEn: o.agencyEn }), raisedAt: o.raisedAt.toISOString(), answerDueAt: o.answerDueAt?.toISOString() ?? null, response: o.response, complaintStatus: o.complaintStatus })),
    qa: qa.map((c) => ({ id: c.id, question: c.question, answer: c.answer, answeredAt: c.answeredAt?.toISOString() ?? null })),
    questions: questions.map((q) => ({ id: q.id, question: q.question, askedAt: q.askedAt.toISOString() })),
    afterAward: await loadAfterAward(db, p, clock.now()),
    now: clock.now().toISOString(),
    announcement: { ...serializeAnnouncement(found, await loadCalendar(db), clock.now()), attachments: await attachmentsOf(db, found.p.id) },
    specialties: await specialtyNames(db),
    actions: allowedProcurementActions('owner', p.status),
    bidCount,
    // A random draw on public funds needs this many bids at the deadline, or it fails (services/selection/methods/random-draw.ts).
    drawMinimum: p.method === 'random_draw' && p.fundingSource === 'public' ? rules.minDrawBids : null,
    bids: bids.map((b) => ({
      id: b.bid.id, agencyZh: b.agencyNameZh, agencyEn: b.agencyNameEn, uscc: b.agencyUscc, priceFen: b.bid.priceFen, committedDays: b.bid.committedDays, status: b.bid.status, submittedAt: b.bid.submittedAt.toISOString(),
      excluded: b.bid.excluded as 'blacklisted' | 'suspended' | 'yellowCard' | 'ineligible' | 'consortiumIncomplete' | null,
      excludedReasons: b.bid.excludedReasons ?? [],
      counts: b.bid.status === 'active' && b.bid.termsVersion === p.termsVersion && !b.bid.excluded,
      members: b.members.map((m) => ({ nameZh: m.nameZh, nameEn: m.nameEn, status: m.status })),
    })),
  }
}
