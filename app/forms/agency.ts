import { formSpec, formValues } from '~/utils/form-spec'
import { bidInputSchema, consortiumResponseSchema, MAX_CONSORTIUM_MEMBERS } from '../../services/bids/input'
import { offeringSchema, priceItemSchema } from '../../services/agencies/price-list-input'
import { practitionerInputSchema } from '../../services/agencies/practitioner-input'
import { objectionSchema, objectionVerdictSchema, questionSchema } from '../../services/procurement/talk-input'
import { ownerEvaluationSchema } from '../../services/procurement/after-award-input'
import { auctionBidSchema } from '../../services/selection/auction/bid-input'
import { declineSchema, explanationSchema } from '../../services/selection/offer-input'

/*
 * The agency's forms on its page of one procurement, as the browser checks them before sending
 * and the action checks them on arrival.
 */

/** The member slots filled in, in the form's order: member n of the input is slot slots[n]. */
const filledSlots = (form: FormData) => Array.from({ length: MAX_CONSORTIUM_MEMBERS }, (_, i) => i + 1).filter((n) => String(form.get(`member${n}Uscc`) ?? '').trim())

/** The sealed bid (a new one, an edit, a direct commission's confirmation): repeated checkboxes, and the members typed in. */
export const bidForm = formSpec({
  schema: bidInputSchema,
  input: (form) => ({
    ...formValues(form),
    practitionerIds: form.getAll('practitionerIds').map(String),
    leadItemIds: form.getAll('leadItemIds').map(String),
    members: filledSlots(form).map((n) => ({ uscc: String(form.get(`member${n}Uscc`)), itemIds: form.getAll(`member${n}Items`).map(String) })),
  }),
  // A member keeps the slot it was typed in, so its error lands beside its field.
  fieldName: (path, form) => (path[0] === 'members' && typeof path[1] === 'number' ? `member${filledSlots(form)[path[1]] ?? path[1] + 1}Uscc` : String(path[0])),
})

/** A member's answer to an invitation. */
export const joinForm = (answer: 'accept' | 'decline') => formSpec({ schema: consortiumResponseSchema, input: (form) => ({ ...formValues(form), answer }) })

export const objectionForm = formSpec({ schema: objectionSchema })
/** The bidder's verdict on the owner's answer. */
export const verdictForm = formSpec({ schema: objectionVerdictSchema })
export const questionForm = formSpec({ schema: questionSchema })
export const declineForm = formSpec({ schema: declineSchema })
export const explanationForm = formSpec({ schema: explanationSchema })

/** An item offered within a committed time, and a line of the price list's draft. */
export const offeringForm = formSpec({ schema: offeringSchema })
export const priceItemForm = formSpec({ schema: priceItemSchema })

/** A practitioner added or corrected. */
export const practitionerForm = formSpec({ schema: practitionerInputSchema })

/** An offer in a live auction: its shape here, its standing against the board on arrival. */
export const auctionBidForm = formSpec({ schema: auctionBidSchema })
/** The agency's rating of the owner, after acceptance. */
export const ownerEvaluationForm = formSpec({ schema: ownerEvaluationSchema })
