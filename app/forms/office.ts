import { formSpec, formValues } from '~/utils/form-spec'
import { qualificationInputSchema, reviewDecisionSchema } from '../../services/agencies/qualification-input'
import { profileSchema } from '../../services/orgs/profile-input'
import { signInSchema, signUpSchema } from '../../services/auth/schemas'
import { setDaySchema } from '../../services/calendar/input'
import { itemTermsSchema } from '../../services/catalog/terms-input'
import { approveSchema, liftSchema, refuseSchema, sanctionSchema } from '../../services/credit/sanctions-input'
import { appealSchema, petitionDecisionSchema, repairSchema } from '../../services/credit/petitions-input'
import { announceSchema, spotScoreSchema } from '../../services/selection/spot-checks-input'
import { acceptInviteSchema, inviteSchema, memberRoleSchema } from '../../services/auth/members-input'
import { rulesFormSchema } from '../../services/market/rules-form'
import { creditTableFormSchema } from '../../services/credit/rules-input'
import { directDecisionSchema } from '../../services/procurement/direct-approval-input'

/*
 * The forms of the market office, the authorities and every account, as the browser checks them
 * before sending and the actions check them on arrival.
 */

/** A day of the State Council's notice, entered by the office. */
export const setDayForm = formSpec({ schema: setDaySchema })
/** A measure proposed or issued, a proposal approved or refused by a second user, a measure lifted early. */
export const sanctionForm = formSpec({ schema: sanctionSchema })
export const approveForm = formSpec({ schema: approveSchema })
export const refuseForm = formSpec({ schema: refuseSchema })
export const liftForm = formSpec({ schema: liftSchema })
/** An agency's appeal against an evaluation, its request to repair a mark, and the office's decision on either. */
export const appealForm = formSpec({ schema: appealSchema })
export const repairForm = formSpec({ schema: repairSchema })
export const petitionDecisionForm = formSpec({ schema: petitionDecisionSchema })
/** An authority's quarterly spot check: announced, then each sampled contract scored. */
export const announceForm = formSpec({ schema: announceSchema })
export const spotScoreForm = formSpec({ schema: spotScoreSchema })
/** An organization's members: an invitation, a role, and the invitee's acceptance. */
export const inviteForm = formSpec({ schema: inviteSchema })
export const memberRoleForm = formSpec({ schema: memberRoleSchema })
export const acceptInviteForm = formSpec({ schema: acceptInviteSchema })
/** The office's decision on a direct commission above the limit. */
export const directDecisionForm = formSpec({ schema: directDecisionSchema })
/** An authority's decision on a qualification. */
export const reviewDecisionForm = formSpec({ schema: reviewDecisionSchema })
/** An agency's qualification certificate (its scan is checked on arrival). */
export const qualificationForm = formSpec({ schema: qualificationInputSchema })
/** Signing in and up, and the organization's profile. */
export const signInForm = formSpec({ schema: signInSchema })
export const signUpForm = formSpec({ schema: signUpSchema })
export const profileForm = formSpec({ schema: profileSchema })
/** The office's market rules. */
export const rulesForm = formSpec({ schema: rulesFormSchema })
/** An item's terms in the catalog: the specialties ticked, always a list. */
export const itemTermsForm = formSpec({ schema: itemTermsSchema, input: (form) => ({ ...formValues(form), specialties: form.getAll('specialties').map(String) }), lists: ['specialties'] })
/** A new version of the credit rules table. */
export const creditTableForm = formSpec({ schema: creditTableFormSchema })
