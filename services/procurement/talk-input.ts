import * as z from 'zod/mini'
import { text } from '../shared/fields'

/*
 * What bidders and owners say on a procurement's page: questions while bids are open (答疑), and
 * objections during the standstill (异议), with the owner's answers. Pure, so the browser checks
 * them with the server's messages.
 */
export const questionSchema = z.object({ question: text(5, 1000, 'errors.questionShort') })
export const answerSchema = z.object({ answer: text(2, 2000) })
export const objectionSchema = z.object({ text: text(10, 2000, 'errors.objectionShort') })
export const objectionAnswerSchema = z.object({ response: text(4, 2000, 'errors.reasonShort') })
