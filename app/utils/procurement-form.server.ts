import { DEFAULT_WEIGHTS, SHORTLIST_DEFAULTS, type ScoringWeights } from '../../services/market/methods'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { intent, runIntents } from './action.server'
import { procurementForm } from '~/forms/owner'
import type { Db } from '../../db/client'
import { fenToYuanInput } from '../../services/shared/money'
import type { Procurement, ProcurementId } from '../../db/schema'
import { afterAwardOf, allSpecialties, escrowMotion, mayFund, paymentsOf, listCatalog, loadRules, saveDraft, selectionResult, shanghaiDate, spansProvisional, type publicProcurement, type SelectionViewer, type WorkCalendar } from './services.server'

/** What the procurement form needs: the catalog, the specialties and the office's rules. */
export async function procurementFormContext(db: Db) {
  const [catalog, specialties, rules] = await Promise.all([listCatalog(db), allSpecialties(db), loadRules(db)])
  return {
    catalog: catalog.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, items: c.items.map((i) => ({ code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, standardDays: i.standardDays })) })),
    specialties: specialties.map((s) => ({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn })),
    minDays: rules.minAnnouncementDays,
    thresholdYuan: fenToYuanInput(rules.directThresholdFen),
    minPriceWeight: rules.minPriceWeight,
  }
}

/** A saved draft as the form shows it. */
export function draftValues(p: Procurement, itemCodes: string[], directUscc: string | null) {
  return {
    projectCode: p.projectCode,
    projectName: p.projectName,
    title: p.title,
    description: p.description,
    itemCodes,
    consortiumAllowed: p.consortiumAllowed ? 'on' : '',
    maxPrice: fenToYuanInput(p.maxPriceFen),
    floorPrice: p.floorPriceFen === null ? '' : fenToYuanInput(p.floorPriceFen),
    expectedDays: String(p.expectedDays),
    fundingSource: p.fundingSource,
    requirementSpecialties: p.requirement?.specialties ?? [],
    requirementMode: p.requirement?.mode ?? 'any',
    minLevel: String(p.requirement?.minLevel ?? 3),
    practitionersRequired: p.practitionersRequired ? 'on' : '',
    method: p.method,
    announcementDays: String(p.announcementDays),
    directAgencyUscc: directUscc ?? '',
    directReason: p.directReason ?? '',
    minStep: typeof p.methodParams.minStepFen === 'number' ? fenToYuanInput(p.methodParams.minStepFen) : '',
    ...weightValues(p.methodParams),
    longList: String((p.methodParams as { longList?: number }).longList ?? SHORTLIST_DEFAULTS.longList),
    shortList: String((p.methodParams as { shortList?: number }).shortList ?? SHORTLIST_DEFAULTS.shortList),
    contactName: p.contactName,
    contactPhone: p.contactPhone,
  }
}

/** A scoring procurement's weights as its form shows them (the defaults for another method). */
export function weightValues(params: Record<string, unknown>) {
  const w = (params as { weights?: ScoringWeights }).weights ?? DEFAULT_WEIGHTS
  return { weightPrice: String(w.price), weightCredit: String(w.credit), weightDays: String(w.days) }
}

type Details = NonNullable<Awaited<ReturnType<typeof publicProcurement>>>

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** A procurement with its details, as plain data for the `Announcement` component. */
/**
 * A procurement as its pages show it. `calendar` tells which of its dates were counted across a
 * provisional year (statutory holidays computed, the State Council's notice not yet entered):
 * those may still move when the notice comes, and the page says so.
 */
export function serializeAnnouncement(d: Details, calendar: WorkCalendar, now: Date) {
  const { p } = d
  const across = (from: Date | null | undefined, to: Date | null | undefined) => !!from && !!to && spansProvisional(calendar, shanghaiDate(from), shanghaiDate(to))
  return {
    provisional: { deadline: across(p.publishedAt, p.bidDeadline), standstill: across(d.award?.award.decidedAt, d.award?.award.standstillEndsAt) },
    /** the server's clock when the page was made: countdowns run from it, never from the browser's */
    now: now.toISOString(),
    p: {
      id: p.id, number: p.number, title: p.title, projectCode: p.projectCode, projectName: p.projectName, description: p.description, status: p.status,
      method: p.method, fundingSource: p.fundingSource, maxPriceFen: p.maxPriceFen, floorPriceFen: p.floorPriceFen, expectedDays: p.expectedDays,
      consortiumAllowed: p.consortiumAllowed, practitionersRequired: p.practitionersRequired, requirement: p.requirement, announcementDays: p.announcementDays,
      contactName: p.contactName, contactPhone: p.contactPhone, publishedAt: iso(p.publishedAt), bidDeadline: iso(p.bidDeadline), openedAt: iso(p.openedAt),
      cancelReason: p.cancelReason, failedReason: p.failedReason, termsVersion: p.termsVersion, directReason: p.directReason, drawCommitment: p.drawCommitment,
      minStepFen: (p.methodParams as { minStepFen?: number | null }).minStepFen ?? null,
      weights: (p.methodParams as { weights?: ScoringWeights }).weights ?? null,
      shortlist: p.method === 'credit_shortlist' ? { longList: Number(p.methodParams.longList), shortList: Number(p.methodParams.shortList) } : null,
    },
    ownerZh: d.ownerZh,
    ownerEn: d.ownerEn,
    regionZh: d.regionZh,
    regionEn: d.regionEn,
    items: d.items,
    directAgency: d.directAgency ? { nameZh: d.directAgency.nameZh, nameEn: d.directAgency.nameEn, uscc: d.directAgency.uscc } : null,
    reannounced: d.reannounced,
    repeats: d.repeats,
    amendments: d.amendments.map((a) => ({ at: a.at.toISOString(), version: a.version, changed: a.changed, reason: a.reason, bidDeadline: a.bidDeadline })),
    award: d.award
      ? {
          award: { priceFen: d.award.award.priceFen, committedDays: d.award.award.committedDays, decidedAt: d.award.award.decidedAt.toISOString(), standstillEndsAt: d.award.award.standstillEndsAt.toISOString(), confirmedAt: iso(d.award.award.confirmedAt) },
          agencyZh: d.award.agencyZh,
          agencyEn: d.award.agencyEn,
          agencyUscc: d.award.agencyUscc,
          members: d.award.members,
          savingsFen: d.award.savingsFen,
          savingsBp: d.award.savingsBp,
        }
      : null,
  }
}

/** Specialty names by code, for requirements. */
export async function specialtyNames(db: Db) {
  const rows = await allSpecialties(db)
  return Object.fromEntries(rows.map((s) => [s.code, { nameZh: s.nameZh, nameEn: s.nameEn }]))
}

/** The action of the new-draft and edit-draft pages: the draft saved, then shown; or the form back with its errors. */
export function saveDraftAction(args: ActionFunctionArgs, id?: string) {
  return runIntents(args, {
    permission: 'create:procurement:own',
    intents: {
      save: intent({
        form: procurementForm,
        run: async ({ app, actor }, input) => redirect(`/owner/procurements/${(await saveDraft(app.db, app.clock, actor, input, id)).id}?saved=draft`),
      }),
    },
  })
}

/** The contract, deliveries and evaluation as plain data for `AfterAward`; a delivery undecided past its period says so as of `now`. */
export async function loadAfterAward(db: Db, p: { id: ProcurementId; status: string }, now: Date) {
  const { contract, deliveries, evaluation, ownerEvaluation } = await afterAwardOf(db, p.id)
  return {
    contract: contract
      ? { fileId: contract.fileId, priceFen: contract.priceFen, startDate: contract.startDate, dueDate: contract.dueDate, uploadedAt: contract.uploadedAt.toISOString(), confirmedAt: iso(contract.confirmedAt), overdueFlaggedAt: iso(contract.overdueFlaggedAt), terminationRefundPercent: contract.terminationRefundPercent, terminatedAt: iso(contract.terminatedAt), terminationReason: contract.terminationReason }
      : null,
    deliveries: deliveries.map((d) => ({ id: d.id, fileId: d.fileId, note: d.note, deliveredAt: d.deliveredAt.toISOString(), decideBy: d.decideBy.toISOString(), late: d.decision === null && d.decideBy < now, decision: d.decision, reason: d.reason, decidedAt: iso(d.decidedAt) })),
    evaluation: evaluation ? { quality: evaluation.quality, timeliness: evaluation.timeliness, conduct: evaluation.conduct, fees: evaluation.fees, compliance: evaluation.compliance, comment: evaluation.comment, createdAt: evaluation.createdAt.toISOString() } : null,
    ownerEvaluation: ownerEvaluation ? { payment: ownerEvaluation.payment, cooperation: ownerEvaluation.cooperation, comment: ownerEvaluation.comment, createdAt: ownerEvaluation.createdAt.toISOString() } : null,
    // The payment plan and its money in escrow, once there is a contract.
    escrow: contract ? serializeEscrow(await paymentsOf(db, p.id), now, p.status) : [],
    /** whether the owner may fund what the plan asks now */
    fundable: mayFund(p.status),
  }
}

/** The plan's milestones, each with where its money stands, as plain data for `Escrow` (nothing more is due once the contract is terminated). */
function serializeEscrow(milestones: Awaited<ReturnType<typeof paymentsOf>>, now: Date, status: string) {
  const today = shanghaiDate(now)
  const terminated = status === 'terminated'
  return milestones.map((m) => ({
    seq: m.seq,
    amountFen: m.amountFen,
    fundBy: m.fundBy,
    late: !terminated && m.fundBy < today && !(m.payment && (m.payment.status === 'held' || m.payment.status === 'settled')),
    void: terminated && !(m.payment && m.payment.status !== 'declined'),
    declined: m.declined,
    payment: m.payment
      ? { status: m.payment.status, releasedFen: m.payment.releasedFen, refundedFen: m.payment.refundedFen, declineCode: m.payment.declineCode, createdAt: m.payment.createdAt.toISOString(), heldAt: iso(m.payment.heldAt), settledAt: iso(m.payment.settledAt), motion: escrowMotion(m.payment, status) }
      : null,
  }))
}

/** A procurement's selection as plain data for `SelectionResult`; null before the opening. */
export async function loadSelection(db: Db, id: ProcurementId, viewer: SelectionViewer) {
  const found = await selectionResult(db, id, viewer)
  if (!found) return null
  return {
    method: found.method as string,
    detail: found.detail,
    decidedAt: found.decidedAt.toISOString(),
    draws: found.draws,
    candidates: found.candidates.map(({ agencyOrgId: _org, respondBy, explainedAt: _at, ...c }) => ({ ...c, respondBy: iso(respondBy) })),
  }
}
