import type { ActionFunctionArgs } from '@remix-run/node'
import type { $ZodType, output } from 'zod/v4/core'
import { isMessageKey, type MessageKey } from '~/i18n'
import type { Permission, SessionContext } from '../../services/auth'
import { isFenParam, type FieldPath } from '../../services/shared/errors'
import { fenToYuanInput } from '../../services/shared/money'
import type { ActionReply } from './action-reply'
import { getApp, type App } from './app.server'
import { checkForm, firstPart, formValues, type FormSpec } from './form-spec'
import { requirePermission } from './auth.server'
import { readActionForm } from './upload.server'
import { assertSameOrigin, clientIp, readForm } from './request.server'
import { DomainError } from './services.server'

/** What a handler gets: the request's session, the app, the actor to record, the route's id, and the form. */
export interface ActionContext {
  request: Request
  session: SessionContext
  app: App
  actor: { userId: SessionContext['user']['id']; orgId: SessionContext['org']['id']; ip: string | null }
  /** the route's `$id`, as given (services check its shape) */
  id: string
  form: FormData
  values: Record<string, string>
  /** the uploaded file's bytes (empty without one), on routes that accept a file */
  bytes: Uint8Array
}

/** One intent of an action: what its form must hold, who may send it, and what it does. */
export interface Intent<S extends $ZodType = $ZodType> {
  /** the form, as the browser checks it too; without one the intent takes no input */
  form?: FormSpec<S>
  /** the form's name for a path the service reported, on an intent with no form spec */
  fieldName?: (path: FieldPath, form: FormData) => string
  /** besides the route's permission */
  permission?: Permission
  /** the work: nothing for "done", a Response (a redirect), or a reply's message and its words (a failure when it names a formError) */
  run: (ctx: ActionContext, input: output<S>) => Promise<Response | void | { formError?: MessageKey; params?: Record<string, string | number> }>
}

export type IntentTable = Record<string, Intent>

/** Builds an intent with its input typed from its form's schema; `schema` alone is a form of the values as sent. */
export function intent<S extends $ZodType>(spec: (Omit<Intent<S>, 'form'> & { form: FormSpec<S> }) | (Omit<Intent<S>, 'form'> & { schema: S }) | Omit<Intent<S>, 'form'>): Intent {
  const form = 'form' in spec ? spec.form : 'schema' in spec ? { schema: spec.schema } : undefined
  return { ...spec, form } as unknown as Intent
}

/** A reply: done when it names no error; a failure, with the values sent back, when it names any. */
export function reply(intent: string, values: Record<string, string>, fields: ActionReply['errors'] = {}, formError?: MessageKey, params: Record<string, string | number> = {}, detail: Record<string, unknown> = {}): ActionReply {
  const failed = formError !== undefined || Object.keys(fields).length > 0
  return { intent, ok: !failed, errors: fields, values, ...(failed ? { formError: formError ?? 'errors.form', params, detail } : {}) }
}

/** The reply to a domain error: on its field when it names one, else for the form; fen shown as yuan, in one place. */
export function domainReply(error: DomainError, intent: string, values: Record<string, string>, fieldName: (path: FieldPath) => string): ActionReply {
  const code = (isMessageKey(error.code) ? error.code : 'errors.form') as MessageKey
  const params: Record<string, string | number> = {}
  const detail: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(error.params)) {
    if (isFenParam(v)) params[k] = fenToYuanInput(v.fen)
    else if (typeof v === 'string' || typeof v === 'number') params[k] = v
    else detail[k] = v
  }
  return error.path ? reply(intent, values, { [fieldName(error.path)]: code }, 'errors.form', params, detail) : reply(intent, values, {}, code, params, detail)
}

export interface ActionOptions {
  /** who may send any of this route's forms */
  permission: Permission
  intents: IntentTable
  /** the file field, on routes whose forms may carry a file */
  upload?: string
  /** the status of a reply, when not 200 for done and 400 for an error */
  status?: (reply: ActionReply) => number | undefined
}

/**
 * Every action in one shape: the origin check, the route's permission, the form (with a file
 * where `upload` names its field), the intent's own permission and schema, the call, and the
 * reply: 200 when done, 400 with field errors, 413 for a file too large. A domain error is a
 * 400 on its field; anything else is a real failure and propagates.
 */
export async function runIntents({ request, params }: ActionFunctionArgs, options: ActionOptions): Promise<Response> {
  assertSameOrigin(request)
  const session = await requirePermission(request, options.permission)
  const app = await getApp()
  const read = options.upload ? await readActionForm(request, options.upload) : { form: await readForm(request), bytes: new Uint8Array(), tooLarge: false }
  const values = read.form ? formValues(read.form) : {}
  // A form of a route with one intent need not name it.
  const only = Object.keys(options.intents)
  const name = values.intent ?? (only.length === 1 ? only[0]! : '')
  const answer = (r: ActionReply, status = options.status?.(r) ?? (r.ok ? 200 : 400)) => Response.json(r, { status })
  if (read.tooLarge || !read.form) return answer(reply(name, values, { [options.upload ?? 'file']: 'errors.fileTooLarge' }), 413)
  const spec = Object.hasOwn(options.intents, name) ? options.intents[name] : undefined
  if (!spec) return answer(reply(name, values, {}, 'errors.illegalStep'))
  if (spec.permission) await requirePermission(request, spec.permission)
  const ctx: ActionContext = { request, session, app, actor: { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }, id: params.id ?? '', form: read.form, values, bytes: read.bytes }
  const named = spec.form?.fieldName ?? spec.fieldName
  const fieldName = (path: FieldPath) => (named ? named(path, ctx.form) : firstPart(path))
  const lists = spec.form?.lists
  const withLists = (r: ActionReply): ActionReply => (lists ? { ...r, lists: Object.fromEntries(lists.map((key) => [key, ctx.form.getAll(key).map(String)])) } : r)
  let input: unknown = undefined
  if (spec.form) {
    const checked = checkForm(spec.form, ctx.form)
    if (!checked.ok) return answer(withLists(reply(name, values, checked.errors)))
    input = checked.data
  }
  try {
    const done = await spec.run(ctx, input)
    if (done instanceof Response) return done
    if (done?.formError) return answer(withLists(reply(name, values, {}, done.formError, done.params)))
    if (done?.params) return answer({ ...reply(name, {}), params: done.params })
    return answer(reply(name, {}))
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return answer(withLists(domainReply(error, name, values, fieldName)))
  }
}

/** What a public form's handler gets: no session, the form as sent. */
export interface PublicContext {
  request: Request
  app: App
  form: FormData
  values: Record<string, string>
}

/**
 * The one shape for a form anyone may send (sign-in, sign-up): the origin check, the schema, the
 * call, and the reply to a domain error. `secret` names the fields never sent back into the page.
 */
export async function runPublicForm<S extends $ZodType>(
  { request }: ActionFunctionArgs,
  spec: { form: FormSpec<S>; secret?: readonly string[]; run: (ctx: PublicContext, input: output<S>) => Promise<Response | { formError: MessageKey }> },
): Promise<Response> {
  assertSameOrigin(request)
  const form = await readForm(request)
  const values = formValues(form)
  for (const key of spec.secret ?? []) delete values[key]
  const answer = (r: ActionReply) => Response.json(r, { status: r.ok ? 200 : 400 })
  const checked = checkForm(spec.form, form)
  if (!checked.ok) return answer(reply('', values, checked.errors))
  try {
    const done = await spec.run({ request, app: await getApp(), form, values }, checked.data)
    return done instanceof Response ? done : answer(reply('', values, {}, done.formError))
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return answer(domainReply(error, '', values, firstPart))
  }
}
