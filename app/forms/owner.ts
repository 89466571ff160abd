import { formSpec, formValues } from '~/utils/form-spec'
import type { FieldPath } from '../../services/shared/errors'
import { decisionSchema, evaluationSchema } from '../../services/procurement/after-award-input'
import { amendmentSchema, cancelSchema, procurementFormInput, procurementInputSchema } from '../../services/procurement/input'
import { answerSchema, objectionAnswerSchema } from '../../services/procurement/talk-input'
import { chooseSchema, explanationDecisionSchema } from '../../services/selection/offer-input'

/*
 * The owner's forms, as the browser checks them before sending and the actions check them on
 * arrival.
 */

/** A new draft, or an edit of one: the checkboxes always lists. */
export const procurementForm = formSpec({ schema: procurementInputSchema, input: procurementFormInput, lists: ['itemCodes', 'requirementSpecialties'] })

/** Key terms changed while bidding is open. */
export const amendmentForm = formSpec({ schema: amendmentSchema, input: (form) => ({ ...formValues(form), requirementSpecialties: form.getAll('requirementSpecialties').map(String) }), lists: ['requirementSpecialties'] })

export const cancelForm = formSpec({ schema: cancelSchema })
export const answerForm = formSpec({ schema: answerSchema })
export const objectionAnswerForm = formSpec({ schema: objectionAnswerSchema })
export const explanationDecisionForm = formSpec({ schema: explanationDecisionSchema })
/** Credit shortlist: the owner's choice from the short list, with its reason. */
export const chooseForm = formSpec({ schema: chooseSchema })

/** A file's error belongs to the form's file field, whatever the service calls the file. */
export const fileField = (path: FieldPath) => (path[0] === 'contract' || path[0] === 'attachment' ? 'file' : String(path[0]))

/** The signed contract's start (its file is checked on arrival). */
export const decisionForm = formSpec({ schema: decisionSchema })
export const evaluationForm = formSpec({ schema: evaluationSchema })
