import { redirect } from '@remix-run/node'
import { intent, type IntentTable } from '~/utils/action.server'
import type { FieldPath } from '../../../services/shared/errors'
import {
  addAttachment,
  amendmentSchema,
  amendProcurement,
  answerObjection,
  answerQuestion,
  answerSchema,
  cancelProcurement,
  contractInputSchema,
  decideDelivery,
  decideExplanation,
  decisionSchema,
  evaluate,
  evaluationSchema,
  explanationDecisionSchema,
  objectionAnswerSchema,
  publishProcurement,
  reannounce,
  removeAttachment,
  requestDirectApproval,
  uploadContract,
} from '~/utils/services.server'

/** A file's error belongs to the form's file field, whatever the service calls the file. */
const fileField = (path: FieldPath) => (path[0] === 'contract' || path[0] === 'attachment' ? 'file' : String(path[0]))

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
  answer: intent({ schema: answerSchema, run: async ({ app, actor, values }, input) => void (await answerQuestion(app.db, app.clock, actor, values.questionId ?? '', input.answer)) }),
  answerObjection: intent({ schema: objectionAnswerSchema, run: async ({ app, actor, values }, input) => void (await answerObjection(app.db, app.clock, actor, values.objectionId ?? '', input.response)) }),
  decideExplanation: intent({ schema: explanationDecisionSchema, run: async ({ app, actor, id }, input) => void (await decideExplanation(app.db, app.clock, app.queue, actor, id, input)) }),
  contract: intent({ schema: contractInputSchema, fieldName: fileField, run: async ({ app, actor, id, bytes }, input) => void (await uploadContract(app.db, app.clock, actor, id, input, bytes)) }),
  decide: intent({ schema: decisionSchema, run: async ({ app, actor, id }, input) => void (await decideDelivery(app.db, app.clock, actor, id, input)) }),
  evaluate: intent({ schema: evaluationSchema, run: async ({ app, actor, id }, input) => void (await evaluate(app.db, app.clock, actor, id, input)) }),
  reannounce: intent({ run: async ({ app, actor, id }) => redirect(`/owner/procurements/${(await reannounce(app.db, app.clock, actor, id)).id}?saved=draft`) }),
  cancel: intent({
    run: async ({ app, actor, id, values }) => {
      await cancelProcurement(app.db, app.clock, actor, id, values.reason ?? '')
      // A live auction's boards hear at once that it stopped.
      await app.broadcaster.publish(id)
    },
  }),
  amend: intent({
    schema: amendmentSchema,
    input: ({ form, values }) => {
      const chosen = form.getAll('requirementSpecialties').map(String)
      // Sent back as one value, so the checkboxes come back as they were ticked.
      values.requirementSpecialties = chosen.join(',')
      return { ...values, requirementSpecialties: chosen }
    },
    run: async ({ app, actor, id }, input) => void (await amendProcurement(app.db, app.clock, app.queue, actor, id, input)),
  }),
}
