import { formSpec } from '~/utils/form-spec'
import { complaintDecisionSchema, complaintReviewSchema, complaintSchema } from '../../services/supervision/complaint-input'

/* A complaint's forms, apart from the others: their errors are said in the complaint pages' words (cmp). */

/** The complaint to the supervisor (its evidence a file beside it). */
export const complaintForm = formSpec({ schema: complaintSchema })
/** The office's review of a complaint (accepted, or invalid with the reason) and its decision. */
export const complaintReviewForm = formSpec({ schema: complaintReviewSchema })
export const complaintDecisionForm = formSpec({ schema: complaintDecisionSchema })
