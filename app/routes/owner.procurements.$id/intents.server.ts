import { redirect } from '@remix-run/node'
import { intent, type IntentTable } from '~/utils/action.server'
import {
  addAttachment,
  amendProcurement,
  answerObjection,
  answerQuestion,
  cancelProcurement,
  decideDelivery,
  fundMilestone,
  terminateContract,
  chooseFromShortlist,
  decideExplanation,
  evaluate,
  publishProcurement,
  reannounce,
  removeAttachment,
  requestDirectApproval,
  uploadContract,
} from '~/utils/services.server'
import { contractForm, terminationForm } from '~/forms/contract'
import { amendmentForm, answerForm, cancelForm, decisionForm, evaluationForm, chooseForm, explanationDecisionForm, fileField, objectionAnswerForm } from '~/forms/owner'

/** What an owner may do on its page of one procurement. */
export const ownerIntents: IntentTable = {
  publish: intent({ run: async ({ app, actor, id }) => void (await publishProcurement(app.db, app.clock, app.queue, actor, id)) }),
  askDirectApproval: intent({ run: async ({ app, actor, id }) => void (await requestDirectApproval(app.db, app.clock, actor, id)) }),
  attach: intent({
    fieldName: fileField,
    run: async ({ app, actor, id, form, bytes }) => {
      const file = form.get('file')
      await addAttachment(app.db, app.clock, actor, id, bytes, file && typeof file !== 'string' ? file.name : '')
    },
  }),
  detach: intent({ run: async ({ app, actor, id, values }) => void (await removeAttachment(app.db, app.clock, actor, id, values.fileId ?? '')) }),
  answer: intent({ form: answerForm, run: async ({ app, actor, values }, input) => void (await answerQuestion(app.db, app.clock, actor, values.questionId ?? '', input.answer)) }),
  answerObjection: intent({ form: objectionAnswerForm, run: async ({ app, actor, values }, input) => void (await answerObjection(app.db, app.clock, actor, values.objectionId ?? '', input.response)) }),
  choose: intent({ form: chooseForm, run: async ({ app, actor, id }, input) => void (await chooseFromShortlist(app.db, app.clock, app.queue, actor, id, input)) }),
  decideExplanation: intent({ form: explanationDecisionForm, run: async ({ app, actor, id }, input) => void (await decideExplanation(app.db, app.clock, app.queue, actor, id, input)) }),
  contract: intent({ form: contractForm, run: async ({ app, actor, id, bytes }, input) => void (await uploadContract(app.db, app.clock, actor, id, input, bytes)) }),
  fund: intent({ run: async ({ app, actor, id, values }) => void (await fundMilestone(app.db, app.clock, app.payments, app.queue, actor, id, Number(values.seq))) }),
  terminate: intent({ form: terminationForm, run: async ({ app, actor, id }, input) => void (await terminateContract(app.db, app.clock, app.queue, actor, id, input)) }),
  decide: intent({ form: decisionForm, run: async ({ app, actor, id }, input) => void (await decideDelivery(app.db, app.clock, app.queue, actor, id, input)) }),
  evaluate: intent({ form: evaluationForm, run: async ({ app, actor, id }, input) => void (await evaluate(app.db, app.clock, actor, id, input)) }),
  reannounce: intent({ run: async ({ app, actor, id }) => redirect(`/owner/procurements/${(await reannounce(app.db, app.clock, actor, id)).id}?saved=draft`) }),
  cancel: intent({
    form: cancelForm,
    run: async ({ app, actor, id }, input) => {
      await cancelProcurement(app.db, app.clock, actor, id, input.reason)
      // A live auction's boards hear at once that it stopped.
      await app.broadcaster.publish(id)
    },
  }),
  amend: intent({ form: amendmentForm, run: async ({ app, actor, id }, input) => void (await amendProcurement(app.db, app.clock, app.queue, actor, id, input)) }),
}
