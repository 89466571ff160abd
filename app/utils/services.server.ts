/**
 * The web layer's one door into the domain: each name a route or a server util uses, from the
 * folder that owns it, and nothing else (a new use adds its name here). Being `.server`, it
 * (and all it pulls in: drizzle, argon2, pg) never reaches the browser bundle.
 */
export {
  COMMITMENT, COMMITMENT_SHA256, addPractitioner, addPriceItem, admissionOf, allowedActions, countDirectoryAgencies, directoryQuerySchema, draftPriceList, offeringsOf,
  ownPractitioner, ownPractitioners, ownQualification, priceChanges, priceListHistory, publicAgency, publishPriceList, publishedPriceList,
  qualificationForReview, removePractitioner, removePriceItem, resubmitQualification, reviewQualification, searchAgencies, setOffering, submitForAdmission,
  submitQualification, updatePractitioner,
} from '../../services/agencies'
export { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, anchorFeed, auditCursorSchema, auditEntries, auditQuerySchema, recentAudit, verifyChain } from '../../services/audit'
export { acceptInvitation, can, invitationByToken, inviteMember, membersOf, rememberLocale, removeMember, revokeInvitation, setMemberRole, signIn, signOut, signUp } from '../../services/auth'
export {
  type WorkCalendar, addWorkingDays, confirmProvisionalYear, loadCalendar, shanghaiDate, spansProvisional, workingDaysBetween, yearDays, yearStatuses,
} from '../../services/calendar'
export {
  allSpecialties, catalogNames, categoryItemCounts, itemByCode, itemVersions, listCatalog, marketplaceStats, updateItemTerms,
} from '../../services/catalog'
export { MAX_UPLOAD_BYTES, mayReadFile, readFile } from '../../services/files'
export { PAYMENT_VIEWS, escrowMotion, fundMilestone, mayFund, handleWebhook, paymentOverview, paymentsOf, type PaymentView } from '../../services/payments'
export { JOB_PAGE_SIZE, jobStats, recentJobs } from '../../services/jobs'
export { OUTBOX_PAGE_SIZE, outboxQuerySchema, readAllMessages, readMessage, recentOutbox } from '../../services/notifications'
export { authorityScope, officeOverview, organizationProfile, pendingQualificationsFor, qualificationsOf, regionTree, updateProfile } from '../../services/orgs'
export { allowedProcurementActions, loadRules, updateRules } from '../../services/market'
export {
  MAX_CONSORTIUM_MEMBERS, barredFromBidding, openToBidder, bidCountForOwner, bidderProblems, bidsOfAgency, consortiaOf, editBid, isBidder, openedBids, ownBid,
  respondToConsortium, submitBid, withdrawBid,
} from '../../services/bids'
export {
  addAttachment, afterAwardOf, amendProcurement, terminateContract, announcementQuerySchema, answerObjection, answerQuestion, askQuestion, attachmentsOf, cancelProcurement,
  confirmAward, confirmContract, evaluateOwner, exportAnnouncements, exportOwnerProcurements, confirmDirect, decideDelivery, decideDirectApproval, deliver, directApprovalOf, enterCalendarDay, evaluate,
  agencyRecord, approveSanction, isPublicAttachment, latestOnHome, needsDirectApproval, objectionMattersOpen, objectionOfAgency, objectionsOf, objectionsOfAgency, judgeObjection, openDirectApprovals, openQuestions, ownQuestions, ownerProcurement,
  JOBS_ABOUT_A_PROCUREMENT, agencyTodos, announcementsByMonth, officeTodos, ownerTodos, procurementTitles, procurementsOfOwner, publicClarifications, publicProcurement, publishProcurement, raiseObjection, reannounce, removeAttachment, requestDirectApproval,
  saveDraft, searchAnnouncements, standsFor, uploadContract,
} from '../../services/procurement'
export {
  type SelectionViewer, SharedReads, announceSpotCheck, drawSpotCheck, listSpotChecks, scoreSpotCheck, spotCheckDetail, auctionBoard, chooseFromShortlist, decideExplanation, declineAward, drawRecord, explainPrice, placeAuctionBid, selectionResult,
} from '../../services/selection'
export {
  appealEvaluation, creditExplained, creditFileOf, creditRanking, creditTableHistory, currentCreditTable, decidePetition, fileRepair, issueYellowCard, liftSanction, listSanctions,
  measuresInForce, petitionsToDecide, proposeSanction, publishCreditTable, rankingQuerySchema, refuseProposal,
} from '../../services/credit'
export { DomainError } from '../../services/shared/errors'
export {
  SELECTION_METHODS, cachedStatistics, complaintDetail, complaintOfObjection, complaintStatistics, complaintsForOffice, complaintsQuerySchema, decideComplaint, escalationProblem, fileComplaint,
  publishedDecisions, reviewComplaint, statisticsQuerySchema, withdrawComplaint, acceptRectification, answerMonitoringQuestion, askMonitoringQuestion, concludeMonitoring,
  escalateMonitoring, listMonitorings, monitoringDetail, monitoringSubject, openMonitoring, reportRectification, RED_FLAG_RULES, RULE_META, concentration, dismissRedFlag,
  listRedFlags, namesFor, openFlagCounts, ruleShares, setRedFlagThreshold, thresholdsOf,
} from '../../services/supervision'
