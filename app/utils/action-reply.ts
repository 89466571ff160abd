import type { MessageKey } from '~/i18n'
import type { FieldErrors } from './forms'

/**
 * What every action answers, and every page reads back (`useActionData<ActionReply>()`): the
 * intent it was, and on failure the errors by form field, the message for the form as a whole,
 * the words or numbers that message needs, and the values sent (so nothing typed is lost).
 */
export interface ActionReply {
  intent: string
  ok: boolean
  errors: FieldErrors
  values: Record<string, string>
  /** the repeated fields sent (checkboxes), each with all its values */
  lists?: Record<string, string[]>
  formError?: MessageKey
  /** the words and numbers the message needs (amounts already in yuan) */
  params?: Record<string, string | number>
  /** what the error carried besides (a list of reasons, each shown as the page sees fit) */
  detail?: Record<string, unknown>
}

/** The reply to this intent, if the last submission was one. */
export function replyFor(reply: ActionReply | undefined, ...intents: string[]): ActionReply | undefined {
  return reply && intents.includes(reply.intent) ? reply : undefined
}

/** The reply if it failed (for the error summary and the fields), else undefined. */
export function failed(reply: ActionReply | undefined): ActionReply | undefined {
  return reply && !reply.ok ? reply : undefined
}

/** What a form shows again after a failed submit: the values sent, repeated fields as lists. */
export function sentValues(reply: ActionReply | undefined): Record<string, string | string[]> | undefined {
  return reply && !reply.ok ? { ...reply.values, ...reply.lists } : undefined
}
