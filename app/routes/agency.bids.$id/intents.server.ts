import { intent, type ActionContext, type IntentTable } from '~/utils/action.server'
import type { FieldPath } from '../../../services/shared/errors'
import {
  askQuestion,
  bidInputSchema,
  confirmAward,
  confirmContract,
  confirmDirect,
  consortiumResponseSchema,
  declineAward,
  declineSchema,
  deliver,
  editBid,
  explainPrice,
  explanationSchema,
  MAX_CONSORTIUM_MEMBERS,
  objectionSchema,
  questionSchema,
  raiseObjection,
  respondToConsortium,
  submitBid,
  withdrawBid,
} from '~/utils/services.server'

/** The member slots filled in, in the form's order: member n of the input is slot slots[n]. */
const filledSlots = (values: Record<string, string>) => Array.from({ length: MAX_CONSORTIUM_MEMBERS }, (_, i) => i + 1).filter((n) => (values[`member${n}Uscc`] ?? '').trim())

/** The bid as the schema takes it: repeated checkboxes, and the members typed in. */
const bidInput = ({ form, values }: ActionContext) => ({
  ...values,
  practitionerIds: form.getAll('practitionerIds').map(String),
  leadItemIds: form.getAll('leadItemIds').map(String),
  members: filledSlots(values).map((n) => ({ uscc: values[`member${n}Uscc`]!, itemIds: form.getAll(`member${n}Items`).map(String) })),
})

/** A member keeps the slot it was typed in, so its error lands beside its field. */
const bidField = (path: FieldPath, { values }: ActionContext) => (path[0] === 'members' && typeof path[1] === 'number' ? `member${filledSlots(values)[path[1]] ?? path[1] + 1}Uscc` : String(path[0]))

const bid = (write: typeof submitBid) =>
  intent({ schema: bidInputSchema, input: bidInput, fieldName: bidField, run: async ({ app, actor, id }, input) => void (await write(app.db, app.clock, actor, id as never, input)) })

/** What an agency may do on its page of one procurement. */
export const bidIntents: IntentTable = {
  submit: bid(submitBid),
  edit: bid(editBid),
  confirm: intent({ schema: bidInputSchema, input: bidInput, fieldName: bidField, run: async ({ app, actor, id }, input) => void (await confirmDirect(app.db, app.clock, actor, id, input)) }),
  withdraw: intent({ run: async ({ app, actor, id }) => void (await withdrawBid(app.db, app.clock, actor, id as never)) }),
  joinAccept: intent({ schema: consortiumResponseSchema, input: ({ values }) => ({ ...values, answer: 'accept' }), run: async ({ app, actor, id }, input) => void (await respondToConsortium(app.db, app.clock, actor, id as never, input)) }),
  joinDecline: intent({ schema: consortiumResponseSchema, input: ({ values }) => ({ ...values, answer: 'decline' }), run: async ({ app, actor, id }, input) => void (await respondToConsortium(app.db, app.clock, actor, id as never, input)) }),
  object: intent({ schema: objectionSchema, run: async ({ app, actor, id }, input) => void (await raiseObjection(app.db, app.clock, actor, id, input.text)) }),
  ask: intent({ schema: questionSchema, run: async ({ app, actor, id }, input) => void (await askQuestion(app.db, app.clock, actor, id, input.question)) }),
  decline: intent({ schema: declineSchema, run: async ({ app, actor, id }, input) => void (await declineAward(app.db, app.clock, app.queue, actor, id, input)) }),
  explain: intent({ schema: explanationSchema, run: async ({ app, actor, id }, input) => void (await explainPrice(app.db, app.clock, actor, id, input)) }),
  // Asked again at confirmation: a winner no longer eligible is passed over, and told why.
  confirmAward: intent({ run: async ({ app, actor, id }) => ((await confirmAward(app.db, app.clock, app.queue, actor, id)).confirmed ? undefined : { formError: 'errors.noLongerEligible' }) }),
  confirmContract: intent({ run: async ({ app, actor, id }) => void (await confirmContract(app.db, app.clock, app.queue, actor, id)) }),
  deliver: intent({ fieldName: (path) => (path[0] === 'deliverable' ? 'file' : String(path[0])), run: async ({ app, actor, id, values, bytes }) => void (await deliver(app.db, app.clock, actor, id, values.note ?? '', bytes)) }),
}
