import { intent, type IntentTable } from '~/utils/action.server'
import { readCookie } from '~/utils/cookies.server'
import {
  askQuestion,
  confirmAward,
  confirmContract,
  confirmDirect,
  declineAward,
  deliver,
  editBid,
  evaluateOwner,
  explainPrice,
  respondToConsortium,
  submitBid,
  withdrawBid,
} from '~/utils/services.server'
import { bidForm, declineForm, explanationForm, joinForm, ownerEvaluationForm, questionForm } from '~/forms/agency'

// Where the bid is sent from: the address is the actor's; the device mark and user agent the browser's.
const originOf = (request: Request) => ({ deviceId: readCookie(request, 'zjcs_device'), userAgent: request.headers.get('user-agent') })
const bid = (write: typeof submitBid) => intent({ form: bidForm, run: async ({ app, actor, id, request }, input) => void (await write(app.db, app.clock, actor, id as never, input, originOf(request))) })

/** What an agency may do on its page of one procurement. */
export const bidIntents: IntentTable = {
  submit: bid(submitBid),
  edit: bid(editBid),
  confirm: intent({ form: bidForm, run: async ({ app, actor, id }, input) => void (await confirmDirect(app.db, app.clock, actor, id, input)) }),
  withdraw: intent({ run: async ({ app, actor, id }) => void (await withdrawBid(app.db, app.clock, actor, id as never)) }),
  joinAccept: intent({ form: joinForm('accept'), run: async ({ app, actor, id }, input) => void (await respondToConsortium(app.db, app.clock, actor, id as never, input)) }),
  joinDecline: intent({ form: joinForm('decline'), run: async ({ app, actor, id }, input) => void (await respondToConsortium(app.db, app.clock, actor, id as never, input)) }),
  ask: intent({ form: questionForm, run: async ({ app, actor, id }, input) => void (await askQuestion(app.db, app.clock, actor, id, input.question)) }),
  decline: intent({ form: declineForm, run: async ({ app, actor, id }, input) => void (await declineAward(app.db, app.clock, app.queue, actor, id, input)) }),
  explain: intent({ form: explanationForm, run: async ({ app, actor, id }, input) => void (await explainPrice(app.db, app.clock, actor, id, input)) }),
  // Asked again at confirmation: a winner no longer eligible is passed over, and told why.
  confirmAward: intent({ run: async ({ app, actor, id }) => ((await confirmAward(app.db, app.clock, app.queue, actor, id)).confirmed ? undefined : { formError: 'errors.noLongerEligible' }) }),
  confirmContract: intent({ run: async ({ app, actor, id }) => void (await confirmContract(app.db, app.clock, app.queue, actor, id)) }),
  deliver: intent({ fieldName: (path) => (path[0] === 'deliverable' ? 'file' : String(path[0])), run: async ({ app, actor, id, values, bytes }) => void (await deliver(app.db, app.clock, actor, id, values.note ?? '', bytes)) }),
  evaluateOwner: intent({ form: ownerEvaluationForm, run: async ({ app, actor, id }, input) => void (await evaluateOwner(app.db, app.clock, actor, id, input)) }),
}
