/**
 * Every action the audit log records, as the office's filter offers them and its pages name them
 * (the dictionaries' `audit.act.*`; a test holds each action written in the code to this list).
 */
export const PROCUREMENT_STEPS = ['publish', 'amend', 'extendDeadline', 'cancel', 'close', 'open', 'award', 'fail', 'decline', 'confirmContract', 'startService', 'deliver', 'returnDelivery', 'accept', 'evaluate', 'revokeAward', 'annul', 'terminate'] as const

/** A candidate's states (db/schema/selection.ts): each change is recorded as `selection.<state>`. */
const CANDIDATE_STATES = ['waiting', 'explaining', 'offered', 'confirmed', 'declined', 'timed_out', 'rejected', 'ineligible'] as const

export const AUDIT_ACTIONS = [
  'auth.sign_in', 'auth.sign_in_failed', 'auth.sign_out', 'auth.lockout', 'user.sign_up', 'user.create',
  'organization.create', 'organization.update', 'agency.submit', 'agency.recommit',
  'qualification.submit', 'qualification.resubmit', 'qualification.approve', 'qualification.reject', 'qualification.request_changes', 'qualification.expire',
  'practitioner.add', 'practitioner.update', 'practitioner.remove', 'offering.set', 'price_list.publish',
  'catalog.item.update', 'calendar.day.set', 'calendar.year.confirm', 'rules.update',
  'procurement.create', 'procurement.editDraft', 'procurement.attach', 'procurement.detach', 'procurement.reannounce', 'procurement.overdue', 'procurement.acceptanceOverdue',
  ...PROCUREMENT_STEPS.map((s) => `procurement.${s}` as const),
  'direct.approval.request', 'direct.approval.approved', 'direct.approval.rejected',
  'clarification.ask', 'clarification.answer', 'objection.draft', 'objection.raise', 'objection.answer', 'objection.resolved', 'objection.not_resolved',
  'complaint.file', 'complaint.accepted', 'complaint.invalid', 'complaint.upheld', 'complaint.dismissed', 'complaint.withdrawn',
  'monitoring.open', 'monitoring.ask', 'monitoring.answer', 'monitoring.conclude', 'monitoring.report', 'monitoring.accept', 'monitoring.escalate', 'redflag.threshold', 'redflag.dismiss',
  'bid.submit', 'bid.edit', 'bid.reconfirm', 'bid.withdraw', 'bid.member.accept', 'bid.member.decline', 'bid.reveal',
  'draw.publish', 'selection.rank', 'selection.choose', 'selection.explain', 'selection.explanationAccepted', 'selection.explanationRejected',
  ...CANDIDATE_STATES.map((s) => `selection.${s}` as const), 'auction.schedule', 'auction.bid', 'award.confirm', 'contract.upload',
  'sanction.blacklist', 'sanction.propose', 'sanction.approve', 'sanction.refuse', 'sanction.yellowCard', 'sanction.enforce', 'sanction.lift', 'credit.rules.publish', 'owner.evaluate',
  'credit.appeal', 'credit.appeal.decide', 'credit.repair', 'credit.repair.decide', 'spotcheck.announce', 'spotcheck.draw', 'spotcheck.score',
  'member.invite', 'member.join', 'member.role', 'member.remove', 'member.revoke',
  'payment.request', 'payment.hold', 'payment.decline', 'payment.release', 'payment.refund', 'payment.fundingOverdue',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** The kinds of object entries concern, for the filter. */
export const AUDIT_ENTITY_TYPES = ['procurement', 'organization', 'user', 'qualification', 'practitioner', 'agency_offering', 'price_list', 'service_item', 'calendar_day', 'calendar_year', 'market_rules', 'credit_rules', 'clarification', 'draw', 'bid'] as const
